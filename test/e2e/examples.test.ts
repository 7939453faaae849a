/**
 * Runs every program under examples/ with the real engine against one in-process emulator, the way a user runs them
 * (`import * as vcda from "pulumi-vcda"`, resolved from the root node_modules; stack config `vcda:*`).
 * Every example is previewed, then goes through `up` and `destroy` (checked against the emulator's API), except
 * pr-preview, which is previewed with the policy pack and through its own preview.sh + vcda-report.
 * Examples run one after another and use distinct VMs, so one emulator serves them all.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, getEngine, repoRoot, type TestStack, userResources } from "../helpers/engine";
import {
  exampleConfig,
  examplesDir as examples,
  expectQuickstartOutputs,
  previewCreates,
  site1Vm,
} from "../helpers/examples";
import { policyBody, VcdaAdmin } from "../helpers/vcda-admin";

const execFileP = promisify(execFile);
const policyPack = join(repoRoot, "policy-packs", "vcda-compliance");

const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";

interface Listed {
  items: Array<{
    id: string;
    vmId: string;
    owner: string;
    isMigration: boolean;
    destination: { site: string; org: string | null };
    settings: { rpo: number; retentionPolicy: { rules: unknown[] } };
  }>;
}

describe("examples/ under the real engine", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  const stacks: TestStack[] = [];

  /** A fresh stack of an example with the emulator's connection and the example's settings as stack config. */
  const stackOf = async (example: string) => {
    const t = await createTestStack({
      workDir: join(examples, example),
      stackName: `examples-${process.pid}`,
      config: exampleConfig(example, emulator),
    });
    stacks.push(t);
    return t;
  };

  /** A fresh stack of the example and its preview, which must create what previewCreates says and nothing else. */
  const previewed = async (example: string) => {
    const t = await stackOf(example);
    const preview = await t.stack.preview();
    expect(preview.changeSummary.create).toBe(previewCreates[example]);
    return t;
  };

  const replications = async () => (await admin.call<Listed>("GET", "/vm-replications")).body.items;

  /** `up`, checks of the replications it made, `destroy`, and no replication left. */
  const upAndDestroy = async (t: TestStack, check: (listed: Listed["items"]) => void) => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    check(await replications());
    await t.stack.destroy();
    expect(await replications()).toEqual([]);
  };

  beforeAll(async () => {
    // Without the guide's example replication, so "no replication left" means an empty list.
    emulator = await startEmulator({
      port: 0,
      inMemory: true,
      tls: true,
      taskDurationMs: 50,
      inventory: { ...defaultInventory(), exampleReplication: false },
    });
    admin = new VcdaAdmin({ url: emulator.url, caPem: emulator.caPem });
  });
  afterAll(async () => {
    for (const t of stacks) await t.dispose();
    await emulator?.close();
  });

  it("quickstart: preview, up (policy, assignment, cloud → cloud replication, outputs), destroy", async () => {
    const t = await previewed("quickstart");
    expect(await replications()).toEqual([]); // preview creates nothing

    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expectQuickstartOutputs(up.outputs);
    const id = String(up.outputs.replicationId?.value);
    const listed = await replications();
    expect(listed.map((r) => [r.id, r.vmId])).toEqual([[id, site1Vm(1)]]);
    expect(listed[0]?.settings.rpo).toBe(30);

    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(userResources(await t.exportState())).toHaveLength(0);
    expect(await replications()).toEqual([]);
    expect((await admin.call("GET", `/policies/${up.outputs.policyId?.value}`)).status).toBe(404);
  });

  it("default-policy: up changes the built-in policy, destroy restores the documented defaults", async () => {
    const t = await previewed("default-policy");
    await t.stack.up();
    const after = (await admin.call<Record<string, unknown>>("GET", "/policies/default")).body;
    expect(after).toMatchObject({ maxIncoming: 10, minRpo: 30, maxInstances: 12, allowIncomingMigrations: true });
    await t.stack.destroy();
    const restored = (await admin.call<Record<string, unknown>>("GET", "/policies/default")).body;
    expect(restored).toMatchObject({ maxIncoming: 0, minRpo: 15, maxInstances: 24, allowIncomingProtections: false });
  });

  it("onprem-to-cloud: four vCenter VMs protected into org2 with two retention rules; up and destroy", async () => {
    const t = await previewed("onprem-to-cloud");
    await upAndDestroy(t, (listed) => {
      expect(listed.map((r) => r.vmId).sort()).toEqual(["vm-101", "vm-102", "vm-103", "vm-104"]);
      expect(listed.every((r) => r.settings.retentionPolicy.rules.length === 2)).toBe(true);
    });
  });

  it("cloud-to-onprem-migration: two org3 VMs set up for migration to onprem1; up and destroy", async () => {
    const t = await previewed("cloud-to-onprem-migration");
    await upAndDestroy(t, (listed) => {
      expect(listed).toHaveLength(2);
      expect(listed.every((r) => r.isMigration && r.destination.site === "onprem1")).toBe(true);
    });
  });

  it("multi-site: a VCD session extended to site1 (multisite), operations run on site1; up and destroy", async () => {
    const t = await previewed("multi-site");
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const ids = [
      ...((up.outputs.inboundIds?.value ?? []) as string[]),
      ...((up.outputs.outboundIds?.value ?? []) as string[]),
    ];
    expect(ids).toHaveLength(3);
    expect((await replications()).map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(up.outputs.owners?.value).toEqual(["root@System", "root@System", "root@System"]);
    await t.stack.destroy();
    expect(await replications()).toEqual([]);
  });

  it("adopt-existing: takes over a policy and a replication created outside the stack", async () => {
    // What someone made in the VCDA UI: a policy on org2 and a replication of demo-vm-10 with RPO 60.
    const policy = await admin.call<{ id: string }>("POST", "/policies", policyBody("Existing protection"));
    expect(policy.status).toBe(201);
    expect((await admin.call("PATCH", `/policies/${policy.body.id}/orgs/org2`)).status).toBe(202);
    const extend = await admin.call("POST", "/sessions/extend", {
      type: "credentials",
      site: "site1",
      vcdUsername: "root@System",
      vcdPassword: "password",
    });
    expect(extend.status).toBe(200);
    const create = await admin.call<{ id: string }>("POST", "/vm-replications", {
      source: { type: "vm", site: "site1", vmId: site1Vm(10) },
      destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2 },
      rpo: 60,
      retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] },
    });
    expect(create.status).toBe(202);
    const task = await admin.waitTask(create.body.id);
    expect(task.state).toBe("SUCCEEDED");
    const [existing] = await replications();
    expect(existing?.vmId).toBe(site1Vm(10));

    const t = await previewed("adopt-existing");
    const up = await t.stack.up();
    expect(up.outputs.policyId?.value).toBe(policy.body.id);
    expect(up.outputs.replicationId?.value).toBe(existing?.id);
    expect(up.outputs.rpo?.value).toBe(30);
    const listed = await replications();
    expect(listed.map((r) => [r.id, r.settings.rpo])).toEqual([[existing?.id, 30]]);

    // Adopted objects are managed like any other: destroy deletes them.
    await t.stack.destroy();
    expect(await replications()).toEqual([]);
    expect((await admin.call("GET", `/policies/${policy.body.id}`)).status).toBe(404);
  });

  it("per-org-policies: gold and silver policies and twelve replications with per-tier RPO; up and destroy", async () => {
    const t = await previewed("per-org-policies");
    await upAndDestroy(t, (listed) => {
      const byOrg = (org: string) => listed.filter((r) => r.destination.org === org).map((r) => r.settings.rpo);
      expect(byOrg("org2")).toEqual([15, 15, 15, 15]);
      expect(byOrg("org3")).toEqual(Array(8).fill(240));
    });
  });

  it("vapp-protection: the three-VM vApp, the vDC and the SLA profile found by name; up and destroy", async () => {
    const t = await previewed("vapp-protection");
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.vmCount?.value).toBe(3);
    expect(String(up.outputs.replicationId?.value)).toMatch(/^C4VAPP-/);
    expect(up.outputs.rpo?.value).toBe(15); // the Gold profile's
    const listed = await replications();
    expect(listed.map((r) => r.vmId).sort()).toEqual([1, 2, 3].map((n) => `7e1a0000-0000-4000-8000-00000000000${n}`));
    await t.stack.destroy();
    expect(await replications()).toEqual([]);
    expect((await admin.call<unknown[]>("GET", "/vapp-replications")).body).toMatchObject({ items: [] });
  });

  it("pr-preview: the policy pack reports the PLAIN data connection as advisory; preview.sh writes the reports", async () => {
    const t = await stackOf("pr-preview");
    const events: EngineEvent[] = [];
    const preview = await t.stack.preview({
      policyPacks: [policyPack],
      policyPackConfigs: [join(examples, "pr-preview", "vcda-policy.json")],
      onEvent: (e) => events.push(e),
    });
    expect(preview.changeSummary.create).toBe(previewCreates["pr-preview"]);
    // Exactly the deliberate finding: nothing mandatory, no "could not be checked" note.
    const findings = events.flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
    expect(findings.map((f) => [f.policyName, f.resourceUrn?.split("::").pop()])).toEqual([
      ["vcda-encrypted-traffic", "web-01"],
    ]);
    expect(["advisory", "warning"]).toContain(findings[0]?.enforcementLevel);

    // The same preview through the example's script: pulumi preview --json --event-log, then vcda-report.
    const { binDir } = await getEngine();
    const ws = t.stack.workspace as LocalWorkspace;
    const out = mkdtempSync(join(tmpdir(), "vcda-pr-preview-"));
    try {
      const { stdout } = await execFileP(join(examples, "pr-preview", "preview.sh"), [t.stack.name], {
        cwd: join(examples, "pr-preview"),
        env: {
          ...process.env,
          ...ws.envVars,
          PATH: [binDir, join(repoRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(":"),
          PULUMI_HOME: ws.pulumiHome ?? "",
          OUT_DIR: out,
        },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain("vcda-encrypted-traffic");
      expect(existsSync(join(out, "events.jsonl"))).toBe(true);
      const comment = readFileSync(join(out, "comment.md"), "utf8");
      expect(comment).toContain("vcda-encrypted-traffic");
      expect(comment).toContain("web-01");
      expect(comment).toContain("0 mandatory, 1 advisory, 0 not checked");
      const sarif = JSON.parse(readFileSync(join(out, "vcda.sarif"), "utf8")) as {
        runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
      };
      const results = sarif.runs.flatMap((r) => r.results);
      expect(results).toContainEqual(expect.objectContaining({ ruleId: "vcda-encrypted-traffic", level: "warning" }));
      expect(results.filter((r) => r.level === "error")).toEqual([]);
      expect(readFileSync(join(out, "vcda-junit.xml"), "utf8")).toContain("<testsuite");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    expect(await replications()).toEqual([]);
  });
});
