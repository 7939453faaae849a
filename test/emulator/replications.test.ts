import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { admin, type Client, cloudBody, IDS, openOrg, replicate, sleep, start, TENANT3, tenant } from "./helpers.js";

// Top-level keys of the guide's VmReplication example (L9090-9187), in order.
const REP_KEYS = [
  "id",
  "owner",
  "vmId",
  "vmName",
  "source",
  "destination",
  "storageProfile",
  "storageProfileName",
  "vimLocation",
  "isPaused",
  "settings",
  "startupInfo",
  "metadata",
  "sourceState",
  "destinationState",
  "dataConnectionState",
  "overallHealth",
  "lastUpdated",
  "isReversed",
  "vappReplicationId",
  "computerName",
  "vmDescription",
  "isMigration",
  "slaProfile",
];
const TASK_KEYS = [
  "id",
  "user",
  "workflowInfo",
  "progress",
  "state",
  "lastUpdated",
  "startTime",
  "endTime",
  "resultType",
  "result",
  "error",
  "warnings",
  "site",
];
const GUIDE_CREATE = {
  source: { type: "vm", site: "site1", vmId: IDS.vmExample, excludedDisks: [1000] },
  destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "*" },
  description: "A Protected Workload",
  rpo: 5,
  dataConnectionType: "ENCRYPTED",
  quiesced: true,
  retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
  targetDiskType: "THIN",
  initialSyncTime: 0,
  isMigration: false,
  slaProfileId: IDS.gold,
};

