/**
 * A Go program through the Automation API's inline source (test/plugin/go-program), using the generated Go SDK
 * (sdk/go) and an explicit provider (`vcda.NewProvider`), manages a policy, its assignment and a replication
 * through the provider plugin against the emulator: up, a no-op preview, an in-place change, destroy. The program
 * is built once and cached (scripts/engine/go.mjs).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { getEngine, PASSPHRASE, repoRoot } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";
import { PLUGIN_DIR } from "./helpers";

const execFileP = promisify(execFile);
const VM = "5e1a0000-0000-4000-8000-000000000011";

interface Step {
  outputs?: Record<string, unknown>;
  changes?: Record<string, number>;
}

describe("a Go program through pulumi-resource-vcda (Automation API inline source, generated Go SDK)", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let program: string;
  let scratch: string;
  let env: Record<string, string>;
  const policyName = `go-gold-${process.pid}`;
  let preexisting: string[] = [];

  const replications = async () =>
    (
      await admin.call<{ items: { id: string; vmId: string; settings: { rpo: number } }[] }>(
        "GET",
        "/vm-replications?limit=100",
      )
    ).body.items.filter((r) => !preexisting.includes(r.id));
  const policy = async () =>
    (await admin.call<{ id: string; displayName: string }[]>("GET", "/policies")).body.find(
      (p) => p.displayName === policyName,
    );

  const step = async (name: string, rpo: number): Promise<Step> => {
    try {
      const { stdout } = await execFileP(program, [name], {
        env: { ...env, RPO: String(rpo) },
        maxBuffer: 64 * 1024 * 1024,
      });
      return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Step;
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      throw new Error(`go-program ${name} failed: ${err.message}\n${err.stderr ?? ""}\n${err.stdout ?? ""}`);
    }
  };

  beforeAll(async () => {
    const { cachedGoBuild } = await import(join(repoRoot, "scripts", "engine", "go.mjs"));
    const sdk = join(repoRoot, "sdk", "go", "vcda");
    program = await cachedGoBuild({
      name: "go-program",
      dir: join(__dirname, "go-program"),
      extraDirs: [sdk, join(sdk, "internal"), join(sdk, "config")],
    });
    const { binDir } = await getEngine();
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 100 });
    admin = new VcdaAdmin({ url: emulator.url });
    preexisting = (await replications()).map((r) => r.id);
    scratch = mkdtempSync(join(tmpdir(), "vcda-go-"));
    mkdirSync(join(scratch, "state"));
    mkdirSync(join(scratch, "work"));
    env = {
      ...(process.env as Record<string, string>),
      PATH: [binDir, join(repoRoot, "node_modules", ".bin"), process.env.PATH].join(":"),
      PULUMI_ROOT: dirname(binDir),
      PULUMI_HOME: join(scratch, "home"),
      PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PLUGIN_DIR,
      WORK_DIR: join(scratch, "work"),
      STACK: `go-${process.pid}`,
      VCDA_ENDPOINT: emulator.url,
      VCDA_PASSWORD: "password",
      POLICY_NAME: policyName,
    };
  }, 600_000);
  afterAll(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("creates the policy, its assignment and the replication", async () => {
    const up = await step("up", 30);
    expect(up.changes?.create).toBeGreaterThanOrEqual(4);
    const created = await policy();
    expect(up.outputs?.policyId).toBe(created?.id);
    expect(up.outputs?.policyMinRpo).toBe(15);
    const status = await admin.call<{ org: string }[]>("GET", `/policies/${created?.id}/status`);
    expect(status.body.map((s) => s.org)).toContain("org2");
    const [replication, ...others] = await replications();
    expect(others).toEqual([]);
    expect(replication).toMatchObject({ vmId: VM, settings: { rpo: 30 } });
    expect(up.outputs?.replicationId).toBe(replication?.id);
    expect(up.outputs?.rpo).toBe(30);
    expect(up.outputs?.health).toBeTruthy();
  });

  it("previews no changes", async () => {
    const preview = await step("preview", 30);
    expect(preview.changes?.same).toBeGreaterThanOrEqual(4);
    for (const op of ["create", "update", "replace", "delete"]) expect(preview.changes?.[op] ?? 0).toBe(0);
  });

  it("changes the RPO in place", async () => {
    const before = (await replications())[0]?.id;
    const up = await step("up", 45);
    expect(up.changes?.update).toBe(1);
    expect(up.changes?.replace ?? 0).toBe(0);
    expect(await replications()).toMatchObject([{ id: before, settings: { rpo: 45 } }]);
    expect(up.outputs?.rpo).toBe(45);
  });

  it("destroys everything", async () => {
    const destroy = await step("destroy", 45);
    expect(destroy.changes?.delete).toBeGreaterThanOrEqual(4);
    expect(await replications()).toEqual([]);
    expect(await policy()).toBeUndefined();
  });
});
