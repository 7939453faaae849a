import type { Models } from "../../app.js";
import { ExtendBody, LoginBody, parse } from "../../model/schemas.js";
import { sessionView } from "../../model/sessions.js";
import type { Route } from "../router.js";

export function sessionRoutes(m: Models): Route[] {
  return [
    {
      method: "POST",
      path: "/sessions",
      access: "none",
      handler: (c) => {
        const { token, session } = m.sessions.login(parse(LoginBody, c.body, "login request"));
        return { status: 200, body: sessionView(session), headers: { "X-VCAV-Auth": token } };
      },
    },
    {
      method: "GET",
      path: "/sessions",
      access: "user",
      handler: (c) => ({ status: 200, body: sessionView(c.session) }),
    },
    {
      method: "DELETE",
      path: "/sessions",
      access: "user",
      handler: (c) => {
        m.sessions.logout(c.session.token);
        return { status: 204 };
      },
    },
    // guide says "(authentication not required)" but it extends the caller's session (decisions: require one)
    {
      method: "POST",
      path: "/sessions/extend",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: sessionView(m.sessions.extend(c.session, parse(ExtendBody, c.body, "session extension"))),
      }),
    },
    {
      method: "DELETE",
      path: "/sessions/{site}",
      access: "user",
      handler: (c) => ({ status: 200, body: sessionView(m.sessions.forgetSite(c.session, c.params.site as string)) }),
    },
  ];
}