describe("vm replications", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start();
    c = await admin(e);
    await openOrg(c, "org2");
  });
  afterAll(() => e.close());

  it("runs the guide's cloud-to-cloud create example: 202 RUNNING task, then SUCCEEDED with the echoed replication", async () => {
    const r = await c.post("/vm-replications?site=site2", GUIDE_CREATE);
    expect(r.status).toBe(202);
    expect(Object.keys(r.body)).toEqual(TASK_KEYS);
    expect(r.body).toMatchObject({
      state: "RUNNING",
      endTime: -1,
      result: null,
      workflowInfo: { type: "start", resourceType: "vmReplication", resourceName: null },
    });
    const t = await c.wait(r.body.id);
    expect(t.state).toBe("SUCCEEDED");
    expect(t.resultType).toBe("SingleVmReplicationInfo");
    const rep = t.result;
    expect(Object.keys(rep)).toEqual(REP_KEYS);
    expect(rep.id).toMatch(/^C4-[0-9a-f-]{36}$/);
    expect(rep.id).toBe(r.body.workflowInfo.resourceId);
    expect(rep).toMatchObject({
      vmId: IDS.vmExample,
      source: { site: "site1", org: "org1", vdcId: IDS.vdcOrg1 },
      destination: { site: "site2", org: "org2", vdcId: IDS.vdcOrg2 },
      storageProfile: "*",
      settings: {
        description: "A Protected Workload",
        rpo: 5,
        dataConnectionType: "ENCRYPTED",
        excludedDiskKeys: [1000],
        initialSyncTime: 0,
      },
      slaProfile: { id: IDS.gold, displayName: "Gold" },
      isMigration: false,
    });
    expect(rep).not.toHaveProperty("targetDiskType");
    const again = await c.post("/vm-replications?site=site2", GUIDE_CREATE);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("VmAlreadyReplicated");
  });

  it("supports every create variant (seeded cloud, on-prem to cloud, seeded on-prem, cloud to on-prem, seeded cloud to on-prem)", async () => {
    const base = { rpo: 15, retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] } };
    const bodies = [
      {
        source: { type: "vm", site: "site1", vmId: IDS.demoVm(1), excludedDisks: [2001] },
        destination: { type: "vm", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "*", seedVmId: IDS.seedVm },
      },
      {
        source: { type: "vcVm", site: "site1", vcUuid: IDS.vcExample, vmId: "vm-42", excludedDisks: [1000] },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2 },
      },
      {
        source: { type: "vcVm", site: "onprem1", vcUuid: IDS.vcOnprem1, vmId: "vm-101" },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, storageProfile: "Gold Storage" },
      },
      { source: { type: "vm", site: "site1", vmId: IDS.demoVm(2) }, destination: { type: "vc", site: "onprem1" } },
      {
        source: { type: "vm", site: "site1", vmId: IDS.vmExample.replace("5ee9", "4e7f") },
        destination: { type: "vc", site: "onprem1" },
      },
      {
        source: { type: "vm", site: "site1", vmId: "5e1a0000-0000-4000-8000-000000000003", excludedDisks: [2001] },
        destination: { type: "vcVm", site: "site", seedVm: { vcId: "vcId", moId: "moId" } },
      },
    ];
    const results: number[] = [];
    for (const b of bodies) {
      const r = await c.post("/vm-replications", { ...base, ...b });
      results.push(r.status);
      if (r.status === 202) {
        const t = await c.wait(r.body.id);
        expect(t.state, JSON.stringify(t.error)).toBe("SUCCEEDED");
      }
    }
    // the fifth body names a VM that does not exist
    expect(results).toEqual([202, 202, 202, 202, 404, 202]);
    const mismatch = await c.post("/vm-replications", {
      ...base,
      ...bodies[0],
      source: { type: "vm", site: "site1", vmId: IDS.demoVm(23) },
    });
    expect([mismatch.status, mismatch.body.code]).toEqual([400, "SeedMismatch"]);
  });

  it("answers 404 for unknown VM, vDC, org, site; 400 for a bad body, never 500", async () => {
    const vm = await c.post("/vm-replications", cloudBody("00000000-0000-4000-8000-000000000000"));
    expect([vm.status, vm.body.code]).toEqual([404, "VmNotFound"]);
    const vdc = await c.post(
      "/vm-replications",
      cloudBody(IDS.demoVm(4), { destination: { type: "vcloud", site: "site2", vdc: "nope" } }),
    );
    expect([vdc.status, vdc.body.code]).toEqual([404, "VdcNotFound"]);
    const site = await c.post(
      "/vm-replications",
      cloudBody(IDS.demoVm(4), { destination: { type: "vcloud", site: "mars", vdc: IDS.vdcOrg2 } }),
    );
    expect([site.status, site.body.code]).toEqual([404, "SiteNotFound"]);
    const org = await c.patch("/policies/default/orgs/orgX");
    expect([org.status, org.body.code]).toEqual([404, "OrgNotFound"]);
    for (const bad of [
      {},
      { source: 1 },
      cloudBody(IDS.demoVm(4), { rpo: "x" }),
      cloudBody(IDS.demoVm(4), { source: { type: "vm", site: "site1", vmId: IDS.demoVm(4), excludedDisks: [9] } }),
    ]) {
      const r = await c.post("/vm-replications", bad);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("BadRequest");
    }
  });

  it("enforces the destination policy on create (decisions #12), creating nothing on violation", async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ minRpo: 30 }, {}, "RpoBelowPolicyMinimum"],
      [{ maxInstances: 2 }, {}, "TooManyInstances"],
      [{ maxIncoming: 0 }, {}, "IncomingQuotaExceeded"],
      [{ allowIncomingProtections: false }, {}, "ProtectionsNotAllowed"],
      [{ allowIncomingMigrations: false }, { isMigration: true }, "MigrationsNotAllowed"],
      [{ allowCustomSlaSettings: false }, {}, "CustomSlaNotAllowed"],
    ];
    for (const [pol, over, code] of cases) {
      await openOrg(c, "org3", pol);
      const r = await c.post(
        "/vm-replications",
        cloudBody(IDS.demoVm(10), { destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 }, ...over }),
      );
      expect(r.status, code).toBe(400);
      expect(r.body.code).toBe(code);
    }
    await openOrg(c, "org3", { maxIncoming: 1 });
    const ok = await c.post(
      "/vm-replications",
      cloudBody(IDS.demoVm(10), {
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 },
        slaProfileId: IDS.gold,
      }),
    );
    expect(ok.status).toBe(202);
    await c.wait(ok.body.id);
    const over = await c.post(
      "/vm-replications",
      cloudBody(IDS.demoVm(11), { destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg3 } }),
    );
    expect(over.body.code).toBe("IncomingQuotaExceeded");
    // outgoing: a local source org under the default policy may not protect out
    const out = await c.post("/vm-replications", {
      source: { type: "vm", site: "site2", vmId: IDS.org3Vm(1) },
      destination: { type: "vcloud", site: "site1", vdc: IDS.vdcOrg1 },
      rpo: 60,
    });
    await openOrg(c, "org3", { allowOutgoingProtections: false });
    const out2 = await c.post("/vm-replications", {
      source: { type: "vm", site: "site2", vmId: IDS.org3Vm(1) },
      destination: { type: "vcloud", site: "site1", vdc: IDS.vdcOrg1 },
      rpo: 60,
    });
    expect(out.status).toBe(202);
    await c.wait(out.body.id);
    expect(out2.body.code).toBe("VmAlreadyReplicated");
    const out3 = await c.post("/vm-replications", {
      source: { type: "vm", site: "site2", vmId: IDS.org3Vm(2) },
      destination: { type: "vcloud", site: "site1", vdc: IDS.vdcOrg1 },
      rpo: 60,
    });
    expect(out3.body.code).toBe("ProtectionsNotAllowed");
  });

  it("enforces the policy and product limits on reconfigure, and PATCH applies settings in a task", async () => {
    await openOrg(c, "org2", { minRpo: 10, maxInstances: 5 });
    const id = await replicate(c, cloudBody(IDS.demoVm(5), { rpo: 15 }));
    expect((await c.patch(`/vm-replications/${id}`, { rpo: 5 })).body.code).toBe("RpoBelowPolicyMinimum");
    expect(
      (
        await c.patch(`/vm-replications/${id}`, {
          retentionPolicy: { rules: [{ numberOfInstances: 6, distance: 60 }] },
        })
      ).body.code,
    ).toBe("TooManyInstances");
    expect((await c.patch(`/vm-replications/${id}`, { rpo: 2000 })).body.code).toBe("BadRequest");
    const r = await c.patch(`/vm-replications/${id}`, {
      description: "changed",
      rpo: 30,
      quiesced: false,
      dataConnectionType: "PLAIN",
    });
    expect(r.status).toBe(202);
    expect(r.body.workflowInfo.type).toBe("reconfigure");
    const t = await c.wait(r.body.id);
    expect(t.result.settings).toMatchObject({
      description: "changed",
      rpo: 30,
      quiesced: false,
      dataConnectionType: "PLAIN",
    });
    const d = await c.patch(`/vm-replications/${id}/disks`, [2001]);
    expect(d.status).toBe(202);
    expect((await c.wait(d.body.id)).result.settings.excludedDiskKeys).toEqual([2001]);
    expect((await c.patch(`/vm-replications/${id}/disks`, [7])).status).toBe(400);
    await openOrg(c, "org2");
  });

  it("lists with filters, sort, paging and the envelope", async () => {
    const ids: string[] = [];
    for (let n = 12; n <= 15; n++) ids.push(await replicate(c, cloudBody(IDS.demoVm(n), { description: `d${n}` })));
    const all = await c.get("/vm-replications?limit=1000");
    expect(all.body.limit).toBe(100);
    expect(all.body.offset).toBe(0);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    const page = await c.get(`/vm-replications?ids=${ids.join(",")}&sort=vmName-&limit=2&offset=1`);
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((x: { vmName: string }) => x.vmName)).toEqual(["demo-vm-14", "demo-vm-13"]);
    const byName = await c.get(
      "/vm-replications?vmName=vm-1&sourceSite=site1&sourceOrg=org1&destinationOrg=org2&isMigration=false&site=site2",
    );
    expect(byName.body.items.every((x: { vmName: string }) => x.vmName.includes("vm-1"))).toBe(true);
    const guideQuery = await c.get("/vm-replications?vmName=my&sourceSite=site1&sourceOrg=org1&site=site2");
    expect(guideQuery.status).toBe(200);
    expect(guideQuery.body.total).toBeGreaterThanOrEqual(1);
    expect(
      (await c.get(`/vm-replications?slaProfileDisplayName=Gold`)).body.items.every(
        (x: { slaProfile?: { displayName?: string } }) => x.slaProfile?.displayName === "Gold",
      ),
    ).toBe(true);
    expect((await c.get("/vm-replications?sort=bogus")).status).toBe(400);
    expect((await c.get("/vm-replications?sourceSite=site2")).status).toBe(400);
    expect((await c.get("/vm-replications?datastoreMoref=datastore-12")).status).toBe(400);
    expect((await c.get(`/vm-replications?lastUpdatedAfter=${Date.now() + 60_000}`)).body.total).toBe(0);
    expect((await c.get("/vm-replications?limit=-1")).status).toBe(400);
  });

  it("simulates the lifecycle: initial sync, instances at the RPO, retention pruning, RPO violation when paused", async () => {
    const e2 = await start({ timeScale: 60_000, initialSyncMs: 30 }); // one emulated minute = 1 ms
    try {
      const a = await admin(e2);
      await openOrg(a, "org2");
      const id = await replicate(
        a,
        cloudBody(IDS.demoVm(6), { rpo: 20, retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] } }),
      );
      const first = await a.get(`/vm-replications/${id}`);
      expect(["INITIAL_SYNCING", "OK"]).toContain(first.body.dataConnectionState);
      await sleep(400);
      // one instance per 20 ms: a busy machine may read a moment of violation, so look a few times
      let ok = await a.get(`/vm-replications/${id}`);
      for (let i = 0; i < 100 && ok.body.overallHealth !== "GREEN"; i++) {
        await sleep(5);
        ok = await a.get(`/vm-replications/${id}`);
      }
      expect(ok.body).toMatchObject({
        dataConnectionState: "OK",
        overallHealth: "GREEN",
        destinationState: { currentRpoViolation: -1 },
      });
      await a.wait((await a.post(`/vm-replications/${id}/pause`)).body.id);
      const inst = await a.get(`/vm-replications/${id}/instances`);
      expect(inst.body.length).toBeGreaterThanOrEqual(2);
      expect(inst.body.length).toBeLessThanOrEqual(3); // latest + newest of the last 2 buckets
      expect(inst.body[0].sequenceNumber).toBeGreaterThan(5); // older ones were pruned
      expect(Object.keys(inst.body[0])).toEqual([
        "key",
        "sequenceNumber",
        "timestamp",
        "transferBytes",
        "transferSeconds",
        "quiescedType",
        "isPinned",
      ]);
      const one = await a.get(`/vm-replications/${id}/instances/${inst.body[0].key}`);
      expect(one.body.disksInfo).toEqual([{ diskKey: 2000 }, { diskKey: 2001 }]);
      await sleep(120);
      const late = await a.get(`/vm-replications/${id}`);
      expect(late.body.isPaused).toBe(true);
      expect(late.body.dataConnectionState).toBe("PAUSED");
      expect(late.body.destinationState.currentRpoViolation).toBeGreaterThan(0);
      expect(late.body.overallHealth).toBe("YELLOW");
      expect(
        (await a.get("/vm-replications?overallHealth=YELLOW")).body.items.map((x: { id: string }) => x.id),
      ).toContain(id);
    } finally {
      await e2.close();
    }
  });

  it("runs sync, pause, resume, failover-test + cleanup, failover, reverse and migrate with the documented task types", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(7)));
    await sleep(80); // initial sync
    const step = async (method: "post" | "del", path: string, type: string, body?: unknown) => {
      const r = method === "post" ? await c.post(path, body) : await c.del(path);
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(202);
      expect(r.body.workflowInfo).toMatchObject({
        type,
        resourceType: "vmReplication",
        resourceId: id,
        resourceName: "demo-vm-07",
      });
      const t = await c.wait(r.body.id);
      expect(t.state, JSON.stringify(t.error)).toBe("SUCCEEDED");
      return t.result;
    };
    await step("post", `/vm-replications/${id}/sync`, "sync");
    expect((await step("post", `/vm-replications/${id}/pause`, "pause")).isPaused).toBe(true);
    expect((await c.post(`/vm-replications/${id}/sync`)).body.code).toBe("ReplicationPaused");
    expect((await c.post(`/vm-replications/${id}/migrate`, { type: "vcloud" })).body.code).toBe("ReplicationPaused");
    expect((await step("post", `/vm-replications/${id}/resume`, "resume")).isPaused).toBe(false);
    expect(
      (await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud", sync: true, instanceId: "x" })).status,
    ).toBe(400);
    expect((await c.post(`/vm-replications/${id}/failover`, { type: "vcenter" })).status).toBe(400);
    expect((await c.post(`/vm-replications/${id}/failover`, { type: "vcloud", instanceId: "nope" })).status).toBe(404);
    expect(
      (
        await step("post", `/vm-replications/${id}/failover-test`, "failoverTest", {
          type: "vcloud",
          sync: true,
          powerOn: false,
        })
      ).destinationState.recoveryInfo.recoveryState,
    ).toBe("TEST");
    expect(
      (await step("del", `/vm-replications/${id}/failover-test`, "failoverTestCleanup")).destinationState.recoveryInfo,
    ).toMatchObject({ recoveryState: "NOT_STARTED", vAppId: null });
    expect((await c.post(`/vm-replications/${id}/reverse`)).body.code).toBe("InvalidReplicationState");
    const inst = (await c.get(`/vm-replications/${id}/instances`)).body[0].key;
    const fo = await step("post", `/vm-replications/${id}/failover`, "failover", {
      type: "vcloud",
      instanceId: inst,
      consolidate: false,
      powerOn: true,
    });
    expect(fo.destinationState.recoveryInfo.recoveryState).toBe("COMPLETE");
    expect(fo.destinationState.recoveryInfo.vcdVmId).toBeTruthy();
    const rev = await step("post", `/vm-replications/${id}/reverse`, "reverse");
    expect(rev).toMatchObject({
      id,
      isReversed: true,
      source: { site: "site2", org: "org2" },
      destination: { site: "site1", org: "org1" },
    });
    // on-prem destination: vcenter failover and migrate
    const v = await replicate(c, cloudBody(IDS.demoVm(8), { destination: { type: "vc", site: "onprem1" } }));
    await sleep(80);
    const vt = await c.post(`/vm-replications/${v}/failover-test`, {
      type: "vcenter",
      exposePITsAsSnapshots: true,
      powerOn: false,
    });
    expect((await c.wait(vt.body.id)).result.destinationState.recoveryInfo.recoveryState).toBe("TEST");
    await c.wait((await c.del(`/vm-replications/${v}/failover-test`)).body.id);
    const mg = await c.post(`/vm-replications/${v}/migrate`, {
      type: "vcenter",
      snapshotOptions: "CONSOLIDATE",
      powerOn: true,
    });
    expect((await c.wait(mg.body.id)).result.destinationState.recoveryInfo.recoveryState).toBe("COMPLETE");
    const w = await replicate(c, cloudBody(IDS.demoVm(9)));
    await sleep(80);
    const mv = await c.post(`/vm-replications/${w}/migrate`, { type: "vcloud", consolidate: true, powerOn: true });
    expect((await c.wait(mv.body.id)).result.destinationState.recoveryInfo.recoveryState).toBe("COMPLETE");
    const fv = await replicate(c, cloudBody(IDS.demoVm(16), { destination: { type: "vc", site: "onprem1" } }));
    await sleep(80);
    const f2 = await c.post(`/vm-replications/${fv}/failover`, {
      type: "vcenter",
      snapshotOptions: "EXPOSE_PITS",
      powerOn: true,
      customVirtualHardware: { numCpus: 4 },
    });
    expect((await c.wait(f2.body.id)).state).toBe("SUCCEEDED");
  });

  it("accepts a form body site=... on actions (decisions #19)", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(17)));
    const r = await c.call("POST", `/vm-replications/${id}/pause`, "site=site2", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(r.status).toBe(202);
    expect(r.body.site).toBe("site2");
  });

  it("serves traffic, disk-usage and virtual-hardware", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(18)));
    const t = await c.get(`/vm-replications/${id}/traffic`);
    expect(t.status).toBe(200);
    expect(Object.keys(t.body)).toEqual(["label", "interval", "start", "end", "samples"]);
    expect(t.body).toMatchObject({ label: id, interval: "HOUR" });
    expect(t.body.end - t.body.start).toBe(86_400_000);
    expect(t.body.samples.length).toBeGreaterThanOrEqual(24);
    expect(Object.keys(t.body.samples[0])).toEqual(["timestamp", "bytes"]);
    const d = await c.get(`/vm-replications/${id}/disk-usage?interval=FIVE_MINUTES&start=${Date.now() - 3_600_000}`);
    expect(d.body.samples.length).toBeGreaterThanOrEqual(12);
    expect((await c.get(`/vm-replications/${id}/traffic?interval=WEEK`)).status).toBe(400);
    const hw = await c.get(`/vm-replications/${id}/virtual-hardware`);
    expect(hw.body).toEqual({ cpus: 2, coresPerSocket: 1, memoryMB: 4096, storageMB: 16384 + 32768 });
  });

  it("deletes with a stop task (no result) and the id then answers 404", async () => {
    const id = await replicate(c, cloudBody(IDS.demoVm(19)));
    const r = await c.del(`/vm-replications/${id}`);
    expect(r.body.workflowInfo.type).toBe("stop");
    const t = await c.wait(r.body.id);
    expect(t).toMatchObject({ state: "SUCCEEDED", resultType: null, result: null });
    const g = await c.get(`/vm-replications/${id}`);
    expect([g.status, g.body.code]).toEqual([404, "VmReplicationNotFound"]);
  });

  it("keeps tenants inside their orgs: others' replications answer 404 and admin-only fields are hidden (decisions #4)", async () => {
    const t2 = await tenant(e, undefined, "site1");
    const mine = await replicate(t2, cloudBody(IDS.demoVm(21)));
    const got = await t2.get(`/vm-replications/${mine}`);
    expect(got.status).toBe(200);
    expect(got.body.owner).toBe("org2@site2");
    expect(got.body.vimLocation.datastoreMoref).toBeNull();
    const t3 = await tenant(e, TENANT3);
    const other = await t3.get(`/vm-replications/${mine}`);
    expect([other.status, other.body.code]).toEqual([404, "VmReplicationNotFound"]);
    expect((await t3.del(`/vm-replications/${mine}`)).status).toBe(404);
    expect((await t3.get("/vm-replications")).body.items.map((x: { id: string }) => x.id)).not.toContain(mine);
    expect((await t3.post("/vm-replications", cloudBody(IDS.demoVm(22)))).status).toBe(401); // site1 not in session
    expect((await t2.get("/vm-replications?owner=root")).status).toBe(403);
    expect((await c.get(`/vm-replications/${mine}`)).body.vimLocation.datastoreMoref).toBe("datastore-12");
  });

  it("holds the guide's example replication with its instance, so the failover example runs as written", async () => {
    const g = await c.get(`/vm-replications/${IDS.exampleRep}`);
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({
      vmName: "my vm 1",
      owner: "org1@site1",
      vappReplicationId: "C4VAPP-ccbe771e-b685-46c7-8c7a-4ed36915d963",
    });
    const f = await c.post(`/vm-replications/${IDS.exampleRep}/failover`, {
      type: "vcloud",
      instanceId: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba",
      consolidate: false,
      powerOn: true,
    });
    expect(f.status).toBe(202);
    expect((await c.wait(f.body.id)).state).toBe("SUCCEEDED");
  });
});
