/**
 * DR operations on VM replications (issue 14): states and timings of test failover, cleanup and planned migration per
 * the guide and the reference, the refusal of a second test, and harmless cleanups.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { admin, type Client, cloudBody, IDS, type Json, openOrg, replicate, sleep, start } from "./helpers.js";

const RECOVERY_MS = 300;

describe("DR operations on VM replications", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start({ recoveryMs: RECOVERY_MS });
    c = await admin(e);
    await openOrg(c, "org2");
  });
  afterAll(() => e.close());

  const control = async (method: string, path: string, body?: unknown) =>
    (
      await fetch(`${e.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) })
    ).json() as Promise<Json>;
  const rec = async (id: string) => (await c.get(`/vm-replications/${id}`)).body.destinationState.recoveryInfo;
  /** A replication with its first instance. */
  const ready = async (vm: string, over: Record<string, unknown> = {}) => {
    const id = await replicate(c, cloudBody(vm, over));
    for (let i = 0; i < 300; i++) {
      if ((await c.get(`/vm-replications/${id}`)).body.destinationState.latestInstance) return id;
      await sleep(10);
    }
    throw new Error(`${id}: no instance`);
  };

  it("takes recoveryMs for test failover; IN_PROGRESS while running, TEST after; the RPO at test time is computable", async () => {
    const id = await ready(IDS.demoVm(1));
    const before = (await c.get(`/vm-replications/${id}`)).body.destinationState.latestInstance;
    const r = await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud", powerOn: true });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      state: "RUNNING",
      workflowInfo: { type: "failoverTest", resourceType: "vmReplication" },
    });
    expect(await rec(id)).toMatchObject({ recoveryState: "IN_PROGRESS", vcdVmId: null });
    // one test at a time: refused while it runs
    const during = await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud" });
    expect([during.status, during.body.code]).toEqual([400, "InvalidReplicationState"]);
    expect((await c.post(`/vm-replications/${id}/pause`)).body.code).toBe("InvalidReplicationState");
    expect((await c.del(`/vm-replications/${id}/failover-test`)).body.code).toBe("InvalidReplicationState");
    const t = await c.wait(r.body.id);
    expect(t.state).toBe("SUCCEEDED");
    expect(t.endTime - t.startTime).toBeGreaterThanOrEqual(RECOVERY_MS);
    const info = t.result.destinationState.recoveryInfo;
    expect(info).toMatchObject({ recoveryState: "TEST", type: "vcd" });
    expect(info.vcdVmId).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.vAppId).toMatch(/^[0-9a-f-]{36}$/);
    // the test used the latest instance at its start (`before`, or one taken just after reading it); retention keeps it
    // while the test holds it, so its age at the task's start, the RPO at test time, can be read afterwards too
    const instances = (await c.get(`/vm-replications/${id}/instances`)).body as Json[];
    const used = instances.filter((i) => i.timestamp <= t.startTime).sort((a, b) => b.timestamp - a.timestamp)[0];
    expect(used?.timestamp).toBeGreaterThanOrEqual(before.timestamp);
    expect(t.startTime - used.timestamp).toBeGreaterThanOrEqual(0);
    expect(t.result.destinationState.latestInstance.timestamp).toBeGreaterThan(used.timestamp);
    // a second test while one is active is refused, and so are failover and migrate
    for (const op of ["failover-test", "failover", "migrate"]) {
      const again = await c.post(`/vm-replications/${id}/${op}`, { type: "vcloud" });
      expect([again.status, again.body.code], op).toEqual([400, "InvalidReplicationState"]);
    }
    // cleanup: NOT_STARTED, ids cleared, in the task duration (not recoveryMs)
    const cl = await c.del(`/vm-replications/${id}/failover-test`);
    const ct = await c.wait(cl.body.id);
    expect(ct.workflowInfo.type).toBe("failoverTestCleanup");
    expect(ct.endTime - ct.startTime).toBeLessThan(RECOVERY_MS);
    expect(ct.result.destinationState.recoveryInfo).toMatchObject({
      recoveryState: "NOT_STARTED",
      vAppId: null,
      vcdVmId: null,
    });
    // cleanup of a test that is gone: 202 and a task that succeeds without change
    const gone = await c.wait((await c.del(`/vm-replications/${id}/failover-test`)).body.id);
    expect(gone.state).toBe("SUCCEEDED");
    expect(gone.result.destinationState.recoveryInfo.recoveryState).toBe("NOT_STARTED");
    // a new test is possible again
    expect(
      (await c.wait((await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud" })).body.id)).state,
    ).toBe("SUCCEEDED");
  });

  it("cleans up harmlessly where no test ever ran or after a failover; an unknown replication is 404", async () => {
    const id = await ready(IDS.demoVm(2));
    const r = await c.del(`/vm-replications/${id}/failover-test`);
    expect(r.status).toBe(202);
    const t = await c.wait(r.body.id);
    expect([t.state, t.result.destinationState.recoveryInfo.recoveryState]).toEqual(["SUCCEEDED", "NOT_STARTED"]);
    await c.wait((await c.post(`/vm-replications/${id}/failover`, { type: "vcloud" })).body.id);
    const after = await c.wait((await c.del(`/vm-replications/${id}/failover-test`)).body.id);
    expect([after.state, after.result.destinationState.recoveryInfo.recoveryState]).toEqual(["SUCCEEDED", "COMPLETE"]);
    const missing = await c.del("/vm-replications/C4-00000000-0000-4000-8000-000000000000/failover-test");
    expect([missing.status, missing.body.code]).toEqual([404, "VmReplicationNotFound"]);
  });

  it("recovers the named instance (with or without replica-); sync takes a new one and excludes instanceId", async () => {
    const id = await ready(IDS.demoVm(3));
    await c.wait((await c.post(`/vm-replications/${id}/sync`)).body.id);
    const keys = ((await c.get(`/vm-replications/${id}/instances`)).body as Json[]).map((i) => i.key);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const both = await c.post(`/vm-replications/${id}/failover-test`, {
      type: "vcloud",
      sync: true,
      instanceId: keys[1],
    });
    expect([both.status, both.body.code]).toEqual([400, "BadRequest"]);
    const unknown = await c.post(`/vm-replications/${id}/failover-test`, {
      type: "vcloud",
      instanceId: "replica-nope",
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, "InstanceNotFound"]);
    const named = await c.post(`/vm-replications/${id}/failover-test`, {
      type: "vcloud",
      instanceId: (keys[1] as string).replace(/^replica-/, ""),
    });
    expect((await c.wait(named.body.id)).state).toBe("SUCCEEDED");
    await c.wait((await c.del(`/vm-replications/${id}/failover-test`)).body.id);
    const withSync = await c.wait(
      (await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud", sync: true })).body.id,
    );
    expect(withSync.result.destinationState.recoveryInfo.recoveryState).toBe("TEST");
    expect(keys).not.toContain(withSync.result.destinationState.latestInstance.key);
    expect(withSync.result.destinationState.latestInstance.timestamp).toBeGreaterThanOrEqual(withSync.startTime);
  });

  it("migrates: RUNNING for recoveryMs, then COMPLETE after a sync; the source VM is powered off", async () => {
    const id = await ready(IDS.demoVm(4), { isMigration: true });
    const last = (await c.get(`/vm-replications/${id}`)).body.destinationState.latestInstance;
    const r = await c.post(`/vm-replications/${id}/migrate`, { type: "vcloud", powerOn: true, consolidate: false });
    expect(await rec(id)).toMatchObject({ recoveryState: "IN_PROGRESS" });
    const t = await c.wait(r.body.id);
    expect(t.endTime - t.startTime).toBeGreaterThanOrEqual(RECOVERY_MS);
    const out = t.result;
    expect(out.destinationState.recoveryInfo).toMatchObject({ recoveryState: "COMPLETE" });
    expect(out.destinationState.recoveryInfo.vcdVmId).toBeTruthy();
    expect(out.destination.recoveredVappId).toBe(out.destinationState.recoveryInfo.vAppId);
    expect(out.dataConnectionState).toBe("FINISHED");
    expect(out.destinationState.latestInstance.key).not.toBe(last.key); // synced first
    const state = await control("GET", "/_emulator/state");
    expect(state.vmPower).toContainEqual({ site: "site1", vmId: IDS.demoVm(4), powerState: "poweredOff" });
    // the migrated source stays off: a new replication of it waits for a manual sync
    await c.wait((await c.del(`/vm-replications/${id}`)).body.id);
    const again = await replicate(c, cloudBody(IDS.demoVm(4)));
    expect((await c.get(`/vm-replications/${again}`)).body.dataConnectionState).toBe("POWERED_OFF");
  });

  it("a recovery task that fails leaves the replication as it was; delete during a recovery fails the recovery", async () => {
    const id = await ready(IDS.demoVm(5));
    e.setFaults({ taskFailureRate: 1 });
    const r = await c.post(`/vm-replications/${id}/failover-test`, { type: "vcloud" });
    const t = await c.wait(r.body.id);
    e.setFaults({});
    expect([t.state, t.error.code]).toEqual(["FAILED", "TaskFailed"]);
    expect((await rec(id)).recoveryState).toBe("NOT_STARTED");
    const f = await c.post(`/vm-replications/${id}/failover`, { type: "vcloud" });
    const d = await c.del(`/vm-replications/${id}`);
    expect(d.status).toBe(202);
    await c.wait(d.body.id);
    expect((await c.wait(f.body.id)).error.code).toBe("VmReplicationNotFound");
  });

  it("accepts the reference's 4.5 failover and test bodies, whose settings are null", async () => {
    const id = await ready(IDS.demoVm(6));
    const test = await c.post(`/vm-replications/${id}/failover-test`, {
      sync: false,
      instanceId: null,
      type: "vcloud",
      vmNetworkSettings: null,
      vAppNetworkSettings: null,
      powerOn: true,
    });
    expect(test.status, JSON.stringify(test.body)).toBe(202);
    await c.wait(test.body.id);
    await c.wait((await c.del(`/vm-replications/${id}/failover-test`)).body.id);
    const fo = await c.post(`/vm-replications/${id}/failover`, {
      consolidate: false,
      instanceId: null,
      type: "vcloud",
      vmNetworkSettings: null,
      vAppNetworkSettings: null,
      powerOn: true,
    });
    expect(fo.status, JSON.stringify(fo.body)).toBe(202);
    expect((await c.wait(fo.body.id)).result.destinationState.recoveryInfo.recoveryState).toBe("COMPLETE");
  });

  it("shows recoveryMs in /_emulator/config; PUT changes it and null follows the task duration", async () => {
    expect(await control("GET", "/_emulator/config")).toMatchObject({ taskDurationMs: 40, recoveryMs: RECOVERY_MS });
    expect(await control("PUT", "/_emulator/config", { recoveryMs: null })).toMatchObject({ recoveryMs: 40 });
    expect(await control("PUT", "/_emulator/config", { recoveryMs: -1 })).toMatchObject({ code: "BadRequest" });
    expect(await control("PUT", "/_emulator/config", { recoveryMs: RECOVERY_MS })).toMatchObject({
      recoveryMs: RECOVERY_MS,
    });
  });
});
