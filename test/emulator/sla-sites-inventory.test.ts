/**
 * SLA profiles, sites and the inventory reads (issue 13's lookups by name) over real HTTP: shapes, exact name
 * filters, paging, tenant scope and remote sites.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import {
  admin,
  type Client,
  cloudBody,
  IDS,
  type Json,
  openOrg,
  replicate,
  start,
  TENANT3,
  tenant,
} from "./helpers.js";

const SILVER = "3c8d9e0f-0000-4000-8000-000000000002";
const SLA_KEYS = [
  "id",
  "displayName",
  "rpo",
  "retentionPolicy",
  "quiesced",
  "dataConnectionType",
  "initialSyncTime",
  "orgs",
  "replications",
];

describe("SLA profiles, sites and inventory reads", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start();
    c = await admin(e);
  });
  afterAll(() => e.close());
  const state = async () => (await (await fetch(`${e.url}/_emulator/state`)).json()) as Json;

  describe("SLA profiles", () => {
    it("lists the inventory's profiles as a bare array with their assignment and replication counts", async () => {
      const r = await c.get("/sla-profiles");
      expect(r.status).toBe(200);
      expect(r.body.map((p: Json) => p.displayName)).toEqual(["Gold", "Silver", "Bronze"]);
      expect(Object.keys(r.body[0])).toEqual(SLA_KEYS); // 4.1: no description
      expect(r.body[0]).toEqual({
        id: IDS.gold,
        displayName: "Gold",
        rpo: 15,
        retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
        quiesced: true,
        dataConnectionType: "ENCRYPTED",
        initialSyncTime: 0,
        orgs: 0,
        replications: 1, // the guide's example replication
      });
      await openOrg(c, "org2");
      await replicate(
        c,
        cloudBody(IDS.demoVm(1), { slaProfileId: SILVER, rpo: undefined, retentionPolicy: undefined }),
      );
      const silver = (await c.get("/sla-profiles")).body.find((p: Json) => p.id === SILVER);
      expect(silver.replications).toBe(1);
      // tenants read them too; a remote site needs the session extended
      const t = await tenant(e);
      expect((await t.get("/sla-profiles")).body).toHaveLength(3);
      const remote = await t.get("/sla-profiles?site=site1");
      expect([remote.status, remote.body.code]).toEqual([401, "RemoteAuthenticationFailure"]);
      expect((await c.get("/sla-profiles?site=site1")).body).toEqual([]);
    });

    it("assigns (201) and unassigns (204) a profile to a local org; twice or not assigned is harmless", async () => {
      const path = (org: string, id = IDS.gold) => `/sla-profiles/orgs/${org}/profiles/${id}`;
      const orgsOf = async (id = IDS.gold) => (await c.get("/sla-profiles")).body.find((p: Json) => p.id === id).orgs;
      const a = await c.post(path("org2"));
      expect([a.status, a.body]).toEqual([201, undefined]);
      expect((await c.post(path("org2"))).status).toBe(201);
      expect((await c.post(path("org3"))).status).toBe(201);
      expect((await c.post(path("org3", SILVER))).status).toBe(201);
      expect(await orgsOf()).toBe(2);
      expect((await state()).slaAssignments).toEqual([
        { org: "org2", profileId: IDS.gold },
        { org: "org3", profileId: IDS.gold },
        { org: "org3", profileId: SILVER },
      ]);
      const d = await c.del(path("org3"));
      expect([d.status, d.body]).toEqual([204, undefined]);
      expect((await c.del(path("org3"))).status).toBe(204);
      expect((await c.del(path("s2org"))).status).toBe(204);
      expect(await orgsOf()).toBe(1);
      for (const [method, p, code] of [
        ["POST", path("nope"), "OrgNotFound"],
        ["POST", path("org1"), "OrgNotFound"], // org1 is site1's, not a local org
        ["POST", path("org2", "nope"), "SlaProfileNotFound"],
        ["DELETE", path("nope"), "OrgNotFound"],
        ["DELETE", path("org2", "nope"), "SlaProfileNotFound"],
      ] as const) {
        const r = await c.call(method, p);
        expect([r.status, r.body.code], `${method} ${p}`).toEqual([404, code]);
      }
      const t = await tenant(e);
      expect((await t.post(path("org2"))).status).toBe(403);
      expect((await t.del(path("org2"))).status).toBe(403);
    });
  });

  describe("sites", () => {
    it("lists the paired cloud sites as a bare array and reads one; on-prem and unknown sites are 404", async () => {
      const r = await c.get("/sites");
      expect(r.status).toBe(200);
      expect(r.body.map((s: Json) => [s.site, s.isLocal])).toEqual([
        ["site2", true],
        ["site1", false],
      ]);
      expect(r.body[0]).toMatchObject({
        description: "Local cloud site (this appliance)",
        apiUrl: "https://site2.vcda.example:8048",
        apiPublicUrl: "https://site2.vcda.example:443",
        apiVersion: "4.1",
        buildVersion: "4.1.0.1660207-48e5972493",
        state: { incomingCommError: null, outgoingCommError: null },
      });
      expect(r.body[0].apiThumbprint).toMatch(/^SHA-256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect((await c.get("/sites/site1")).body).toEqual(r.body[1]);
      for (const s of ["onprem1", "nope"]) {
        const x = await c.get(`/sites/${s}`);
        expect([x.status, x.body.code]).toEqual([404, "SiteNotFound"]);
      }
      expect((await (await tenant(e)).get("/sites")).body).toHaveLength(2);
    });
  });

  describe("inventory reads", () => {
    const items = (r: { body: Json }) => r.body.items.map((x: Json) => x.name);

    it("lists orgs of a site, paged; tenants see their own; a remote site needs the session extended", async () => {
      const r = await c.get("/inventory/orgs");
      expect(r.body).toEqual({
        items: [
          { name: "org2", site: "site2" },
          { name: "org3", site: "site2" },
          { name: "s2org", site: "site2" },
        ],
        total: 3,
        offset: 0,
        limit: 100,
      });
      expect((await c.get("/inventory/orgs?limit=1&offset=1")).body).toMatchObject({
        items: [{ name: "org3" }],
        total: 3,
      });
      expect(items(await c.get("/inventory/orgs?site=site1"))).toEqual(["org1"]);
      const t = await tenant(e);
      expect(items(await t.get("/inventory/orgs"))).toEqual(["org2"]);
      const remote = await t.get("/inventory/orgs?site=site1");
      expect([remote.status, remote.body.code]).toEqual([401, "RemoteAuthenticationFailure"]);
      const extended = await tenant(e, undefined, "site1");
      expect(items(await extended.get("/inventory/orgs?site=site1"))).toEqual(["org1"]);
      expect((await c.get("/inventory/orgs?site=onprem1")).status).toBe(400);
      expect((await c.get("/inventory/orgs?site=nope")).body.code).toBe("SiteNotFound");
    });

    it("finds vDCs by exact name and org, and lists a vDC's storage profiles", async () => {
      const r = await c.get("/inventory/vdcs?name=Virtual%20DC%202");
      expect(r.body.items).toEqual([
        { id: IDS.vdcOrg2, name: "Virtual DC 2", org: "org2", site: "site2" },
        { id: "5ee9224f-305d-46f6-865f-b605e70acef8", name: "Virtual DC 2", org: "s2org", site: "site2" },
      ]);
      expect((await c.get("/inventory/vdcs?name=Virtual%20DC%202&org=s2org")).body.total).toBe(1);
      expect((await c.get("/inventory/vdcs?name=virtual%20dc%202")).body.total).toBe(0);
      expect((await c.get("/inventory/vdcs?name=Virtual%20DC")).body.total).toBe(0);
      expect((await c.get("/inventory/vdcs?site=site1")).body.items).toEqual([
        { id: IDS.vdcOrg1, name: "Virtual DC 1", org: "org1", site: "site1" },
      ]);
      const t3 = await tenant(e, TENANT3);
      expect((await t3.get("/inventory/vdcs")).body.items.map((v: Json) => v.id)).toEqual([IDS.vdcOrg3]);
      const sp = await c.get(`/inventory/vdcs/${IDS.vdcOrg2}/storage-profiles`);
      expect(sp.body).toEqual([
        { id: "9a1f2b3c-0000-4000-8000-000000000201", name: "Default" },
        { id: "9a1f2b3c-0000-4000-8000-000000000202", name: "Gold Storage" },
      ]);
      expect((await t3.get(`/inventory/vdcs/${IDS.vdcOrg2}/storage-profiles`)).body.code).toBe("VdcNotFound");
      expect((await c.get(`/inventory/vdcs/${IDS.vdcOrg2}/storage-profiles?site=site1`)).status).toBe(404);
      expect((await c.get(`/inventory/vdcs/${IDS.vdcOrg1}/storage-profiles?site=site1`)).body).toEqual([
        { id: "9a1f2b3c-0000-4000-8000-000000000101", name: "Default" },
      ]);
    });

    it("finds vApps with their VMs and VMs by name or vApp", async () => {
      const r = await c.get("/inventory/vapps?site=site1&name=web-tier");
      expect(r.body).toMatchObject({ total: 1, offset: 0, limit: 100 });
      expect(r.body.items[0]).toEqual({
        id: IDS.webTier,
        name: "web-tier",
        org: "org1",
        vdcId: IDS.vdcOrg1,
        site: "site1",
        vms: [
          { id: IDS.webVm(1), name: "web-01" },
          { id: IDS.webVm(2), name: "web-02" },
          { id: IDS.webVm(3), name: "web-03" },
        ],
      });
      expect((await c.get(`/inventory/vapps?site=site1&org=org1&vdcId=${IDS.vdcOrg1}`)).body.total).toBeGreaterThan(20);
      expect((await c.get("/inventory/vapps?site=site1&name=WEB-TIER")).body.total).toBe(0);
      expect(items(await c.get("/inventory/vapps?name=seed%20vApp"))).toEqual(["seed vApp"]);
      const vms = await c.get(`/inventory/vms?site=site1&vappId=${IDS.webTier}`);
      expect(items(vms)).toEqual(["web-01", "web-02", "web-03"]);
      expect((await c.get("/inventory/vms?site=site1&name=web-02")).body.items).toEqual([
        {
          id: IDS.webVm(2),
          name: "web-02",
          org: "org1",
          vdcId: IDS.vdcOrg1,
          vappId: IDS.webTier,
          vappName: "web-tier",
          site: "site1",
        },
      ]);
      expect((await c.get("/inventory/vms?site=site1&name=Web-02")).body.total).toBe(0);
      const page = await c.get("/inventory/vms?site=site1&limit=5&offset=5");
      expect([page.body.items.length, page.body.offset, page.body.limit]).toEqual([5, 5, 5]);
      // tenants: their orgs only, here and at an extended site
      const t2 = await tenant(e, undefined, "site1");
      expect(items(await t2.get("/inventory/vms?site=site1&name=web-01"))).toEqual(["web-01"]);
      expect((await t2.get("/inventory/vms")).body.items.every((v: Json) => v.org === "org2")).toBe(true);
      const t3 = await tenant(e, TENANT3);
      expect((await t3.get("/inventory/vapps?name=seed%20vApp")).body.total).toBe(0);
      expect((await t3.get("/inventory/vms?site=site1")).body.code).toBe("RemoteAuthenticationFailure");
    });

    it("lists vCenters of a site and their VMs; tenants of the org that paired an on-prem site see it", async () => {
      const vcs = await c.get("/vc-sites/onprem1/vcenters");
      expect(vcs.body).toEqual([{ vcId: IDS.vcOnprem1, name: "vc.onprem1", site: "onprem1" }]);
      expect((await c.get("/vc-sites/site1/vcenters")).body.map((v: Json) => v.vcId)).toEqual([IDS.vcExample]);
      const vms = await c.get(`/vc-sites/onprem1/${IDS.vcOnprem1}/vms?limit=5`);
      expect(vms.body).toMatchObject({ total: 20, offset: 0, limit: 5 });
      expect(vms.body.items[0]).toEqual({ id: "vm-101", name: "onprem-vm-01" });
      expect((await c.get(`/vc-sites/onprem1/${IDS.vcOnprem1}/vms?offset=19`)).body.items).toEqual([
        { id: "vm-120", name: "onprem-vm-20" },
      ]);
      const t2 = await tenant(e);
      expect((await t2.get("/vc-sites/onprem1/vcenters")).body).toHaveLength(1);
      expect((await t2.get(`/vc-sites/onprem1/${IDS.vcOnprem1}/vms`)).body.total).toBe(20);
      const t3 = await tenant(e, TENANT3);
      expect((await t3.get("/vc-sites/onprem1/vcenters")).body).toEqual([]);
      expect((await t3.get(`/vc-sites/onprem1/${IDS.vcOnprem1}/vms`)).body.code).toBe("VcenterNotFound");
      expect((await c.get(`/vc-sites/onprem1/${IDS.vcExample}/vms`)).body.code).toBe("VcenterNotFound");
      expect((await c.get("/vc-sites/nope/vcenters")).body.code).toBe("SiteNotFound");
      expect((await t2.get("/vc-sites/site1/vcenters")).body.code).toBe("RemoteAuthenticationFailure");
    });
  });
});

describe("generateVapps", () => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await start({ generateVapps: { count: 3, vmsPerVapp: 4 } });
  });
  afterAll(() => e.close());

  it("adds N vApps of M VMs on site1/org1 with the documented names and ids", async () => {
    const c = await admin(e);
    const r = await c.get("/inventory/vapps?site=site1&name=bench-vapp-000003");
    expect(r.body.items[0]).toMatchObject({
      id: "0a0b0c0f-0000-4000-9000-000000000003",
      org: "org1",
      vdcId: IDS.vdcOrg1,
    });
    expect(r.body.items[0].vms).toEqual(
      [1, 2, 3, 4].map((m) => ({ id: `0a0b0c0e-000${m}-4000-9000-000000000003`, name: `bench-vapp-000003-vm-0${m}` })),
    );
    expect((await c.get("/inventory/vms?site=site1&vappId=0a0b0c0f-0000-4000-9000-000000000001")).body.total).toBe(4);
  });
});
