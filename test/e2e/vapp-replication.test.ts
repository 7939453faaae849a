/**
 * A three-VM vApp under the real engine, found by name (vApp, VM, vDC, SLA profile lookups inside `pulumi up`):
 * protected, changed in place, one VM's disks excluded, paused and resumed, drift repaired, a failover outside the
 * stack never planned as a replacement, destroy leaving nothing.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDS, defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

interface Member {
  id: string;
  vmName: string;
  isPaused: boolean;
  settings: { rpo: number; excludedDiskKeys: number[] };
}
interface VappReplication {
  id: string;
  vmReplications: Member[];
}
interface SlaProfile {
  id: string;
  displayName: string;
  orgs: number;
}

const WEB_TIER = "9664de13-6150-4315-9f59-2d85eb4c302f";
const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";

describe("VappReplication of a three-VM vApp under the real engine", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;

  const vapps = async () => (await admin.call<{ items: VappReplication[] }>("GET", "/vapp-replications")).body.items;
  const members = async () => (await vapps())[0]?.vmReplications ?? [];
  const outputsOf = async () =>
    userResources(await t.exportState()).find((r) => String(r.type).endsWith(":VappReplication"))?.outputs as
      | Record<string, unknown>
      | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      inMemory: true,
      taskDurationMs: 100,
      inventory: { ...defaultInventory(), exampleReplication: false },
    });
    admin = new VcdaAdmin({ url: emulator.url });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "vapps"),
      stackName: `vapps-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:password": { value: "password", secret: true },
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

  it("resolves the vApp, its VM, the vDC and the SLA profile by name, and protects every VM of the vApp", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.vappId?.value).toBe(WEB_TIER);
    expect(up.outputs.vdcId?.value).toBe(VDC_ORG2);
    expect(up.outputs.goldId?.value).toBe(DEFAULT_IDS.slaGold);
    expect(up.outputs.vmCount?.value).toBe(3);
    expect(up.outputs.vmNames?.value).toEqual(["web-01", "web-02", "web-03"]);
    expect(String(up.outputs.replicationId?.value)).toMatch(/^C4VAPP-/);
    const list = await vapps();
    expect(list).toHaveLength(1);
    expect((await members()).map((m) => m.settings.rpo)).toEqual([30, 30, 30]);
    const gold = (await admin.call<SlaProfile[]>("GET", "/sla-profiles")).body.find((p) => p.displayName === "Gold");
    expect(gold?.orgs).toBeGreaterThanOrEqual(1);
  });

  it("previews no change", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.create ?? 0).toBe(0);
  });

  it("changes the RPO of every VM and one VM's disks in place", async () => {
    await t.stack.setAllConfig({ rpo: { value: "45" }, web02ExcludedDisks: { value: "[2001]" } });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    const ms = await members();
    expect(ms.map((m) => m.settings.rpo)).toEqual([45, 45, 45]);
    expect(ms.find((m) => m.vmName === "web-02")?.settings.excludedDiskKeys).toEqual([2001]);
    expect(ms.find((m) => m.vmName === "web-01")?.settings.excludedDiskKeys).toEqual([]);
    // The state still describes the vApp after a step on one of its VMs (whose task answers with that VM).
    expect(await outputsOf()).toMatchObject({ replicationId: expect.stringMatching(/^C4VAPP-/), vmCount: 3 });
  });

  it("pauses and resumes every VM in place", async () => {
    await t.stack.setConfig("paused", { value: "true" });
    await t.stack.up();
    expect((await members()).map((m) => m.isPaused)).toEqual([true, true, true]);
    await t.stack.setConfig("paused", { value: "false" });
    await t.stack.up();
    expect((await members()).map((m) => m.isPaused)).toEqual([false, false, false]);
  });

  it("shows an RPO changed outside the stack on refresh, and the next up puts it back", async () => {
    const [v] = await vapps();
    const patch = await admin.call<{ id: string }>("PATCH", `/vapp-replications/${v?.id}`, { rpo: 50 });
    expect(patch.status, JSON.stringify(patch.body)).toBe(202);
    await admin.waitTask(patch.body.id);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    expect((await outputsOf())?.rpo).toBe(50);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect((await members()).map((m) => m.settings.rpo)).toEqual([45, 45, 45]);
  });

  it("reports a failover done outside the stack without planning a replacement", async () => {
    const [v] = await vapps();
    const fo = await admin.call<{ id: string }>("POST", `/vapp-replications/${v?.id}/failover`, {
      type: "vcloud",
      powerOn: false,
    });
    expect(fo.status, JSON.stringify(fo.body)).toBe(202);
    expect((await admin.waitTask(fo.body.id)).state).toBe("SUCCEEDED");
    await t.stack.refresh();
    expect((await outputsOf())?.recoveryState).toBe("COMPLETE");
    const preview = await t.stack.preview();
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.delete ?? 0).toBe(0);
  });

  it("destroys everything: no vApp or VM replication left, and org2 no longer has the SLA profile", async () => {
    const before = (await admin.call<SlaProfile[]>("GET", "/sla-profiles")).body.find((p) => p.displayName === "Gold");
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(await vapps()).toEqual([]);
    expect((await admin.call<{ items: unknown[] }>("GET", "/vm-replications")).body.items).toEqual([]);
    const after = (await admin.call<SlaProfile[]>("GET", "/sla-profiles")).body.find((p) => p.displayName === "Gold");
    expect(after?.orgs).toBe((before?.orgs ?? 1) - 1);
    expect(userResources(await t.exportState())).toHaveLength(0);
  });
});
