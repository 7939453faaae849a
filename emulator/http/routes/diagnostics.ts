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
        const t = m.tasks.finished(
          {
            user: c.session.principal,
            type: "healthInfo",
            resourceType: "cloudService",
            resourceId: null,
            resourceName: null,
            site: m.world.localSite,
          },
          { resultType: "CloudHealthInfo", result: m.diagnostics.health() },
        );
        return { status: 200, body: m.tasks.view(t, true) };
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
