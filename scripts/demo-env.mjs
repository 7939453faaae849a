// What `npm start`, `npm run pulumi` and `npm run emulator` share: where the demo keeps its data, how the
// emulator is started for it, and the environment the Pulumi CLI runs with.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { engineEnv } from "./engine/engine.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const dataDir = process.env.VCDA_DEMO_DATA || join(root, ".data");
export const paths = {
  db: join(dataDir, "emulator.db"),
  tls: join(dataDir, "tls"),
  state: join(dataDir, "state"),
  home: join(dataDir, "pulumi-home"),
};
export const STACK = process.env.VCDA_DEMO_STACK || "dev";
export const HOST = "127.0.0.1";
export const PORT = Number(process.env.VCDA_EMULATOR_PORT || 8046);
// The demo's emulator logs in with the guide's example admin; change both sides together (see emulator/README.md).
export const DEMO_USER = process.env.VCDA_DEMO_USERNAME || "root";
export const DEMO_PASSWORD = process.env.VCDA_DEMO_PASSWORD || "password";

export function say(msg) {
  process.stderr.write(`[demo] ${msg}\n`);
}

export function fail(msg) {
  process.stderr.write(`\n[demo] ${msg}\n`);
  process.exit(1);
}

/** Resolves when something already listens on host:port. */
export function portInUse(port, host = HOST) {
  return new Promise((resolve) => {
    const s = createConnection({ port, host });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/** Makes sure `npm install` built the package (dist and node_modules/pulumi-vcda). */
export function ensureBuilt() {
  if (
    existsSync(join(root, "dist", "emulator", "index.js")) &&
    existsSync(join(root, "node_modules", "pulumi-vcda", "package.json"))
  )
    return;
  say("building the package (npm run build)");
  execFileSync(process.execPath, [join(root, "scripts", "prepare.mjs")], { stdio: "inherit" });
}

/** Starts the emulator in this process with the demo's data file and generated TLS certificate. */
export async function startDemoEmulator({ log = false } = {}) {
  if (await portInUse(PORT)) {
    fail(
      `Port ${PORT} on ${HOST} is already in use. Is another emulator running (\`npm run emulator\`)?\n` +
        `  Stop it, or pick another port: VCDA_EMULATOR_PORT=8047 npm start`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const { startEmulator } = await import(join(root, "dist", "emulator", "index.js"));
  return startEmulator({ host: HOST, port: PORT, dataFile: paths.db, tls: true, tlsDir: paths.tls, log });
}

/**
 * Runs a command without blocking this process: the emulator started by startDemoEmulator lives in this
 * process's event loop, so a synchronous spawn would leave it unable to answer.
 */
export function runAsync(cmd, args, { capture = false, ...opts } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Environment of the Pulumi CLI for the demo stack: local file backend, its own PULUMI_HOME, the engine on PATH. */
export function pulumiEnv(binDir) {
  mkdirSync(paths.state, { recursive: true });
  mkdirSync(paths.home, { recursive: true });
  return engineEnv(binDir, {
    PULUMI_BACKEND_URL: `file://${paths.state}`,
    PULUMI_HOME: paths.home,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "pulumi-vcda-demo",
    PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
  });
}

/** True when the demo stack's state file exists and records VCDA resources. */
export function stackHasResources() {
  const dir = join(paths.state, ".pulumi", "stacks");
  const file = join(dir, "vcda-demo", `${STACK}.json`);
  if (!existsSync(file)) return false;
  try {
    const state = JSON.parse(readFileSync(file, "utf8"));
    return (state.checkpoint?.latest?.resources ?? []).some((r) => String(r.type).includes("dynamic/vcda:"));
  } catch {
    return false;
  }
}
