/**
 * A Pulumi YAML program managing a policy, its assignment and two replications through the provider plugin
 * (pulumi-language-yaml from the engine setup, pulumi-resource-vcda from Pulumi.yaml `plugins.providers`), against
 * the emulator: up, a no-op preview, refresh of changes made outside the stack, `pulumi import` of a policy and a
 * replication made outside it (code and state), destroy. One resource goes through an explicit provider
 * (`pulumi:providers:vcda`), the other through the default provider (stack config `vcda:*`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { policyBody, VcdaAdmin } from "../helpers/vcda-admin";
import { IDS, PLUGIN_DIR, replicateOutOfBand, SITE1_CREDENTIALS, tempProject } from "./helpers";

// js-yaml ships with @pulumi/pulumi; the test reads and writes Pulumi.yaml with it.
const yaml = require("js-yaml") as { load(text: string): unknown; dump(value: unknown): string };

/** A Pulumi YAML interpolation, `${path}`. */
const ref = (path: string) => `\${${path}}`;

const PASSWORD = `Yaml-${process.pid}-Pw-4e1b7c`;

interface Replication {
  id: string;
  vmId: string;
  settings: { rpo: number; description: string };
}
interface PolicyInfo {
  id: string;
  displayName: string;
  maxIncoming: number;
}

const program = (policyName: string) => ({
  name: "vcda-yaml",
  runtime: "yaml",
  plugins: { providers: [{ name: "vcda", path: PLUGIN_DIR }] },
  config: { endpoint: { type: "string" }, password: { type: "string" } },
  resources: {
    appliance: {
      type: "pulumi:providers:vcda",
      properties: {
        endpoint: ref("endpoint"),
        username: "yamlops",
        password: ref("password"),
        sites: SITE1_CREDENTIALS,
      },
    },
    gold: {
      type: "vcda:Policy",
      properties: {
        displayName: policyName,
        minRpo: 15,
        maxIncoming: -1,
        allowIncomingProtections: true,
        allowOutgoingProtections: true,
      },
      options: { provider: ref("appliance") },
    },
    "gold-org2": {
      type: "vcda:PolicyAssignment",
      properties: { policyId: ref("gold.id"), org: "org2" },
      options: { provider: ref("appliance") },
    },
    cloud: {
      type: "vcda:VmReplication",
      properties: {
        source: { type: "vcloud", site: "site1", vmId: IDS.site1Vm(1), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, org: "org2" },
        description: "yaml cloud to cloud",
        rpo: 30,
        retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
      },
      options: { provider: ref("appliance"), dependsOn: [ref("gold-org2")] },
    },
    second: {
      type: "vcda:VmReplication",
      properties: {
        source: { type: "vcloud", site: "site1", vmId: IDS.site1Vm(2), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, org: "org2" },
        rpo: 60,
      },
      options: { dependsOn: [ref("gold-org2")] },
    },
  } as Record<string, unknown>,
  outputs: {
    policyId: ref("gold.id"),
    replicationId: ref("cloud.replicationId"),
    health: ref("cloud.overallHealth"),
    rpo: ref("cloud.rpo"),
  },
});

