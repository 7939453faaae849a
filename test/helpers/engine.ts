/**
 * Runs real Pulumi stacks through the Automation API: the engine from scripts/engine, a file backend in a
 * temporary folder, the passphrase secrets provider, an isolated PULUMI_HOME, no update check and no plugin
 * downloads. Everything is removed by `dispose()`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { type ConfigMap, LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

const execFileP = promisify(execFile);

export const repoRoot = join(__dirname, "..", "..");
export const PASSPHRASE = "pulumi-vcda-tests";

export interface Engine {
  binDir: string;
  version: string;
  /** Folder of pulumi-language-yaml (binDir unless the engine on PATH lacks it). */
  yamlDir: string;
}

let engine: Promise<Engine> | undefined;

/** The engine folder, found or built once per test process (scripts/engine/engine.mjs). */
export function getEngine(): Promise<Engine> {
  engine ??= (async () => {
    const mod = await import(join(repoRoot, "scripts", "engine", "engine.mjs"));
    return mod.ensureEngine({ quiet: true });
  })();
  return engine;
}

export interface TestStack {
  stack: Stack;
  /** Folder holding the file backend's state. */
  stateDir: string;
  /** `pulumi stack export` as parsed JSON. */
  exportState(): Promise<{ deployment: { resources?: Array<Record<string, unknown>> } }>;
  /** The raw text of the exported state, to look for plaintext secrets. */
  exportText(): Promise<string>;
  /** The environment the engine runs with (backend, PULUMI_HOME, passphrase, PATH), for other tools on this stack. */
  env: Record<string, string>;
  /** Runs the pulumi CLI on this stack as a user would (same env); resolves even on a non-zero exit. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  dispose(): Promise<void>;
}

export interface StackOptions {
  /** Folder with Pulumi.yaml and the program. */
  workDir: string;
  stackName?: string;
  config?: ConfigMap;
  env?: Record<string, string>;
}

/** Creates a fresh stack of the program in `workDir` with its own backend and PULUMI_HOME. */
export async function createTestStack(opts: StackOptions): Promise<TestStack> {
  const { binDir, yamlDir } = await getEngine();
  const scratch = mkdtempSync(join(tmpdir(), "vcda-e2e-"));
  const stateDir = join(scratch, "state");
  const pulumiHome = join(scratch, "home");
  const pulumiCommand = await PulumiCommand.get({ root: dirname(binDir), skipVersionCheck: true });
  const nodeBin = join(repoRoot, "node_modules", ".bin");
  const envVars: Record<string, string> = {
    PATH: [...new Set([binDir, yamlDir]), nodeBin, process.env.PATH ?? ""].join(":"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...opts.env,
  };
  mkdirSync(stateDir, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: opts.stackName ?? "test", workDir: opts.workDir },
    { pulumiCommand, pulumiHome, envVars, secretsProvider: "passphrase" },
  );
  if (opts.config) await stack.setAllConfig(opts.config);
  const cli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await execFileP(join(binDir, "pulumi"), [...args, "--stack", stack.name], {
        cwd: opts.workDir,
        env: { ...process.env, ...envVars, PULUMI_HOME: pulumiHome },
        maxBuffer: 256 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === "number" ? err.code : 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
  };
  // `pulumi stack export` without --show-secrets (the Automation API's exportStack decrypts): what is at rest.
  const exportRaw = async () => {
    const res = await cli(["stack", "export"]);
    if (res.code !== 0) throw new Error(`pulumi stack export failed: ${res.stderr}`);
    return res.stdout;
  };
  return {
    stack,
    stateDir,
    env: { ...envVars, PULUMI_HOME: pulumiHome },
    async exportState() {
      return JSON.parse(await exportRaw()) as never;
    },
    exportText: exportRaw,
    cli,
    async dispose() {
      try {
        await stack.workspace.removeStack(stack.name, { force: true });
      } catch {
        // The stack may already be gone; the folder below is what matters.
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Resources of the exported state, without the stack and provider entries. */
export function userResources(state: { deployment: { resources?: Array<Record<string, unknown>> } }) {
  return (state.deployment.resources ?? []).filter((r) => {
    const type = String(r.type);
    return type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:");
  });
}
