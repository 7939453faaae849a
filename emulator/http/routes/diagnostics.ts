import type { Models } from "../../app.js";
import { NotImplemented } from "../../model/errors.js";
import { type Route, requireAdmin } from "../router.js";

const bundles = (): never => {
  throw new NotImplemented("Support bundles");
};

export function diagnosticsRoutes(m: Models): Route[] {
  const admin = (c: { session: Parameters<typeof requireAdmin>[0] }) => {
    requireAdmin(c.session);
    return bundles();
  };
  return [
    {
      method: "GET",
      path: "/diagnostics/about",
      access: "user",
      handler: () => ({ status: 200, body: m.diagnostics.about() }),
    },
    {
      method: "GET",
      path: "/diagnostics/health",
      access: "admin",
      handler: (c) => {
        const h = m.profile.health;
        const task = {
          user: c.session.principal,
          type: h.workflowType,
          resourceType: h.resourceType,
          resourceId: null,
          resourceName: null,
          site: m.world.localSite,
        };
        const t = h.running
          ? m.tasks.start({ ...task, action: { kind: "diagnostics.health" } })
          : m.tasks.finished(task, { resultType: "CloudHealthInfo", result: m.diagnostics.health() });
        return { status: h.status, body: m.tasks.view(t, true) };
      },
    },
    { method: "POST", path: "/diagnostics/bundles", access: "user", handler: admin },
    { method: "GET", path: "/diagnostics/bundles", access: "user", handler: admin },
    { method: "POST", path: "/diagnostics/bundles/{bundleId}", access: "user", handler: admin },
    { method: "GET", path: "/diagnostics/bundles/{bundleId}", access: "user", handler: admin },
    { method: "DELETE", path: "/diagnostics/bundles/{bundleId}", access: "user", handler: admin },
    { method: "POST", path: "/diagnostics/bundles/cookie/{bundleId}", access: "user", handler: admin },
    { method: "GET", path: "/diagnostics/bundles/cookie/{bundleId}", access: "none", handler: bundles },
  ];
}
