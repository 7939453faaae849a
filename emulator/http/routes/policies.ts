import type { Models } from "../../app.js";
import { qStr, type Route } from "../router.js";

export function policyRoutes(m: Models): Route[] {
  const site = (c: { session: Parameters<Models["sessions"]["resolveSite"]>[0]; query: URLSearchParams }) =>
    m.sessions.resolveSite(c.session, qStr(c.query, "site"));
  return [
    {
      method: "GET",
      path: "/policies",
      access: "user",
      handler: (c) => {
        site(c);
        return { status: 200, body: m.policies.list().map((p) => m.policies.view(p)) };
      },
    },
    {
      method: "POST",
      path: "/policies",
      access: "admin",
      handler: (c) => {
        const p = m.policies.create(c.body);
        return { status: 201, body: m.policies.view(p), headers: { Location: `/policies/${p.id}` } };
      },
    },
    // before /policies/{policyId} so "sync" is not taken for an id
    {
      method: "POST",
      path: "/policies/sync",
      access: "admin",
      handler: (c) => {
        const t = m.tasks.start({
          user: c.session.principal,
          type: "sync",
          resourceType: "policies",
          resourceId: null,
          resourceName: null,
          site: m.world.localSite,
          action: { kind: "policies.sync" },
        });
        return { status: 202, body: m.tasks.view(t, true) };
      },
    },
    {
      method: "GET",
      path: "/policies/{policyId}",
      access: "user",
      handler: (c) => {
        site(c);
        return { status: 200, body: m.policies.view(m.policies.get(c.params.policyId as string)) };
      },
    },
    {
      method: "PUT",
      path: "/policies/{policyId}",
      access: "admin",
      handler: (c) => ({
        status: 200,
        body: m.policies.view(m.policies.replace(c.params.policyId as string, c.body)),
      }),
    },
    {
      method: "DELETE",
      path: "/policies/{policyId}",
      access: "admin",
      handler: (c) => {
        m.policies.delete(c.params.policyId as string);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      path: "/policies/{policyId}/status",
      access: "admin",
      handler: (c) => ({ status: 200, body: m.policies.status(c.params.policyId as string) }),
    },
    {
      method: "PATCH",
      path: "/policies/{policyId}/orgs/{org}",
      access: "admin",
      handler: (c) => {
        m.policies.assign(c.params.policyId as string, c.params.org as string);
        return { status: 202 };
      },
    },
  ];
}
