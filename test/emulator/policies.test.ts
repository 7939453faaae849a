import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { admin, type Client, cloudBody, IDS, openOrg, policyBody, replicate, start, tenant } from "./helpers.js";

const POLICY_KEYS = [
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

describe("policies", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start();
    c = await admin(e);
  });
  afterAll(() => e.close());

  it("has the default policy exactly as the guide's example (decisions #11)", async () => {
    const r = await c.get("/policies/default");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: "default",
      displayName: "Default Policy",
      orgs: -1,
      minRpo: 15,
      maxInstances: 24,
      maxPinnedInstances: 0,
      maxIncoming: 0,
      allowIncomingProtections: false,
      allowOutgoingProtections: false,
      allowIncomingMigrations: true,
      allowOutgoingMigrations: true,
      onpremDataCap: 0,
      allowCustomSlaSettings: true,
      allowNotificationConfiguration: true,
    });
    const list = await c.get("/policies");
    expect(Array.isArray(list.body)).toBe(true);
    expect(Object.keys(list.body[0])).toEqual(POLICY_KEYS);
  });

  it("creates with 201, a Location header, echoed inputs and orgs 0 (decisions #6)", async () => {
    const body = policyBody({ allowOutgoingProtections: false, allowOutgoingMigrations: false });
    const r = await c.post("/policies", body);
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`/policies/${r.body.id}`);
    expect(r.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).toMatchObject({ ...body, orgs: 0 });
    expect(Object.keys(r.body)).toEqual(POLICY_KEYS);
  });

  it("rejects a duplicate displayName (case-sensitive) with 400 DuplicatePolicyName", async () => {
    const body = policyBody({ displayName: "Dup" });
    expect((await c.post("/policies", body)).status).toBe(201);
    const again = await c.post("/policies", body);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("DuplicatePolicyName");
    expect((await c.post("/policies", { ...body, displayName: "dup" })).status).toBe(201);
  });

  it("requires all 12 fields on POST and PUT (decisions #7)", async () => {
    const { minRpo: _m, ...partial } = policyBody();
    const r = await c.post("/policies", partial);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("BadRequest");
    expect(r.body.msg).toMatch(/minRpo/);
    const p = await c.post("/policies", policyBody());
    expect((await c.put(`/policies/${p.body.id}`, partial)).status).toBe(400);
  });

  it("replaces with PUT (200) and keeps the default policy's name", async () => {
    const p = await c.post("/policies", policyBody());
    const r = await c.put(`/policies/${p.body.id}`, policyBody({ displayName: "Renamed", minRpo: 30 }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: p.body.id, displayName: "Renamed", minRpo: 30 });
    const d = await c.put(
      "/policies/default",
      policyBody({
        displayName: "Other",
        minRpo: 20,
        maxIncoming: 0,
        allowIncomingProtections: false,
        allowOutgoingProtections: false,
      }),
    );
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ id: "default", displayName: "Default Policy", minRpo: 20 });
    await c.put(
      "/policies/default",
      policyBody({
        displayName: "x",
        minRpo: 15,
        maxIncoming: 0,
        allowIncomingProtections: false,
        allowOutgoingProtections: false,
      }),
    );
  });

  it("refuses to delete default (400 DefaultPolicyImmutable) or an assigned policy (400 PolicyInUse); else 204", async () => {
    const def = await c.del("/policies/default");
    expect(def.status).toBe(400);
    expect(def.body.code).toBe("DefaultPolicyImmutable");
    const id = await openOrg(c, "org3");
    const inUse = await c.del(`/policies/${id}`);
    expect(inUse.status).toBe(400);
    expect(inUse.body.code).toBe("PolicyInUse");
    expect((await c.patch(`/policies/default/orgs/org3`)).status).toBe(202);
    expect((await c.del(`/policies/${id}`)).status).toBe(204);
    expect((await c.get(`/policies/${id}`)).status).toBe(404);
  });

  it("assigns synchronously with a bare 202, counts orgs, and overwrites an existing assignment (decisions #9)", async () => {
    const a = await c.post("/policies", policyBody());
    const b = await c.post("/policies", policyBody());
    const r = await c.patch(`/policies/${a.body.id}/orgs/org2`);
    expect(r.status).toBe(202);
    expect(r.body).toBeUndefined();
    expect(r.headers.get("content-type")).toBeNull();
    expect((await c.get(`/policies/${a.body.id}`)).body.orgs).toBe(1);
    await c.patch(`/policies/${b.body.id}/orgs/org2`);
    expect((await c.get(`/policies/${a.body.id}`)).body.orgs).toBe(0);
    expect((await c.get(`/policies/${b.body.id}`)).body.orgs).toBe(1);
    expect((await c.patch(`/policies/${b.body.id}/orgs/nope`)).body.code).toBe("OrgNotFound");
    expect((await c.patch(`/policies/00000000-0000-4000-8000-000000000000/orgs/org2`)).body.code).toBe(
      "PolicyNotFound",
    );
    expect((await c.patch(`/policies/${b.body.id}/orgs/org1`)).status).toBe(404); // org1 is not local
  });

  it("reports assigned orgs and violations in /status (decisions #10)", async () => {
    const id = await openOrg(c, "org2");
    const rep = await replicate(
      c,
      cloudBody(IDS.demoVm(20), { rpo: 10, retentionPolicy: { rules: [{ numberOfInstances: 5, distance: 60 }] } }),
    );
    const s0 = await c.get(`/policies/${id}/status`);
    expect(s0.body).toEqual([
      {
        org: "org2",
        configuredReplications: 1,
        quotaViolation: 0,
        protectionViolation: 0,
        migrationViolation: 0,
        nonRpoCompliant: [],
        nonInstancesCompliant: [],
      },
    ]);
    await c.put(
      `/policies/${id}`,
      policyBody({ minRpo: 30, maxInstances: 2, maxIncoming: 0, allowIncomingProtections: false }),
    );
    const s1 = await c.get(`/policies/${id}/status`);
    expect(s1.body[0]).toMatchObject({
      org: "org2",
      protectionViolation: 1,
      quotaViolation: 1,
      nonRpoCompliant: [rep],
      nonInstancesCompliant: [rep],
    });
    const d = await c.get("/policies/default/status");
    expect(d.body.map((x: { org: string }) => x.org)).toContain("org3");
    expect(d.body.map((x: { org: string }) => x.org)).not.toContain("org2");
    await c.del(`/vm-replications/${rep}`);
  });

  it("runs /policies/sync as a task with no result", async () => {
    const r = await c.post("/policies/sync");
    expect(r.status).toBe(202);
    expect(r.body.workflowInfo).toEqual({
      type: "sync",
      resourceType: "policies",
      resourceId: null,
      resourceName: null,
    });
    const t = await c.wait(r.body.id);
    expect(t).toMatchObject({ state: "SUCCEEDED", resultType: null, result: null });
  });

  it("lets tenants read policies but not change them (403 Forbidden)", async () => {
    const t = await tenant(e);
    expect((await t.get("/policies")).status).toBe(200);
    expect((await t.get("/policies/default")).status).toBe(200);
    const r = await t.post("/policies", policyBody());
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: "Forbidden", msg: "Permission denied." });
    expect((await t.patch("/policies/default/orgs/org2")).status).toBe(403);
    expect((await t.get("/policies/default/status")).status).toBe(403);
    expect((await t.post("/policies/sync")).status).toBe(403);
  });
});
