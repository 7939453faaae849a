import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  replicateVapp,
  start,
  synced,
  TENANT3,
  tenant,
  vappBody,
} from "./helpers.js";

/** Generated vApp N (`generateVapps`): `bench-vapp-00000N` on site1/org1, VMs `0a0b0c0e-000M-…`. */
const hex12 = (n: number) => n.toString(16).padStart(12, "0");
const bench = (n: number) => `0a0b0c0f-0000-4000-9000-${hex12(n)}`;
const benchVm = (n: number, m: number) => `0a0b0c0e-${m.toString(16).padStart(4, "0")}-4000-9000-${hex12(n)}`;
const fromBench = (n: number, over: Record<string, unknown> = {}) =>
  vappBody({ source: { type: "vapp", site: "site1", vappId: bench(n) }, rpo: 15, ...over });

const VAPP_KEYS = [
  "id",
  "descriptor",
  "owner",
  "source",
  "destination",
  "isMigration",
  "lastUpdated",
  "overallHealth",
  "vmReplications",
];

const recovery = (v: Json) => v.vmReplications.map((m: Json) => m.destinationState.recoveryInfo);

describe("vApp replications", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start({ generateVapps: { count: 12, vmsPerVapp: 3 } });
    c = await admin(e);
    await openOrg(c, "org2");
  });
  afterAll(() => e.close());

  /** Runs an action and waits for its task; checks the vApp workflow. */
  const step = async (method: "post" | "del" | "patch", path: string, type: string, body?: unknown) => {
    const r =
      method === "post" ? await c.post(path, body) : method === "patch" ? await c.patch(path, body) : await c.del(path);
    expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(202);
    expect(r.body.workflowInfo).toMatchObject({ type, resourceType: "vappReplication" });
    const t = await c.wait(r.body.id);
    expect(t.state, JSON.stringify(t.error)).toBe("SUCCEEDED");
    return t;
  };

  it("protects the three-VM web-tier with the reference's example: one VM replication per VM, read, listed", async () => {
    const r = await c.post("/vapp-replications?site=site2", vappBody());
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      state: "RUNNING",
      endTime: -1,
      result: null,
      workflowInfo: { type: "start", resourceType: "vappReplication", resourceName: null },
    });
    const id = r.body.workflowInfo.resourceId;
    expect(id).toMatch(/^C4VAPP-[0-9a-f-]{36}$/);
    const t = await c.wait(r.body.id);
    expect(t).toMatchObject({ state: "SUCCEEDED", resultType: "VappReplicationInfo" });
    const v = t.result;
    expect(Object.keys(v)).toEqual(VAPP_KEYS);
    expect(v).toMatchObject({
      id,
      descriptor: {
        name: "web-tier",
        description: "Web front end: three load-balanced VMs",
        metadata: {},
        networks: [],
      },
      owner: "root",
      source: { site: "site1", org: "org1", vdcId: IDS.vdcOrg1, vdcName: "Virtual DC 1", vappId: IDS.webTier },
      destination: { site: "site2", org: "org2", vdcId: IDS.vdcOrg2, vdcName: "Virtual DC 2", recoveredVappId: null },
      isMigration: false,
      overallHealth: "GREEN",
    });
    expect(v.vmReplications.map((m: Json) => [m.vmId, m.vmName])).toEqual([
      [IDS.webVm(1), "web-01"],
      [IDS.webVm(2), "web-02"],
      [IDS.webVm(3), "web-03"],
    ]);
    for (const m of v.vmReplications) {
      expect(m.id).toMatch(/^C4-/);
      // VmReplicationInfo: the vApp carries owner, source and destination
      for (const k of ["owner", "source", "destination", "vappReplicationId"]) expect(m).not.toHaveProperty(k);
      expect(m.settings).toMatchObject({
        description: "A Protected Workload",
        rpo: 5,
        dataConnectionType: "ENCRYPTED",
      });
      const single = (await c.get(`/vm-replications/${m.id}`)).body;
      expect(single).toMatchObject({
        vappReplicationId: id,
        owner: "root",
        source: { site: "site1", vappId: IDS.webTier, vappName: "web-tier" },
        destination: { site: "site2", org: "org2" },
      });
    }
    expect((await c.get(`/vapp-replications/${id}`)).body).toMatchObject({ id, vmReplications: [{}, {}, {}] });
    // a VM already replicated refuses the vApp
    const again = await c.post("/vapp-replications", vappBody());
    expect([again.status, again.body.code]).toEqual([400, "VmAlreadyReplicated"]);
    expect((await c.post("/vm-replications", cloudBody(IDS.webVm(2)))).body.code).toBe("VmAlreadyReplicated");
    // the VMs' excluded disks stay settable one by one
    const m1 = v.vmReplications[0].id;
    await c.wait((await c.patch(`/vm-replications/${m1}/disks`, [2001])).body.id);
    const after = (await c.get(`/vapp-replications/${id}`)).body;
    expect(after.vmReplications.map((m: Json) => m.settings.excludedDiskKeys)).toEqual([[2001], [], []]);
    expect(after.lastUpdated).toBeGreaterThan(v.lastUpdated);
    const missing = await c.get("/vapp-replications/C4VAPP-00000000-0000-4000-8000-000000000000");
    expect([missing.status, missing.body.code]).toEqual([404, "VappReplicationNotFound"]);
  });

  it("lists with the reference's filters, sort and paging", async () => {
    const a = await replicateVapp(c, fromBench(1));
    const b = await replicateVapp(c, fromBench(2, { isMigration: true }));
    const list = async (q: string) => (await c.get(`/vapp-replications${q}`)).body;
    const all = await list("");
    expect(Object.keys(all)).toEqual(["items", "total", "offset", "limit"]);
    expect(all.items[0].id).toBe(b.id); // newest first
    expect((await list(`?vappId=${bench(1)}`)).items.map((x: Json) => x.id)).toEqual([a.id]);
    expect((await list("?vappName=vapp-00000")).total).toBe(2);
    expect((await list("?vappName=web")).items.map((x: Json) => x.descriptor.name)).toEqual(["web-tier"]);
    expect((await list("?isMigration=true")).items.map((x: Json) => x.id)).toEqual([b.id]);
    expect((await list(`?ids=${a.id},${b.id}`)).total).toBe(2);
    expect((await list(`?sourceOrg=org1&destinationVdcId=${IDS.vdcOrg2}&owner=root`)).total).toBeGreaterThanOrEqual(3);
    expect((await list("?destinationOrg=org3")).total).toBe(0);
    expect((await list("?sort=name&limit=2")).items.map((x: Json) => x.descriptor.name)).toEqual([
      "bench-vapp-000001",
      "bench-vapp-000002",
    ]);
    expect((await list("?sort=name&limit=1&offset=2")).items[0].descriptor.name).toBe("web-tier");
    expect((await list(`?lastUpdatedAfter=${Date.now() + 60_000}`)).total).toBe(0);
    expect((await c.get("/vapp-replications?sourceSite=site2")).status).toBe(400);
    expect((await c.get("/vapp-replications?sort=nope")).status).toBe(400);
    for (const x of [a, b]) await step("del", `/vapp-replications/${x.id}`, "stop");
  });

  it("applies PATCH, pause, resume and sync to every VM, and DELETE removes them all", async () => {
    const v = await replicateVapp(c, fromBench(3));
    const path = `/vapp-replications/${v.id}`;
    const p = await step("patch", path, "reconfigure", { rpo: 30, description: "changed" });
    expect(p.resultType).toBe("VappReplicationInfo");
    expect(p.result.vmReplications.map((m: Json) => [m.settings.rpo, m.settings.description])).toEqual(
      Array(3).fill([30, "changed"]),
    );
    // the VM rules hold: the destination policy's minimum RPO refuses, nothing changes
    const low = await c.patch(path, { rpo: 3 });
    expect([low.status, low.body.code]).toEqual([400, "RpoBelowPolicyMinimum"]);
    expect((await c.get(path)).body.vmReplications.every((m: Json) => m.settings.rpo === 30)).toBe(true);
    const paused = await step("post", `${path}/pause`, "pause");
    expect(paused.result.vmReplications.map((m: Json) => m.isPaused)).toEqual([true, true, true]);
    expect(paused.result.vmReplications.map((m: Json) => m.dataConnectionState)).toEqual(Array(3).fill("PAUSED"));
    const s = await c.post(`${path}/sync`);
    expect([s.status, s.body.code]).toEqual([400, "ReplicationPaused"]);
    const resumed = await step("post", `${path}/resume`, "resume");
    expect(resumed.result.vmReplications.map((m: Json) => m.isPaused)).toEqual([false, false, false]);
    await synced(c, v.id);
    const before = await Promise.all(
      v.vmReplications.map(async (m: Json) => (await c.get(`/vm-replications/${m.id}/instances`)).body.length),
    );
    const synced2 = await step("post", `${path}/sync`, "sync");
    expect(synced2.workflowInfo).toMatchObject({ resourceId: v.id, resourceName: "bench-vapp-000003" });
    for (const [i, m] of v.vmReplications.entries())
      expect((await c.get(`/vm-replications/${m.id}/instances`)).body.length).toBeGreaterThan(before[i] as number);
    const del = await step("del", path, "stop");
    expect([del.resultType, del.result]).toEqual([null, null]);
    expect((await c.get(path)).body.code).toBe("VappReplicationNotFound");
    for (const m of v.vmReplications)
      expect((await c.get(`/vm-replications/${m.id}`)).body.code).toBe("VmReplicationNotFound");
    // the VMs can be protected again
    await step("del", `/vapp-replications/${(await replicateVapp(c, fromBench(3))).id}`, "stop");
  });

  it("deleting its VM replications one by one shrinks the vApp replication, and the last one removes it", async () => {
    const v = await replicateVapp(c, fromBench(4));
    const [m1, m2, m3] = v.vmReplications.map((m: Json) => m.id);
    await c.wait((await c.del(`/vm-replications/${m1}`)).body.id);
    expect((await c.get(`/vapp-replications/${v.id}`)).body.vmReplications.map((m: Json) => m.id)).toEqual([m2, m3]);
    await c.wait((await c.del(`/vm-replications/${m2}`)).body.id);
    await c.wait((await c.del(`/vm-replications/${m3}`)).body.id);
    expect((await c.get(`/vapp-replications/${v.id}`)).status).toBe(404);
  });

  it("runs test failover, cleanup, failover and reverse on every VM into one vApp; a second test is refused", async () => {
    const v = await synced(c, (await replicateVapp(c, fromBench(5))).id);
    const path = `/vapp-replications/${v.id}`;
    const [m1, m2] = v.vmReplications;
    const key1 = m1.destinationState.latestInstance.key;
    // refusals, nothing started
    const both = await c.post(`${path}/failover-test`, { type: "vcloud", sync: true, instanceMap: { [m1.id]: key1 } });
    expect([both.status, both.body.code]).toEqual([400, "BadRequest"]);
    expect((await c.post(`${path}/failover-test`, { type: "vcloud", instanceMap: { "C4-nope": key1 } })).status).toBe(
      400,
    );
    expect(
      (await c.post(`${path}/failover-test`, { type: "vcloud", vmNetworkSettings: { "not-a-vm": {} } })).status,
    ).toBe(400);
    const noInst = await c.post(`${path}/failover-test`, { type: "vcloud", instanceMap: { [m2.id]: "replica-x" } });
    expect([noInst.status, noInst.body.code]).toEqual([404, "InstanceNotFound"]);
    expect((await c.post(`${path}/failover-test`, { type: "vcenter" })).status).toBe(400);
    expect(recovery((await c.get(path)).body).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("NOT_STARTED"));

    // the test: IN_PROGRESS while the task runs (long enough to look), then TEST in one test vApp
    e.setRecoveryMs(400);
    const r = await c.post(`${path}/failover-test`, {
      type: "vcloud",
      instanceMap: { [m1.id]: key1 },
      powerOn: true,
      vAppNetworkSettings: null,
      vmNetworkSettings: { [m1.vmId]: { primaryNicIndex: 0, nics: [{ nicIndex: 0, isConnected: true }] } },
    });
    expect(r.status).toBe(202);
    expect(r.body.workflowInfo).toMatchObject({
      type: "failoverTest",
      resourceId: v.id,
      resourceName: v.descriptor.name,
    });
    expect(recovery((await c.get(path)).body).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("IN_PROGRESS"));
    const during = await c.post(`${path}/failover-test`, { type: "vcloud" });
    expect([during.status, during.body.code]).toEqual([400, "InvalidReplicationState"]);
    expect((await c.del(`${path}/failover-test`)).body.code).toBe("InvalidReplicationState");
    const t = await c.wait(r.body.id);
    e.setRecoveryMs(null);
    expect(t.endTime - t.startTime).toBeGreaterThanOrEqual(400);
    expect(t.resultType).toBe("VappReplicationInfo");
    const tested = recovery(t.result);
    expect(tested.map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("TEST"));
    expect(new Set(tested.map((x: Json) => x.vAppId)).size).toBe(1);
    expect(new Set(tested.map((x: Json) => x.vcdVmId)).size).toBe(3);
    expect(t.result.destination.recoveredVappId).toBeNull();
    // a second test while one is active is refused, at vApp and VM level
    const second = await c.post(`${path}/failover-test`, { type: "vcloud" });
    expect([second.status, second.body.code]).toEqual([400, "InvalidReplicationState"]);
    expect((await c.post(`/vm-replications/${m2.id}/failover-test`, { type: "vcloud" })).body.code).toBe(
      "InvalidReplicationState",
    );
    expect((await c.post(`${path}/failover`, { type: "vcloud" })).body.code).toBe("InvalidReplicationState");

    // cleanup, then a cleanup of a test that is gone: harmless
    const clean = await step("del", `${path}/failover-test`, "failoverTestCleanup");
    expect(recovery(clean.result)).toEqual(
      Array(3).fill({ vAppId: null, vcdVmId: null, type: "vcd", recoveryState: "NOT_STARTED" }),
    );
    const again = await step("del", `${path}/failover-test`, "failoverTestCleanup");
    expect(recovery(again.result).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("NOT_STARTED"));

    // failover: every VM COMPLETE in one recovered vApp
    const fo = await step("post", `${path}/failover`, "failover", {
      type: "vcloud",
      consolidate: false,
      powerOn: true,
      instanceMap: null,
      vAppNetworkSettings: null,
      vmNetworkSettings: null,
    });
    const done = recovery(fo.result);
    expect(done.map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("COMPLETE"));
    const recovered = fo.result.destination.recoveredVappId;
    expect(recovered).toBeTruthy();
    expect(done.every((x: Json) => x.vAppId === recovered)).toBe(true);
    expect(fo.result.vmReplications.map((m: Json) => m.dataConnectionState)).toEqual(Array(3).fill("FINISHED"));
    expect((await c.get(`/vm-replications/${m1.id}`)).body.destination.recoveredVappId).toBe(recovered);
    // cleanup after a failover changes nothing
    const late = await step("del", `${path}/failover-test`, "failoverTestCleanup");
    expect(recovery(late.result).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("COMPLETE"));
    expect((await c.post(`${path}/sync`)).body.code).toBe("InvalidReplicationState");

    // reverse: every VM and the vApp replication swap their ends
    const rev = await step("post", `${path}/reverse`, "reverse");
    expect(rev.result).toMatchObject({
      source: { site: "site2", org: "org2", vappId: recovered },
      destination: { site: "site1", org: "org1", recoveredVappId: null },
    });
    expect(rev.result.vmReplications.map((m: Json) => m.isReversed)).toEqual([true, true, true]);
    expect(recovery(rev.result).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("NOT_STARTED"));
  });

  it("migrates a vApp: refused while paused, then syncs, recovers and powers the source VMs off", async () => {
    const v = await synced(c, (await replicateVapp(c, fromBench(6, { isMigration: true }))).id);
    const path = `/vapp-replications/${v.id}`;
    await step("post", `${path}/pause`, "pause");
    expect((await c.post(`${path}/migrate`, { type: "vcloud" })).body.code).toBe("ReplicationPaused");
    await step("post", `${path}/resume`, "resume");
    const keys = v.vmReplications.map((m: Json) => m.destinationState.latestInstance.key);
    const mg = await step("post", `${path}/migrate`, "migrate", {
      type: "vcloud",
      consolidate: false,
      powerOn: true,
      vAppNetworkSettings: {
        networkMappings: [],
        copySourceNetworks: true,
        bridgeOrgVdcNetworks: [],
        bulkConnectVmNics: false,
      },
      vmNetworkSettings: { [benchVm(6, 1)]: { copySourceNicSettings: true, computerName: "testpc" } },
    });
    expect(recovery(mg.result).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("COMPLETE"));
    // synced first: each VM has a newer instance than before
    expect(
      mg.result.vmReplications.map((m: Json, i: number) => m.destinationState.latestInstance.key !== keys[i]),
    ).toEqual([true, true, true]);
    const state = (await (await fetch(`${e.url}/_emulator/state`)).json()) as Json;
    expect(state.vmPower).toEqual(
      expect.arrayContaining([1, 2, 3].map((n) => ({ site: "site1", vmId: benchVm(6, n), powerState: "poweredOff" }))),
    );
    expect(state.vappReplications.map((x: Json) => x.id)).toContain(v.id);
  });

  it("keeps tenants inside their orgs and hides admin-only fields in reads and task results", async () => {
    const t2 = await tenant(e, undefined, "site1");
    const r = await t2.post("/vapp-replications?site=site2", fromBench(7));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const t = await t2.wait(r.body.id);
    expect(t.result.owner).toBe("org2@site2");
    expect(t.result.vmReplications[0].vimLocation).toMatchObject({ datastore: null, datastoreMoref: null });
    const mine = (await t2.get(`/vapp-replications/${t.result.id}`)).body;
    expect(mine.vmReplications[0].vimLocation.datastoreName).toBeNull();
    expect((await c.get(`/vapp-replications/${t.result.id}`)).body.vmReplications[0].vimLocation.datastoreName).toBe(
      "testDatastore",
    );
    expect((await t2.get("/vapp-replications?owner=root")).status).toBe(403);
    const t3 = await tenant(e, TENANT3);
    expect((await t3.get(`/vapp-replications/${t.result.id}`)).body.code).toBe("VappReplicationNotFound");
    expect((await t3.get("/vapp-replications")).body.total).toBe(0);
    // org3 has no session at the source site
    const foreign = await t3.post("/vapp-replications", fromBench(8));
    expect([foreign.status, foreign.body.code]).toEqual([401, "RemoteAuthenticationFailure"]);
    // without the remote site in the session, the source site is refused
    const local = await tenant(e);
    expect((await local.post("/vapp-replications", fromBench(8))).body.code).toBe("RemoteAuthenticationFailure");
  });

  it("answers 404 for an unknown vApp, vDC or storage profile and 400 for a bad body, creating nothing", async () => {
    const before = (await c.get("/vapp-replications")).body.total;
    const cases: [Record<string, unknown>, number, string][] = [
      [vappBody({ source: { type: "vapp", site: "site1", vappId: "nope" } }), 404, "VappNotFound"],
      [vappBody({ destination: { type: "vcloud", site: "site2", vdc: "nope" } }), 404, "VdcNotFound"],
      [
        vappBody({ destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "Platinum" } }),
        404,
        "StorageProfileNotFound",
      ],
      [fromBench(9, { slaProfileId: "nope" }), 404, "SlaProfileNotFound"],
      [vappBody({ source: { type: "vm", site: "site1", vmId: IDS.webVm(1) } }), 400, "BadRequest"],
      [fromBench(9, { destination: { type: "vcloud", site: "site1", vdc: IDS.vdcOrg1 } }), 400, "BadRequest"],
      [
        fromBench(9, { source: { type: "vapp", site: "site1", vappId: bench(9), vmExcludedDisks: { other: [2000] } } }),
        400,
        "BadRequest",
      ],
      [
        fromBench(9, {
          source: { type: "vapp", site: "site1", vappId: bench(9), vmExcludedDisks: { [benchVm(9, 1)]: [9] } },
        }),
        400,
        "BadRequest",
      ],
      [fromBench(9, { rpo: 2000 }), 400, "BadRequest"],
    ];
    for (const [body, status, code] of cases) {
      const r = await c.post("/vapp-replications", body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await c.get("/vapp-replications")).body.total).toBe(before);
    // per-VM excluded disks at create (latest ReplicationSource_VcloudSourceVapp)
    const ok = await replicateVapp(
      c,
      fromBench(9, {
        source: { type: "vapp", site: "site1", vappId: bench(9), vmExcludedDisks: { [benchVm(9, 2)]: [2000] } },
      }),
    );
    expect(ok.vmReplications.map((m: Json) => m.settings.excludedDiskKeys)).toEqual([[], [2000], []]);
  });
});