describe("a YAML program through pulumi-resource-vcda (real engine)", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;
  const project = tempProject("vcda-yaml-");
  const policyName = `yaml-gold-${process.pid}`;
  const spec = program(policyName);
  const writeProgram = () => project.write("Pulumi.yaml", yaml.dump(spec));
  const before: { policies: string[]; replications: string[] } = { policies: [], replications: [] };

  const replications = async () =>
    (await admin.call<{ items: Replication[] }>("GET", "/vm-replications?limit=100")).body.items.filter(
      (r) => !before.replications.includes(r.id),
    );
  const policies = async () =>
    (await admin.call<PolicyInfo[]>("GET", "/policies")).body.filter((p) => !before.policies.includes(p.id));
  const byVm = async (n: number) => (await replications()).find((r) => r.vmId === IDS.site1Vm(n));
  const stateOf = async (name: string) =>
    userResources(await t.exportState()).find((r) => String(r.urn).endsWith(`::${name}`)) as
      | { id: string; type: string; outputs: Record<string, unknown> }
      | undefined;

  beforeAll(async () => {
    const inventory = defaultInventory();
    inventory.users = [...inventory.users, { username: "yamlops", password: PASSWORD, kind: "local" }];
    emulator = await startEmulator({ port: 0, inMemory: true, inventory, taskDurationMs: 100 });
    admin = new VcdaAdmin({ url: emulator.url });
    before.policies = (await policies()).map((p) => p.id);
    before.replications = (await replications()).map((r) => r.id);
    writeProgram();
    t = await createTestStack({
      workDir: project.dir,
      stackName: `yaml-${process.pid}`,
      config: {
        endpoint: { value: emulator.url },
        password: { value: PASSWORD, secret: true },
        "vcda:endpoint": { value: emulator.url },
        "vcda:username": { value: "yamlops" },
        "vcda:password": { value: PASSWORD, secret: true },
        "vcda:sites": { value: JSON.stringify(SITE1_CREDENTIALS), secret: true },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
    project.dispose();
  });

  it("creates the policy, its assignment and two replications", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const policy = (await policies()).find((p) => p.displayName === policyName);
    expect(policy?.maxIncoming).toBe(-1);
    expect(up.outputs.policyId?.value).toBe(policy?.id);
    const status = await admin.call<{ org: string }[]>("GET", `/policies/${policy?.id}/status`);
    expect(status.body.map((s) => s.org)).toContain("org2");
    expect((await byVm(1))?.settings).toMatchObject({ rpo: 30, description: "yaml cloud to cloud" });
    expect((await byVm(2))?.settings.rpo).toBe(60);
    expect(up.outputs.replicationId?.value).toBe((await byVm(1))?.id);
    expect(up.outputs.rpo?.value).toBe(30);
    expect(up.outputs.health?.value).toBeTruthy();
    expect((await stateOf("cloud"))?.type).toBe("vcda:index:VmReplication");
  });

  it("keeps the password secret: not in the state at rest, the provider's password and sites encrypted", async () => {
    const text = await t.exportText();
    expect(text).not.toContain(PASSWORD);
    const state = await t.exportState();
    const appliance = (state.deployment.resources ?? []).find((r) => String(r.urn).endsWith("::appliance"));
    const inputs = appliance?.inputs as Record<string, unknown>;
    expect(inputs.endpoint).toBe(emulator.url);
    expect(inputs.password).toHaveProperty("ciphertext");
    expect(inputs.sites).toHaveProperty("ciphertext");
    expect((await stateOf("cloud"))?.outputs).not.toHaveProperty("connection");
  });

  it("previews no changes, and changes nothing on the appliance", async () => {
    emulator.resetCounts();
    const preview = await t.stack.preview();
    expect(preview.changeSummary.same).toBeGreaterThanOrEqual(5);
    for (const op of ["create", "update", "replace", "delete"] as const) expect(preview.changeSummary[op] ?? 0).toBe(0);
    const writes = Object.keys(emulator.counts().routes).filter((r) => !r.startsWith("GET") && r !== "POST /sessions");
    expect(writes).toEqual([]);
  });

  it("shows changes made outside the stack on refresh, and the next up puts the program's values back", async () => {
    const r = await byVm(1);
    const patch = await admin.call<{ id: string }>("PATCH", `/vm-replications/${r?.id}`, { rpo: 50 });
    await admin.waitTask(patch.body.id);
    const policy = (await policies()).find((p) => p.displayName === policyName);
    expect((await admin.updatePolicy(String(policy?.id), { maxIncoming: 5 })).status).toBe(200);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect((await stateOf("cloud"))?.outputs.rpo).toBe(50);
    expect((await stateOf("gold"))?.outputs.maxIncoming).toBe(5);

    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(2);
    expect((await byVm(1))?.settings.rpo).toBe(30);
    expect((await policies()).find((p) => p.displayName === policyName)?.maxIncoming).toBe(-1);
  });

  it("imports a policy and a replication made outside the stack: code that previews no changes, and state", async () => {
    const replicationId = await replicateOutOfBand({ endpoint: emulator.url, password: "password" }, 3, 20);
    const made = await admin.call<PolicyInfo>("POST", "/policies", policyBody(`yaml-outside-${process.pid}`));
    expect(made.status).toBe(201);
    project.write(
      "import.json",
      JSON.stringify({
        resources: [
          { type: "vcda:index:Policy", name: "outside-policy", id: made.body.id },
          { type: "vcda:index:VmReplication", name: "outside-replication", id: replicationId },
        ],
      }),
    );
    const imported = await t.cli([
      "import",
      "--file",
      join(project.dir, "import.json"),
      "--yes",
      "--protect=false",
      "--non-interactive",
      "--out",
      join(project.dir, "imported.yaml"),
    ]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);

    const code = readFileSync(join(project.dir, "imported.yaml"), "utf8");
    const generated = (yaml.load(code) as { resources: Record<string, { type: string; properties: Props }> }).resources;
    expect(generated["outside-policy"]).toMatchObject({
      type: "vcda:Policy",
      properties: { displayName: `yaml-outside-${process.pid}`, maxIncoming: -1, allowIncomingProtections: true },
    });
    expect(generated["outside-replication"]).toMatchObject({
      type: "vcda:VmReplication",
      properties: {
        source: { type: "vcloud", site: "site1", vmId: IDS.site1Vm(3), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2, org: "org2" },
        rpo: 20,
        description: "made outside the stack",
      },
    });
    expect((await stateOf("outside-replication"))?.id).toBe(replicationId);
    expect((await stateOf("outside-policy"))?.outputs.displayName).toBe(`yaml-outside-${process.pid}`);

    // The generated code, added to the program, describes the objects as they are.
    Object.assign(spec.resources, generated);
    writeProgram();
    const preview = await t.stack.preview();
    for (const op of ["create", "update", "replace", "delete"] as const) expect(preview.changeSummary[op] ?? 0).toBe(0);
  });

  it("destroys everything, the imported objects too", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(await replications()).toEqual([]);
    expect(await policies()).toEqual([]);
    expect(userResources(await t.exportState())).toHaveLength(0);
  });
});

type Props = Record<string, unknown>;
