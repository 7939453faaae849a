import type { Models } from "../../app.js";
import { paging, qStr, type Route } from "../router.js";

/**
 * `GET /sites` and `/sites/{site}` (latest and 4.6 reference). The `/inventory/*` and `/vc-sites/*` reads are not in
 * the reference: their paths and shapes are those of public client code (README).
 */
export function inventoryRoutes(m: Models): Route[] {
  const I = m.inventory;
  return [
    { method: "GET", path: "/sites", access: "user", handler: () => ({ status: 200, body: I.sites() }) },
    {
      method: "GET",
      path: "/sites/{site}",
      access: "user",
      handler: (c) => ({ status: 200, body: I.site(c.params.site as string) }),
    },
    {
      method: "GET",
      path: "/inventory/orgs",
      access: "user",
      handler: (c) => ({ status: 200, body: I.orgs(c.session, { site: qStr(c.query, "site"), ...paging(c.query) }) }),
    },
    {
      method: "GET",
      path: "/inventory/vdcs",
      access: "user",
      handler: (c) => {
        const q = c.query;
        const f = { site: qStr(q, "site"), name: qStr(q, "name"), org: qStr(q, "org") };
        return { status: 200, body: I.vdcs(c.session, { ...f, ...paging(q) }) };
      },
    },
    {
      method: "GET",
      path: "/inventory/vdcs/{vdcId}/storage-profiles",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: I.storageProfiles(c.session, c.params.vdcId as string, qStr(c.query, "site")),
      }),
    },
    {
      method: "GET",
      path: "/inventory/vapps",
      access: "user",
      handler: (c) => {
        const q = c.query;
        const f = { site: qStr(q, "site"), name: qStr(q, "name"), org: qStr(q, "org"), vdcId: qStr(q, "vdcId") };
        return { status: 200, body: I.vapps(c.session, { ...f, ...paging(q) }) };
      },
    },
    {
      method: "GET",
      path: "/inventory/vms",
      access: "user",
      handler: (c) => {
        const q = c.query;
        const f = { site: qStr(q, "site"), name: qStr(q, "name"), vappId: qStr(q, "vappId"), org: qStr(q, "org") };
        return { status: 200, body: I.vms(c.session, { ...f, ...paging(q) }) };
      },
    },
    {
      method: "GET",
      path: "/vc-sites/{site}/vcenters",
      access: "user",
      handler: (c) => ({ status: 200, body: I.vcenters(c.session, c.params.site as string) }),
    },
    {
      method: "GET",
      path: "/vc-sites/{site}/{vcId}/vms",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: I.vcenterVms(c.session, c.params.site as string, c.params.vcId as string, paging(c.query)),
      }),
    },
  ];
}
