/**
 * DR operations under the real engine: the cutover of a migration, a drill stack over a production stack's
 * replications (StackReference + FailoverTest), and vcda-drill, finished and interrupted, checked at the emulator.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, repoRoot, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

interface Replication {
  id: string;
  vmId: string;
  destinationState: { recoveryInfo?: { recoveryState?: string; vcdVmId?: string | null } };
}

const SITE1 = { site1: { type: "credentials", username: "root@System", password: "password" } };
const DRILL_CLI = join(repoRoot, "node_modules", "pulumi-vcda", "dist", "provider", "drill", "cli.js");

describe("DR operations under the real engine", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let prod: TestStack;
  let drill: TestStack | undefined;
  const out = mkdtempSync(join(tmpdir(), "vcda-drill-"));

  const replications = async () =>
    (await admin.call<{ items: Replication[] }>("GET", "/vm-replications?limit=100")).body.items;
  const recoveryStates = async () =>
    Object.fromEntries((await replications()).map((r) => [r.id, r.destinationState.recoveryInfo?.recoveryState]));
  const vappStates = async (id: string) =>
    (await admin.call<{ vmReplications: Replication[] }>("GET", `/vapp-replications/${id}`)).body.vmReplications.map(
      (m) => m.destinationState.recoveryInfo?.recoveryState,
    );
  const connection = () => ({
    "vcda:endpoint": { value: emulator.url },
    "vcda:password": { value: "password", secret: true },
    "vcda:sites": { value: JSON.stringify(SITE1), secret: true },
  });

  /** Runs vcda-drill on the production stack as a user would; `interrupt` sends Ctrl-C once a test started. */
  const runDrill = (args: string[], interrupt = false) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child: ChildProcess = spawn(
        process.execPath,
        [DRILL_CLI, "--stack", prod.stack.name, "--cwd", join(__dirname, "programs", "dr-production"), ...args],
        { env: { ...process.env, ...prod.env }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      let sent = false;
      child.stdout?.on("data", (d) => {
        stdout += d;
      });
      child.stderr?.on("data", (d) => {
        stderr += d;
        if (interrupt && !sent && stderr.includes("test failover started")) {
          sent = true;
          child.kill("SIGINT");
        }
      });
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      inMemory: true,
      taskDurationMs: 400,
      inventory: { ...defaultInventory(), exampleReplication: false },
    });
    admin = new VcdaAdmin({ url: emulator.url });
    prod = await createTestStack({
      workDir: join(__dirname, "programs", "dr-production"),
      stackName: `dr-prod-${process.pid}`,
      config: connection(),
    });
    await prod.stack.up();
  });
  afterAll(async () => {
    await drill?.dispose();
    await prod?.dispose();
    await emulator?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("cuts a migration over on the next up, once, after saying so in the preview", async () => {
    await prod.stack.setConfig("cutover", { value: "true" });
    const preview = await prod.stack.preview();
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toContain("this update MIGRATES source VM");
    const up = await prod.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    const id = String(up.outputs.migrationId?.value);
    expect((await recoveryStates())[id]).toBe("COMPLETE");
    const result = up.outputs.cutoverResult?.value as { durationSeconds: number; recoveryState: string };
    expect(result.recoveryState).toBe("COMPLETE");
    expect(result.durationSeconds).toBeGreaterThan(0);
    // Once migrated, nothing more is planned: not even with other cutover options.
    const again = await prod.stack.preview();
    expect(again.changeSummary.update ?? 0).toBe(0);
  });

  it("tests each protection from a drill stack through a StackReference, and cleans up on destroy", async () => {
    drill = await createTestStack({
      workDir: join(__dirname, "programs", "drill"),
      stackName: `drill-${process.pid}`,
      config: {
        ...connection(),
        productionStack: { value: `organization/vcda-e2e-dr-production/${prod.stack.name}` },
        names: { value: JSON.stringify(["web-21", "web-22", "web-tier"]) },
      },
      env: { PULUMI_BACKEND_URL: prod.env.PULUMI_BACKEND_URL ?? "" },
    });
    const { "web-tier": vapp, ...ids } = ((await prod.stack.outputs()).protectionIds?.value ?? {}) as Record<
      string,
      string
    >;
    const up = await drill.stack.up();
    expect(up.summary.resourceChanges?.create).toBe(4);
    const states = await recoveryStates();
    expect(Object.values(ids).map((id) => states[id])).toEqual(["TEST", "TEST"]);
    // The vApp's three VMs are tested together, each with its test VM.
    expect(await vappStates(String(vapp))).toEqual(["TEST", "TEST", "TEST"]);
    expect(((up.outputs.testVms?.value ?? []) as string[][])[2]?.filter(Boolean)).toHaveLength(3);
    for (const t of (up.outputs.timeToRecover?.value ?? []) as number[]) expect(t).toBeGreaterThan(0);
    for (const r of (up.outputs.rpoAtTest?.value ?? []) as number[]) expect(r).toBeGreaterThanOrEqual(0);
    await drill.stack.destroy();
    const after = await recoveryStates();
    expect(Object.values(ids).map((id) => after[id])).toEqual(["NOT_STARTED", "NOT_STARTED"]);
    expect(await vappStates(String(vapp))).toEqual(["NOT_STARTED", "NOT_STARTED", "NOT_STARTED"]);
    expect(userResources(await drill.exportState())).toHaveLength(0);
  });

  it("vcda-drill tests every protection, writes its report and passes within the targets", async () => {
    const res = await runDrill(["--max-rto", "10m", "--out", join(out, "pass")]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("passed");
    expect(res.stdout).toContain("web-21");
    expect(res.stdout).toContain("web-22");
    // The vApp is one test with a line per VM.
    expect(res.stdout).toMatch(/web-tier \(vApp C4VAPP-[^)]+\) \| web-01/);
    expect(res.stdout).toContain("| web-03 |");
    expect(res.stdout).not.toContain("move-23");
    expect(readFileSync(join(out, "pass", "drill.junit.xml"), "utf8")).toContain('failures="0"');
    expect(Object.values(await recoveryStates())).not.toContain("TEST");
  });

  it("vcda-drill fails, in its JUnit too, when a time to recover misses the target", async () => {
    const res = await runDrill(["--max-rto", "0.1s", "--out", join(out, "fail")]);
    expect(res.code).toBe(1);
    const junit = readFileSync(join(out, "fail", "drill.junit.xml"), "utf8");
    expect(junit).toMatch(/<failure message="time to recover [\d.]+ s exceeds 0.1 s"\/>/);
    expect(JSON.parse(readFileSync(join(out, "fail", "drill.json"), "utf8")).passed).toBe(false);
  });

  it("an interrupted vcda-drill still cleans up: no test failover is left behind", async () => {
    const res = await runDrill(["--out", join(out, "stop")], true);
    expect(res.stderr).toContain("interrupted: stopping the tests, then cleaning up");
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("INTERRUPTED");
    expect(Object.values(await recoveryStates())).not.toContain("TEST");
  });
});
