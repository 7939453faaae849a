import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

interface Replication {
  id: string;
  vmId: string;
  isPaused: boolean;
  settings: { rpo: number; excludedDiskKeys: number[] };
  destination: { vdcId: string; org: string };
  destinationState: { recoveryInfo: { recoveryState: string } };
}

const SITE1_VM = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const VDC_ORG3 = "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03";

describe("VmReplication under the real engine", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;

  // The default inventory holds the guide's example replication; the stack's are the others.
  let preexisting: string[] = [];
  const list = async () =>
    (await admin.call<{ items: Replication[] }>("GET", "/vm-replications?limit=100")).body.items.filter(
      (r) => !preexisting.includes(r.id),
    );
  const byVm = async (vmId: string) => (await list()).find((r) => r.vmId === vmId);
  const stateOf = async (name: string) =>
    userResources(await t.exportState()).find((r) => String(r.urn).endsWith(`::${name}`)) as
      | { id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }
      | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 100 });
    admin = new VcdaAdmin({ url: emulator.url });
    preexisting = (await list()).map((r) => r.id);
    t = await createTestStack({
      workDir: join(__dirname, "programs", "replications"),
      stackName: `replications-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:username": { value: "root" },
        "vcda:password": { value: "password", secret: true },
        // The site1 source VMs need the session extended to site1 (decisions.md #5).
        "vcda:sites": {
          value: JSON.stringify({ site1: { type: "credentials", username: "root@System", password: "password" } }),
          secret: true,
        },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("creates replications of three variants in one up, with one login", async () => {
    emulator.resetCounts();
    const up = await t.stack.up();
    const counts = emulator.counts();
    expect(up.summary.result).toBe("succeeded");
    const ids = up.outputs.ids?.value as Record<string, string>;
    expect(Object.values(ids)).toHaveLength(3);
    for (const id of Object.values(ids)) expect(id).toMatch(/^C4-/);
    expect((await list()).map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
    expect(counts.logins, JSON.stringify(counts)).toBe(1);
    expect(counts.routes["POST /vm-replications"]).toBe(3);
    expect(up.outputs.cloudRpo?.value).toBe(30);
    expect(up.outputs.health?.value).toBeTruthy();
  });

  it("previews no changes without calling the API", async () => {
    emulator.resetCounts();
    const preview = await t.stack.preview();
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.create ?? 0).toBe(0);
    expect(emulator.counts().total).toBe(0);
  });

  it("changes rpo and retention in place", async () => {
    await t.stack.setAllConfig({ rpo: { value: "45" }, instances: { value: "6" } });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect((await byVm(SITE1_VM(1)))?.settings.rpo).toBe(45);
  });

  it("pauses and resumes in place", async () => {
    await t.stack.setConfig("paused", { value: "true" });
    await t.stack.up();
    expect((await byVm(SITE1_VM(1)))?.isPaused).toBe(true);
    await t.stack.setConfig("paused", { value: "false" });
    await t.stack.up();
    expect((await byVm(SITE1_VM(1)))?.isPaused).toBe(false);
  });

  it("changes excluded disks in place", async () => {
    await t.stack.setConfig("excludedDisks", { value: "[2001]" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect((await byVm(SITE1_VM(1)))?.settings.excludedDiskKeys).toEqual([2001]);
  });

  it("replaces the replication when its destination changes", async () => {
    const before = (await byVm(SITE1_VM(1)))?.id;
    await t.stack.setAllConfig({ cloudVdc: { value: VDC_ORG3 }, cloudOrg: { value: "org3" } });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.replace).toBe(1);
    const after = await byVm(SITE1_VM(1));
    expect(after?.id).not.toBe(before);
    expect(after?.destination.vdcId).toBe(VDC_ORG3);
    expect((await list()).filter((r) => r.vmId === SITE1_VM(1))).toHaveLength(1);
  });

  it("keeps every input in the state on a refresh without drift (status outputs may move)", async () => {
    const inputs = async () => userResources(await t.exportState()).map((r) => ({ urn: r.urn, inputs: r.inputs }));
    const before = await inputs();
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(await inputs()).toEqual(before);
  });

  it("shows an rpo changed outside the stack on refresh", async () => {
    const r = await byVm(SITE1_VM(1));
    const patch = await admin.call<{ id: string }>("PATCH", `/vm-replications/${r?.id}`, { rpo: 50 });
    expect(patch.status, JSON.stringify(patch.body)).toBe(202);
    await admin.waitTask(patch.body.id);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    expect((await stateOf("cloud-to-cloud"))?.outputs.rpo).toBe(50);
    expect((await stateOf("cloud-to-cloud"))?.inputs.rpo).toBe(50);
    // The program still says 45: the next up puts it back, in place.
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect((await byVm(SITE1_VM(1)))?.settings.rpo).toBe(45);
  });

  it("reports a failover done outside the stack without planning a replacement", async () => {
    const r = await byVm(SITE1_VM(1));
    const fo = await admin.call<{ id: string }>("POST", `/vm-replications/${r?.id}/failover`, {
      type: "vcloud",
      powerOn: false,
    });
    expect(fo.status).toBe(202);
    expect((await admin.waitTask(fo.body.id)).state).toBe("SUCCEEDED");
    await t.stack.refresh();
    expect((await stateOf("cloud-to-cloud"))?.outputs.recoveryState).toBe("COMPLETE");
    const preview = await t.stack.preview();
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.delete ?? 0).toBe(0);
  });

  it("surfaces a policy rejection readably and creates nothing", async () => {
    await t.stack.setConfig("addRejected", { value: "true" });
    await expect(t.stack.up()).rejects.toThrow(/RpoBelowPolicyMinimum/);
    expect(await byVm(SITE1_VM(2))).toBeUndefined();
    expect(await stateOf("rejected")).toBeUndefined();
    await t.stack.setConfig("addRejected", { value: "false" });
  });

  it("keeps a replication whose follow-up task failed in state, and the next up converges", async () => {
    await t.stack.setConfig("addFlaky", { value: "true" });
    emulator.setFaults({ errorRate: 1, errorStatus: 500, pathPattern: "/pause$" });
    await expect(t.stack.up()).rejects.toThrow();
    emulator.setFaults({ errorRate: 0, pathPattern: undefined });
    const recorded = await stateOf("flaky");
    const created = await byVm(SITE1_VM(3));
    expect(created?.id).toBeDefined();
    expect(recorded?.id).toBe(created?.id);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.create ?? 0).toBe(0);
    expect((await list()).filter((r) => r.vmId === SITE1_VM(3))).toHaveLength(1);
    expect((await byVm(SITE1_VM(3)))?.isPaused).toBe(true);
  });

  it("keeps the password out of the state and stores the provider as a require", async () => {
    const text = await t.exportText();
    expect(text).toContain('require(\\"pulumi-vcda/dynamic/vm-replication\\")');
    expect(text).not.toContain("class VmReplicationProvider");
    expect(text).not.toMatch(/\\"password\\"|"password"/);
  });

  it("destroys everything: the emulator has no replication left", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(await list()).toHaveLength(0);
    expect(userResources(await t.exportState())).toHaveLength(0);
  });
});
