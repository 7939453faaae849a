import type { Models } from "../../app.js";
import { qStr, type Route } from "../router.js";

/** SLA profiles (latest reference: GET list, POST assign → 201, DELETE unassign → 204). */
export function slaProfileRoutes(m: Models): Route[] {
  const path = "/sla-profiles/orgs/{org}/profiles/{profileId}";
  return [
    {
      method: "GET",
      path: "/sla-profiles",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: m.slaProfiles.list(m.sessions.resolveSite(c.session, qStr(c.query, "site"))),
      }),
    },
    {
      method: "POST",
      path,
      access: "admin",
      handler: (c) => {
        m.slaProfiles.assign(c.params.org as string, c.params.profileId as string);
        return { status: 201 };
      },
    },
    {
      method: "DELETE",
      path,
      access: "admin",
      handler: (c) => {
        m.slaProfiles.unassign(c.params.org as string, c.params.profileId as string);
        return { status: 204 };
      },
    },
  ];
}
