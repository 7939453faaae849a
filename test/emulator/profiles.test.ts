/**
 * API-version profiles over real HTTP: every row of emulator/model/profiles.ts has a check here that fails when the row
 * is not applied. Expectations are written out per version (not read from the table), so a missing row shows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiVersion, type RunningEmulator, startEmulator } from "../../emulator/index.js";
import { policyBody as adminPolicyBody, VcdaAdmin } from "../helpers/vcda-admin.js";
import {
  admin,
  Client,
  cloudBody,
  IDS,
  type Json,
  openOrg,
  policyBody,
  ROOT,
  replicate,
  replicateVapp,
  sleep,
  start,
  TENANT2,
  tenant,
} from "./helpers.js";

const VERSIONS: ApiVersion[] = ["4.1", "4.5", "4.6", "4.7"];
const JSON_TYPE = "application/json;charset=UTF-8";
const vnd = (v: string) => `application/vnd.vmware.h4-v${v}+json;charset=UTF-8`;
const JWT = "eyJhbGciOiJSUzI1NiJ9....";
const COOKIE = "f12977876fef48a6b032ffdb2cdf22d7";
const SAML = "<saml2:Assertion xmlns:saml2=...>...</saml2:Assertion>";
const BUILD: Record<ApiVersion, RegExp> = {
  "4.1": /^4\.1\.0\.1660207-48e5972493$/,
  "4.5": /^4\.5\.0\.\d+-[0-9a-f]+$/,
  "4.6": /^4\.6\.0\.6689753-8554b3d026$/,
  "4.7": /^4\.7\.0\.\d+-[0-9a-f]+$/,
};
const GUIDE_KEYS = [
  "id",
  "displayName",
  "orgs",
  "minRpo",
  "maxInstances",
  "maxPinnedInstances",
  "maxIncoming",
  "allowIncomingProtections",
  "allowOutgoingProtections",
  "allowIncomingMigrations",
  "allowOutgoingMigrations",
  "onpremDataCap",
  "allowCustomSlaSettings",
  "allowNotificationConfiguration",
];
const twoRules = {
  rules: [
    { numberOfInstances: 2, distance: 60 },
    { numberOfInstances: 2, distance: 120 },
  ],
};

async function storedPolicy(e: RunningEmulator, id: string): Promise<Json> {
  const state = (await (await fetch(`${e.url}/_emulator/state`)).json()) as { policies: { id: string }[] };
  return state.policies.find((p) => p.id === id);
}

describe.each(VERSIONS)("API profile %s", (v) => {
  /** Whether a row introduced in `since` applies to this profile. */
  const from = (since: string) => Number(v) >= Number(since);
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start({ apiVersion: v });
    c = await admin(e);
  });
  afterAll(() => e.close());

  it("reports its version in /_emulator/config and the build in /diagnostics/about (rows build-*)", async () => {
    expect(e.apiVersion).toBe(v);
    const cfg = (await (await fetch(`${e.url}/_emulator/config`)).json()) as Json;
    expect(cfg).toMatchObject({ apiVersion: v, statusOmitsIdleOrgs: false });
    expect((await c.get("/diagnostics/about")).body.buildVersion).toMatch(BUILD[v]);
  });

  it("answers an unversioned Accept per profile; sessions and task polls stay plain JSON (rows media-*)", async () => {
    const resource = from("4.5") ? vnd(v) : JSON_TYPE;
    for (const accept of [null, "*/*", "application/json"]) {
      const x = new Client(e.url, accept);
      const login = await x.login(ROOT);
      expect(login.status).toBe(200);
      expect(login.headers.get("content-type"), `login, Accept ${accept}`).toBe(JSON_TYPE);
      expect((await x.get("/sessions")).headers.get("content-type")).toBe(JSON_TYPE);
      const ext = { type: "credentials", site: "site1", vcdUsername: "root@System", vcdPassword: "password" };
      expect((await x.post("/sessions/extend", ext)).headers.get("content-type")).toBe(JSON_TYPE);
      expect((await x.post("/tasks/poll", [])).headers.get("content-type")).toBe(JSON_TYPE);
      expect((await x.get("/policies")).headers.get("content-type"), `policies, Accept ${accept}`).toBe(resource);
      // an error on a session route is an ApiError, vnd from 4.5 on (4.6 login page)
      const bad = await new Client(e.url, accept).login({ ...ROOT, localPassword: "nope" });
      expect(bad.headers.get("content-type")).toBe(resource);
    }
  });

  it("serves a versioned Accept up to its own version with that media type; newer or unknown ones get 406", async () => {
    for (const mv of ["3.0", "3.5", "4", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]) {
      const r = await c.call("GET", "/policies", undefined, { Accept: vnd(mv) });
      if (Number(mv) <= Number(v)) {
        expect(r.status, mv).toBe(200);
        expect(r.headers.get("content-type")).toBe(vnd(mv));
      } else {
        expect([r.status, r.body.code], mv).toEqual([406, "NotAcceptable"]);
        expect(Object.keys(r.body)).toEqual(["code", "msg", "args", "stacktrace"]);
      }
    }
    const login = await new Client(e.url, vnd(v)).login(ROOT);
    expect(login.headers.get("content-type")).toBe(vnd(v));
    for (const mv of ["4.8", "5.0", "1.0", "4.1.1"])
      expect((await c.call("GET", "/policies", undefined, { Accept: vnd(mv) })).status, mv).toBe(406);
    const mixed = await c.call("GET", "/policies", undefined, { Accept: `${vnd("9.9")}, application/json` });
    expect(mixed.status).toBe(200);
  });

  it("answers GET /diagnostics/health as the profile does (rows health-202-task, health-tunnel-connectivity)", async () => {
    const r = await c.get("/diagnostics/health");
    if (from("4.5")) {
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({
        state: "RUNNING",
        endTime: -1,
        workflowInfo: { type: "health", resourceType: "CLOUD" },
      });
    } else {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        state: "SUCCEEDED",
        workflowInfo: { type: "healthInfo", resourceType: "cloudService" },
      });
    }
    const t = r.body.state === "RUNNING" ? await c.wait(r.body.id) : r.body;
    expect(t).toMatchObject({ state: "SUCCEEDED", resultType: "CloudHealthInfo" });
    expect(t.result.buildVersion).toMatch(BUILD[v]);
    expect(t.result.managerHealth.buildVersion).toMatch(BUILD[v]);
    expect(t.result.tunnelConnectivity).toEqual(from("4.6") ? [] : undefined);
  });

  it("shows the profile's policy fields with their defaults (rows policy-flags-4.5, policy-flag-onprem-protections, policy-omits-onprem-data-cap)", async () => {
    const flags = [
      ...(from("4.5") ? ["allowAdvancedRetentionRules", "allowOutgoingOnpremMigrations"] : []),
      ...(from("4.7") ? ["allowOutgoingOnpremProtections"] : []),
    ];
    const keys = [...GUIDE_KEYS.filter((k) => k !== "onpremDataCap" || !from("4.5")), ...flags];
    const d = await c.get("/policies/default");
    expect(Object.keys(d.body)).toEqual(keys);
    const defaults: Record<string, boolean> = {
      allowAdvancedRetentionRules: true,
      allowOutgoingOnpremMigrations: true,
      allowOutgoingOnpremProtections: false,
    };
    for (const f of flags) expect(d.body[f], f).toBe(defaults[f]);
    // created without the flags: defaults; with them: as given (a flag the version lacks is an ignored field)
    const plain = await c.post("/policies", policyBody());
    for (const f of flags) expect(plain.body[f], f).toBe(defaults[f]);
    const given = await c.post(
      "/policies",
      policyBody({
        onpremDataCap: 512,
        allowAdvancedRetentionRules: false,
        allowOutgoingOnpremMigrations: false,
        allowOutgoingOnpremProtections: true,
      }),
    );
    expect(given.status).toBe(201);
    expect(Object.keys(given.body)).toEqual(keys);
    for (const f of flags) expect(given.body[f], f).toBe(!defaults[f]);
    const stored = await storedPolicy(e, given.body.id);
    expect(stored.onpremDataCap).toBe(512); // stored even where responses omit it
    expect(stored.allowAdvancedRetentionRules).toBe(!from("4.5"));
    expect(stored.allowOutgoingOnpremProtections).toBe(from("4.7"));
    expect((await c.get("/policies")).body.every((p: Json) => Object.keys(p).join() === keys.join())).toBe(true);
  });

  it("writes policies as the profile does: 4.1 needs all twelve fields, 4.5 on resets omitted ones (row policy-writes-defaults)", async () => {
    const p = await c.post(
      "/policies",
      policyBody({ maxIncoming: 7, onpremDataCap: 512, allowAdvancedRetentionRules: false }),
    );
    const put = await c.put(`/policies/${p.body.id}`, { minRpo: 30 });
    const onlyName = await c.post("/policies", { displayName: `only-name-${v}` });
    if (!from("4.5")) {
      expect([put.status, put.body.code]).toEqual([400, "BadRequest"]);
      expect(put.body.msg).toMatch(/displayName/);
      expect([onlyName.status, onlyName.body.code]).toEqual([400, "BadRequest"]);
      return;
    }
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: p.body.id,
      displayName: p.body.displayName, // kept
      minRpo: 30,
      maxIncoming: 0, // reset
      allowIncomingProtections: false, // reset
      allowAdvancedRetentionRules: true, // reset
    });
    expect((await storedPolicy(e, p.body.id)).onpremDataCap).toBe(0);
    expect(onlyName.status).toBe(201);
    expect(onlyName.body).toMatchObject({
      minRpo: 15,
      maxIncoming: 0,
      maxInstances: 24,
      allowOutgoingMigrations: true,
    });
    const noName = await c.post("/policies", { minRpo: 20 });
    expect([noName.status, noName.body.code]).toEqual([400, "BadRequest"]);
    expect((await c.put(`/policies/${p.body.id}`, { minRpo: "x" })).status).toBe(400);
  });

  it("enforces the newer policy flags where the profile has them", async () => {
    await openOrg(c, "org2", {
      allowOutgoingOnpremMigrations: false,
      allowOutgoingOnpremProtections: false,
      allowAdvancedRetentionRules: false,
    });
    const toOnprem = (vmId: string, isMigration: boolean) => ({
      source: { type: "vm", site: "site2", vmId },
      destination: { type: "vc", site: "onprem1" },
      rpo: 60,
      isMigration,
    });
    const outcome = (r: Json) => [r.status, r.body.code];
    const mig = await c.post("/vm-replications", toOnprem(IDS.org2Vm(1), true));
    expect(outcome(mig)).toEqual(from("4.5") ? [400, "MigrationsNotAllowed"] : [202, undefined]);
    const prot = await c.post("/vm-replications", toOnprem(IDS.org2Vm(2), false));
    expect(outcome(prot)).toEqual(from("4.7") ? [400, "ProtectionsNotAllowed"] : [202, undefined]);
    const two = await c.post("/vm-replications", cloudBody(IDS.demoVm(1), { retentionPolicy: twoRules }));
    expect(outcome(two)).toEqual(from("4.5") ? [400, "AdvancedRetentionNotAllowed"] : [202, undefined]);
    // also on reconfigure
    const one = await replicate(c, cloudBody(IDS.demoVm(2)));
    const patch = await c.patch(`/vm-replications/${one}`, { retentionPolicy: twoRules });
    expect(outcome(patch)).toEqual(from("4.5") ? [400, "AdvancedRetentionNotAllowed"] : [202, undefined]);
    // a 4.7 policy created without allowOutgoingOnpremProtections has it off
    await openOrg(c, "org3");
    const dflt = await c.post("/vm-replications", toOnprem(IDS.org3Vm(1), false));
    expect(outcome(dflt)).toEqual(from("4.7") ? [400, "ProtectionsNotAllowed"] : [202, undefined]);
    await openOrg(c, "org2");
  });

  it("shows the profile's replication fields (rows replication-*, recovery-*)", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(3), { targetDiskType: "PREALLOCATED" }));
    const r = (await c.get(`/vm-replications/${id}`)).body;
    for (const k of [
      "guestCustomization",
      "placementPolicy",
      "placementPolicyName",
      "sizingPolicy",
      "sizingPolicyName",
    ])
      expect(k in r, k).toBe(from("4.5"));
    if (from("4.5")) {
      expect(r.guestCustomization).toMatchObject({ enabled: false, adminPassword: null, useOrgSettings: false });
      expect([r.placementPolicy, r.placementPolicyName, r.sizingPolicy, r.sizingPolicyName]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
    expect(r.settings.targetDiskType).toBe(from("4.5") ? "PREALLOCATED" : undefined);
    expect("destinationCatalogItemId" in r.destination).toBe(from("4.6"));
    if (from("4.6")) expect(r.destination.destinationCatalogItemId).toBeNull();
    const info = r.destinationState.recoveryInfo;
    expect(info.type).toBe("vcd");
    expect("optimizeUntil" in info).toBe(from("4.5"));
    expect("storageProfileId" in info && "storageProfileName" in info).toBe(from("4.7"));
    if (from("4.7")) expect([info.storageProfileId, info.storageProfileName]).toEqual([null, null]);
    const listed = (await c.get(`/vm-replications?ids=${id}`)).body.items[0];
    expect(Object.keys(listed)).toEqual(Object.keys(r));
    // after a test failover, 4.7 says where the VM was placed
    await sleep(100);
    const ft = await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud", powerOn: false });
    const tested = (await c.wait(ft.body.id)).result.destinationState.recoveryInfo;
    expect(tested.recoveryState).toBe("TEST");
    expect(tested.storageProfileId).toBe(from("4.7") ? "9a1f2b3c-0000-4000-8000-000000000201" : undefined);
    expect(tested.storageProfileName).toBe(from("4.7") ? "Default" : undefined);
    // an on-prem destination recovers to vCenter: type vc, no VCD storage profile
    const vc = await replicate(c, cloudBody(IDS.demoVm(4), { destination: { type: "vc", site: "onprem1" } }));
    const vcInfo = (await c.get(`/vm-replications/${vc}`)).body.destinationState.recoveryInfo;
    expect(vcInfo.type).toBe("vc");
    expect("storageProfileId" in vcInfo).toBe(false);
  });

  it("reads the excluded disks of a create from the profile's field (row create-excluded-disk-keys)", async () => {
    const src = (n: number, extra: Record<string, unknown>) => ({
      source: { type: "vm", site: "site1", vmId: IDS.demoVm(n), ...extra },
    });
    const keys = async (id: string) => (await c.get(`/vm-replications/${id}`)).body.settings.excludedDiskKeys;
    const guide = await replicate(c, cloudBody(IDS.demoVm(5), src(5, { excludedDisks: [2001] })));
    const ref = await replicate(c, cloudBody(IDS.demoVm(6), src(6, { excludedDiskKeys: [2001] })));
    expect(await keys(guide)).toEqual(from("4.5") ? [] : [2001]);
    expect(await keys(ref)).toEqual(from("4.5") ? [2001] : []);
    // the other name is an unknown field: even a wrong type is ignored
    const other = from("4.5") ? "excludedDisks" : "excludedDiskKeys";
    expect((await c.post("/vm-replications", cloudBody(IDS.demoVm(7), src(7, { [other]: "x" })))).status).toBe(202);
    const mine = from("4.5") ? "excludedDiskKeys" : "excludedDisks";
    expect((await c.post("/vm-replications", cloudBody(IDS.demoVm(8), src(8, { [mine]: [9] })))).status).toBe(400);
  });

  it("takes initialSyncTime and destinationReconfigure on PATCH from 4.5 (row reconfigure-initial-sync-destination)", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(9)));
    const r = await c.patch(`/vm-replications/${id}`, {
      initialSyncTime: 4102444800000,
      destinationReconfigure: { anything: 1 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect((await c.wait(r.body.id)).result.settings.initialSyncTime).toBe(from("4.5") ? 4102444800000 : 0);
    expect((await c.patch(`/vm-replications/${id}`, { initialSyncTime: "soon" })).status).toBe(from("4.5") ? 400 : 202);
  });

  it("extends sessions by the profile's types (row extend-no-access-token)", async () => {
    const cases: [Record<string, unknown>, boolean][] = [
      [{ type: "accessToken", site: "site1", accessToken: JWT, context: "acme-dr" }, !from("4.5")],
      [{ type: "vcdAccessToken", site: "site1", vcdAccessToken: JWT, context: null }, true],
      [{ type: "vcdAccessToken", site: "site1", vcdAccessToken: JWT }, true],
      [{ type: "cookie", site: "site1", cookie: COOKIE }, true],
      [{ type: "credentials", site: "site1", vcdUsername: "admin1@org2", vcdPassword: "password" }, true],
      [{ type: "multisite", site: "site1", org: "org1" }, true],
    ];
    for (const [ext, ok] of cases) {
      const t = await tenant(e);
      const r = await t.post("/sessions/extend", ext);
      if (ok) {
        expect(r.status, JSON.stringify(ext)).toBe(200);
        expect(r.body.authenticatedSites).toContainEqual({ site: "site1", org: "org1" });
      } else {
        expect([r.status, r.body.code]).toEqual([400, "BadRequest"]);
        expect(r.body.msg).toMatch(/accessToken/);
      }
    }
    const badCookie = await (await tenant(e)).post("/sessions/extend", { type: "cookie", site: "site1", cookie: "x" });
    expect([badCookie.status, badCookie.body.code]).toEqual([401, "NotAuthenticated"]);
  });

  it("accepts every login type, with the reference's optional fields", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "vcdCookie", vcdCookie: COOKIE }, "admin1@org2"],
      [{ type: "ssoCredentials", username: "ssoUser", password: "ssoPass", principal: null }, "ssoUser"],
      [
        { type: "ssoToken", samlToken: SAML, timestamp: 1465194049081, nonce: "n", signature: "s", principal: null },
        "ssoUser",
      ],
      [{ type: "ssoToken", samlToken: SAML, principal: "ssoUser" }, "ssoUser"],
      [{ type: "vcdAccessToken", vcdAccessToken: JWT, context: "acme-dr" }, "admin1@org2"],
      [{ type: "vcdAccessToken", vcdAccessToken: JWT }, "admin1@org2"],
      [ROOT, "root"],
      [TENANT2, "admin1@org2"],
    ];
    for (const [body, user] of cases) {
      const r = await new Client(e.url).login(body);
      expect([r.status, r.body.user], JSON.stringify(body)).toEqual([200, user]);
    }
    const cookieTenant = await new Client(e.url).login({ type: "vcdCookie", vcdCookie: COOKIE });
    expect(cookieTenant.body).toMatchObject({
      roles: ["EVERYONE"],
      authenticatedSites: [{ site: "site2", org: "org2" }],
    });
    const bad = await new Client(e.url).login({ type: "vcdCookie", vcdCookie: "nope" });
    expect([bad.status, bad.body.code]).toEqual([401, "NotAuthenticated"]);
  });

  it("answers with the reference's error codes, and WWW-Authenticate when the token is missing, unknown or expired", async () => {
    const header = (r: { headers: Headers }) => r.headers.get("www-authenticate");
    const anon = new Client(e.url);
    for (const token of [undefined, "bogus"]) {
      anon.token = token;
      const r = await anon.get("/policies");
      expect([r.status, r.body.code, header(r)]).toEqual([401, "NotAuthenticated", "Authentication Token Required"]);
    }
    const x = await admin(e, []);
    e.expireSessions();
    const expired = await x.get("/policies");
    expect([expired.status, header(expired)]).toEqual([401, "Authentication Token Required"]);
    const badLogin = await new Client(e.url).login({ ...ROOT, localPassword: "nope" });
    expect([badLogin.status, badLogin.body.code, header(badLogin)]).toEqual([401, "NotAuthenticated", null]);
    c = await admin(e);
    const local = await admin(e, []);
    const remote = await local.get("/policies?site=site1");
    expect([remote.status, remote.body.code, header(remote)]).toEqual([401, "RemoteAuthenticationFailure", null]);
    const missing = await c.get("/vm-replications/C4-00000000-0000-4000-8000-000000000000");
    expect([missing.status, missing.body.code]).toEqual([404, "VmReplicationNotFound"]);
    // a task whose replication went away fails with the same code
    const id = await replicate(c, cloudBody(IDS.demoVm(10)));
    const del = await c.del(`/vm-replications/${id}`);
    const pause = await c.post(`/vm-replications/${id}/pause`);
    await c.wait(del.body.id);
    expect((await c.wait(pause.body.id)).error).toMatchObject({ code: "VmReplicationNotFound", args: [id] });
    const bad = await c.call("POST", "/policies", "{not json");
    expect([bad.status, bad.body.code]).toEqual([400, "BadRequest"]);
  });

  it("collapses repeated slashes in paths, as the reference renders its URIs", async () => {
    const r = await c.get("//policies//default");
    expect([r.status, r.body.id]).toEqual([200, "default"]);
    expect((await c.get("//vm-replications?site=site2")).status).toBe(200);
  });

  it("shapes vApp replications and SLA profiles per profile (rows vapp-descriptor-template-fields, sla-profile-description, media-vapp-tasks-plain-json)", async () => {
    await openOrg(c, "org2");
    const vapp = await replicateVapp(c);
    const descriptor = ["name", "description", "metadata", "networks"];
    expect(Object.keys(vapp.descriptor)).toEqual(
      from("4.5") ? [...descriptor, "enabledTemplateCustomization", "isGolden"] : descriptor,
    );
    if (from("4.5")) expect(vapp.descriptor).toMatchObject({ enabledTemplateCustomization: false, isGolden: false });
    const gold = (await c.get("/sla-profiles")).body[0];
    expect("description" in gold).toBe(from("4.7"));
    if (from("4.7")) expect(gold.description).toBe("RPO 15 minutes, three hourly instances");
    // an unversioned client: the vApp stop, cleanup, sync and reverse answers stay plain JSON from 4.5
    const x = new Client(e.url, null);
    x.token = c.token;
    const resource = from("4.5") ? vnd(v) : JSON_TYPE;
    const path = `/vapp-replications/${vapp.id}`;
    expect((await x.get(path)).headers.get("content-type")).toBe(resource);
    expect((await x.post(`${path}/sync`)).headers.get("content-type")).toBe(JSON_TYPE);
    expect((await x.del(`${path}/failover-test`)).headers.get("content-type")).toBe(JSON_TYPE);
    const pause = await x.post(`${path}/pause`);
    expect(pause.headers.get("content-type")).toBe(resource);
    await x.wait(pause.body.id);
    const refused = await x.post(`${path}/reverse`);
    expect([refused.status, refused.headers.get("content-type")]).toEqual([400, resource]); // errors are vnd
    expect((await x.del(path)).headers.get("content-type")).toBe(JSON_TYPE);
  });
});