describe("vApp replications under the destination policy", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start({ generateVapps: { count: 4, vmsPerVapp: 3 } });
    c = await admin(e);
  });
  afterAll(() => e.close());
  const toOrg3 = (n: number, over: Record<string, unknown> = {}) =>
    fromBench(n, { destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 }, ...over });
  const count = async () => ({
    vapps: (await c.get("/vapp-replications")).body.total,
    vms: (await c.get("/vm-replications?destinationOrg=org3")).body.total,
  });

  it("counts each VM against maxIncoming: a vApp that does not fit is refused whole and leaves nothing", async () => {
    await openOrg(c, "org3", { maxIncoming: 4 });
    await replicateVapp(c, toOrg3(1));
    expect(await count()).toEqual({ vapps: 1, vms: 3 });
    const over = await c.post("/vapp-replications", toOrg3(2));
    expect([over.status, over.body.code]).toEqual([400, "IncomingQuotaExceeded"]);
    expect(over.body.args).toEqual(["org3", 4, expect.any(String)]);
    expect(await count()).toEqual({ vapps: 1, vms: 3 });
    // one VM still fits, then nothing
    await replicate(c, cloudBody(benchVm(2, 1), { destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 } }));
    const full = await c.post(
      "/vm-replications",
      cloudBody(benchVm(2, 2), { destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 } }),
    );
    expect(full.body.code).toBe("IncomingQuotaExceeded");
    // the VM replicated alone refuses its vApp
    await openOrg(c, "org3", { maxIncoming: -1 });
    const dup = await c.post("/vapp-replications", toOrg3(2));
    expect([dup.body.code, dup.body.args]).toEqual([
      "VmAlreadyReplicated",
      [benchVm(2, 1), expect.stringMatching(/^C4-/)],
    ]);
    expect(await count()).toEqual({ vapps: 1, vms: 4 });
  });

  it("checks instances per VM replication, protections and custom settings like a VM create", async () => {
    await openOrg(c, "org3", { maxInstances: 2 });
    expect((await c.post("/vapp-replications", toOrg3(3))).body.code).toBe("TooManyInstances");
    await openOrg(c, "org3", { allowIncomingProtections: false });
    expect((await c.post("/vapp-replications", toOrg3(3))).body.code).toBe("ProtectionsNotAllowed");
    await openOrg(c, "org3", { allowCustomSlaSettings: false });
    expect((await c.post("/vapp-replications", toOrg3(3))).body.code).toBe("CustomSlaNotAllowed");
    const gold = await replicateVapp(
      c,
      toOrg3(3, { slaProfileId: IDS.gold, rpo: undefined, retentionPolicy: undefined, dataConnectionType: undefined }),
    );
    expect(gold.vmReplications.map((m: Json) => [m.slaProfile?.displayName, m.settings.rpo])).toEqual(
      Array(3).fill(["Gold", 15]),
    );
    const sla = (await c.get("/sla-profiles")).body.find((p: Json) => p.id === IDS.gold);
    expect(sla.replications).toBe(4); // its three VMs and the guide's example replication
  });

  it("a create whose task fails leaves nothing behind", async () => {
    await openOrg(c, "org3", { maxIncoming: -1 });
    const before = await count();
    e.setFaults({ taskFailureRate: 1 });
    const r = await c.post("/vapp-replications", toOrg3(4));
    expect(r.status).toBe(202);
    const t = await c.wait(r.body.id);
    e.setFaults({});
    expect([t.state, t.error.code]).toEqual(["FAILED", "TaskFailed"]);
    expect(await count()).toEqual(before);
    expect((await c.get(`/vapp-replications/${r.body.workflowInfo.resourceId}`)).status).toBe(404);
    await replicateVapp(c, toOrg3(4));
  });
});

describe("vApp replications across a restart", () => {
  it("keep their VMs, and a vApp task that was RUNNING finishes after the restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vcda-vapp-"));
    const dataFile = join(dir, "vcda.db");
    try {
      let e = await start({ inMemory: false, dataFile, recoveryMs: 300 });
      let c = await admin(e);
      await openOrg(c, "org2");
      const v = await synced(c, (await replicateVapp(c)).id);
      const r = await c.post(`/vapp-replications/${v.id}/failover-test`, { type: "vcloud" });
      expect(r.status).toBe(202);
      await e.close();
      e = await start({ inMemory: false, dataFile });
      try {
        c = await admin(e);
        const t = await c.wait(r.body.id);
        expect(t.state).toBe("SUCCEEDED");
        const after = (await c.get(`/vapp-replications/${v.id}`)).body;
        expect(after.vmReplications.map((m: Json) => m.id)).toEqual(v.vmReplications.map((m: Json) => m.id));
        expect(recovery(after).map((x: Json) => x.recoveryState)).toEqual(Array(3).fill("TEST"));
      } finally {
        await e.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
