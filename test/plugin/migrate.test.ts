/**
 * Moving a stack from the dynamic resources to the plugin's, both ways the README describes (program in
 * test/plugin/programs/migrate): an alias of the dynamic resource's type on each plugin resource, one `pulumi up`;
 * or `pulumi state delete` of the dynamic resources, then the plugin's resources with the `import` option. Either
 * way nothing is created, replaced or deleted on the appliance, and the next preview is empty.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";
import { SITE1_CREDENTIALS } from "./helpers";

const DYNAMIC = [
  "pulumi-nodejs:dynamic/vcda:Policy::gold",
  "pulumi-nodejs:dynamic/vcda:PolicyAssignment::gold-org2",
  "pulumi-nodejs:dynamic/vcda:VmReplication::cloud",
];
const PLUGIN = ["vcda:index:Policy::gold", "vcda:index:PolicyAssignment::gold-org2", "vcda:index:VmReplication::cloud"];

describe("moving a stack from the dynamic resources to the plugin's (real engine)", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;
  let preexisting: string[] = [];
  let ids: Record<string, string> = {};
  let run = 0;

  const replications = async () =>
    (await admin.call<{ items: { id: string }[] }>("GET", "/vm-replications?limit=100")).body.items
      .map((r) => r.id)
      .filter((id) => !preexisting.includes(id));
  const resources = async () =>
    userResources(await t.exportState()).map((r) => `${r.type}::${String(r.urn).split("::").pop()}`);
  const writes = () =>
    Object.keys(emulator.counts().routes).filter((r) => !r.startsWith("GET") && r !== "POST /sessions");

  /** The plugin's `up` changed nothing: every object kept, under the plugin's types; then a preview is empty. */
  const expectMoved = async (
    summary: Record<string, number> | undefined,
    outputs: Record<string, { value: unknown }>,
  ) => {
    for (const op of ["create", "update", "replace", "delete"]) expect(summary?.[op] ?? 0, op).toBe(0);
    expect(writes()).toEqual([]);
    expect(outputs.replicationId?.value).toBe(ids.replicationId);
    expect(outputs.policyId?.value).toBe(ids.policyId);
    expect(await resources()).toEqual(PLUGIN);
    expect(await replications()).toEqual([ids.replicationId]);
    await t.stack.removeConfig("importIds").catch(() => undefined);
    const preview = await t.stack.preview();
    for (const op of ["create", "update", "replace", "delete"] as const) expect(preview.changeSummary[op] ?? 0).toBe(0);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50 });
    admin = new VcdaAdmin({ url: emulator.url });
    preexisting = [];
    preexisting = await replications();
    t = await createTestStack({
      workDir: join(__dirname, "programs", "migrate"),
      stackName: `migrate-${process.pid}-${++run}`,
      config: {
        front: { value: "dynamic" },
        policyName: { value: `migrate-${process.pid}` },
        "vcda:endpoint": { value: emulator.url },
        "vcda:password": { value: "password", secret: true },
        "vcda:sites": { value: JSON.stringify(SITE1_CREDENTIALS), secret: true },
      },
    });
    const up = await t.stack.up();
    ids = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, String(v.value)]));
    expect(await resources()).toEqual(DYNAMIC);
  });
  afterEach(async () => {
    await t.stack.destroy();
    expect(await replications()).toEqual([]);
    expect((await admin.call("GET", `/policies/${ids.policyId}`)).status).toBe(404);
    await t?.dispose();
    await emulator?.close();
  });

  it("with aliases of the dynamic types: one up, no call that changes anything", async () => {
    await t.stack.setConfig("front", { value: "plugin" });
    emulator.resetCounts();
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.same).toBeGreaterThanOrEqual(3);
    await expectMoved(up.summary.resourceChanges, up.outputs);
  });

  it("with pulumi state delete and the import option", async () => {
    // Dependents first; the appliance keeps the objects.
    for (const r of userResources(await t.exportState()).reverse()) {
      const res = await t.cli(["state", "delete", String(r.urn), "--yes"]);
      expect(res.code, res.stderr).toBe(0);
    }
    expect(await replications()).toEqual([ids.replicationId]);
    const importIds = { gold: ids.policyId, "gold-org2": ids.assignmentId, cloud: ids.replicationId };
    await t.stack.setAllConfig({ front: { value: "plugin" }, importIds: { value: JSON.stringify(importIds) } });
    emulator.resetCounts();
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ import: 3 });
    await expectMoved(up.summary.resourceChanges, up.outputs);
  });
});