describe("profile selection", () => {
  it("refuses an unknown API version at start, naming the allowed ones", async () => {
    await expect(startEmulator({ port: 0, inMemory: true, apiVersion: "4.2" as ApiVersion })).rejects.toThrow(
      /4\.1, 4\.5, 4\.6, 4\.7.*'4\.2'/,
    );
  });

  it("defaults to 4.1 and keeps the version fixed at run time", async () => {
    const e = await start();
    try {
      expect(e.apiVersion).toBe("4.1");
      const put = await fetch(`${e.url}/_emulator/config`, {
        method: "PUT",
        body: JSON.stringify({ apiVersion: "4.7" }),
      });
      expect(put.status).toBe(400);
    } finally {
      await e.close();
    }
  });
});

describe("one database under two profiles", () => {
  it("keeps on a 4.1 PUT the flags a 4.5 appliance set, and 4.5 sees them again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vcda-profiles-"));
    const dataFile = join(dir, "state.db");
    try {
      const e45 = await start({ apiVersion: "4.5", inMemory: false, dataFile });
      const a = await admin(e45, []);
      const p = await a.post("/policies", policyBody({ allowAdvancedRetentionRules: false }));
      await e45.close();
      const e41 = await start({ apiVersion: "4.1", inMemory: false, dataFile });
      const b = await admin(e41, []);
      const put = await b.put(`/policies/${p.body.id}`, policyBody({ displayName: p.body.displayName, minRpo: 30 }));
      expect(put.status).toBe(200);
      expect(put.body).not.toHaveProperty("allowAdvancedRetentionRules");
      await e41.close();
      const again = await start({ apiVersion: "4.5", inMemory: false, dataFile });
      const g = await (await admin(again, [])).get(`/policies/${p.body.id}`);
      expect(g.body).toMatchObject({ minRpo: 30, allowAdvancedRetentionRules: false });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("VcdaAdmin.updatePolicy (out-of-band changes in engine tests)", () => {
  it("changes one field on 4.7 without resetting the others", async () => {
    const e = await start({ apiVersion: "4.7" });
    try {
      const a = new VcdaAdmin({ url: e.url });
      const p = await a.call<Json>(
        "POST",
        "/policies",
        adminPolicyBody("oob", { allowOutgoingOnpremProtections: true }),
      );
      const r = await a.updatePolicy(p.body.id, { minRpo: 30 });
      expect(r).toMatchObject({
        status: 200,
        body: { minRpo: 30, maxIncoming: -1, allowOutgoingOnpremProtections: true },
      });
    } finally {
      await e.close();
    }
  });
});

describe("statusOmitsIdleOrgs quirk", () => {
  it("lists only orgs with replications in /status while on, every assigned org while off", async () => {
    const e = await start({ statusOmitsIdleOrgs: true });
    try {
      const c = await admin(e);
      const busy = await openOrg(c, "org2");
      const idle = await openOrg(c, "org3");
      await replicate(c, cloudBody(IDS.demoVm(1)));
      const orgs = async (id: string) => (await c.get(`/policies/${id}/status`)).body.map((s: Json) => s.org);
      expect(await orgs(busy)).toEqual(["org2"]);
      expect(await orgs(idle)).toEqual([]);
      expect(await orgs("default")).toEqual(["s2org"]); // the guide's example replication goes to s2org
      const cfg = async (body?: unknown) =>
        (await (
          await fetch(`${e.url}/_emulator/config`, body ? { method: "PUT", body: JSON.stringify(body) } : {})
        ).json()) as Json;
      expect((await cfg()).statusOmitsIdleOrgs).toBe(true);
      expect((await cfg({ statusOmitsIdleOrgs: false })).statusOmitsIdleOrgs).toBe(false);
      expect(await orgs(idle)).toEqual(["org3"]);
    } finally {
      await e.close();
    }
  });
});
