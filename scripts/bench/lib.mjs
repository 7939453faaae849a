// Shared parts of `npm run bench` and `npm run chaos`: the in-process emulator, generated programs under
// .cache/bench (so `pulumi-vcda` and `@pulumi/pulumi` resolve from this repo's node_modules), a CLI runner with an
// isolated file backend and PULUMI_HOME, a sampler of the dynamic-provider process's peak RSS, and a tiny admin client.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { engineEnv, ensureEngine } from "../engine/engine.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

/** Ids of the emulator's default inventory (emulator/inventory/default.ts). */
export const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
/** The i-th VM of `startEmulator({ generateVms })` (site1, org1, 1-based). */
export const generatedVm = (i) => `0a0b0c0d-0000-4000-9000-${i.toString(16).padStart(12, "0")}`;
export const PASSPHRASE = "pulumi-vcda-bench";

/** The built emulator (run `npm run build` first). */
export function loadEmulator() {
  try {
    return require(join(root, "dist", "emulator", "index.js"));
  } catch (e) {
    throw new Error(`cannot load dist/emulator (run \`npm run build\` first): ${e.message}`);
  }
}

/** Parses `--key value` / `--flag` arguments. */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split("=", 2);
    const key = k.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${k}`);
    if (typeof defaults[key] === "boolean" && inline === undefined) {
      out[key] = true;
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    out[key] = typeof defaults[key] === "number" ? Number(v) : v;
    if (typeof defaults[key] === "number" && !Number.isFinite(out[key])) throw new Error(`--${k} must be a number`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Generated programs

const PROGRAM_TS = {
  vcda: `import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// N VmReplications of the emulator's generated VMs (site1/org1) into org2's vDC on site2.
const config = new pulumi.Config();
const n = config.requireNumber("n");
const rpo = config.requireNumber("rpo");
const first = config.getNumber("first") ?? 1;
const distance = config.getNumber("distance");
const vm = (i: number) => \`0a0b0c0d-0000-4000-9000-\${i.toString(16).padStart(12, "0")}\`;
const ids: pulumi.Output<string>[] = [];
for (let i = first; i < first + n; i++) {
  const r = new vcda.VmReplication(\`rep-\${i}\`, {
    source: { type: "vcloud", site: "site1", vmId: vm(i), org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: "${VDC_ORG2}", org: "org2" },
    rpo,
    // Optional: a retention distance that stays valid for every rpo the chaos run picks.
    ...(distance ? { retentionPolicy: { rules: [{ numberOfInstances: 2, distance }] } } : {}),
  });
  ids.push(r.replicationId);
}
export const count = ids.length;
`,
  vapp: `import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// N VappReplications of the emulator's generated vApps of site1/org1 (each of M VMs) into org2's vDC.
const config = new pulumi.Config();
const n = config.requireNumber("n");
const rpo = config.requireNumber("rpo");
const vapp = (i: number) => \`0a0b0c0f-0000-4000-9000-\${i.toString(16).padStart(12, "0")}\`;
const ids: pulumi.Output<string>[] = [];
for (let i = 1; i <= n; i++) {
  const r = new vcda.VappReplication(\`vapp-\${i}\`, {
    source: { type: "vcloud", site: "site1", vappId: vapp(i), org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: "${VDC_ORG2}", org: "org2" },
    rpo,
  });
  ids.push(r.replicationId);
}
export const count = ids.length;
`,
  baseline: `import * as pulumi from "@pulumi/pulumi";

// The engine's floor: N no-op dynamic resources whose create/update/delete sleep D ms (provider in node_modules,
// so the state stores a require() of it, exactly like pulumi-vcda's providers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provider: pulumi.dynamic.ResourceProvider = require("vcda-bench-baseline");

class Sleeper extends pulumi.dynamic.Resource {
  constructor(name: string, args: { sleepMs: number; rpo: number }) {
    super(provider, name, args, {}, "bench", "Sleeper");
  }
}

const config = new pulumi.Config();
const n = config.requireNumber("n");
const rpo = config.requireNumber("rpo");
const sleepMs = config.requireNumber("sleepMs");
for (let i = 1; i <= n; i++) new Sleeper(\`res-\${i}\`, { sleepMs, rpo });
export const count = n;
`,
  // The second floor: no-op resources shaped like ours. Inputs as the vcda program's, outputs a copy of a real
  // replication's outputs (captured by the run's warm-up into vcda-bench-shaped/shape-<kind>.json), the same output
  // keys registered as undefined: state size and registration payloads without any provider work.
  shaped: `import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provider: pulumi.dynamic.ResourceProvider = require("vcda-bench-shaped");
const config = new pulumi.Config();
const kind = config.require("shapeKind");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputKeys: string[] = Object.keys(require(\`vcda-bench-shaped/shape-\${kind}.json\`));

class Shaped extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>) {
    const outs = Object.fromEntries(outputKeys.filter((k) => !(k in args)).map((k) => [k, undefined]));
    super(provider, name, { ...args, ...outs }, {}, "bench", "Shaped");
  }
}

const n = config.requireNumber("n");
const rpo = config.requireNumber("rpo");
const sleepMs = config.requireNumber("sleepMs");
const id = (prefix: string, i: number) => \`\${prefix}-0000-4000-9000-\${i.toString(16).padStart(12, "0")}\`;
for (let i = 1; i <= n; i++) {
  const source =
    kind === "vapp"
      ? { type: "vcloud", site: "site1", vappId: id("0a0b0c0f", i), org: "org1" }
      : { type: "vcloud", site: "site1", vmId: id("0a0b0c0d", i), org: "org1" };
  new Shaped(\`res-\${i}\`, {
    shapeKind: kind,
    sleepMs,
    source,
    destination: { type: "vcloud", site: "site2", vdc: "${VDC_ORG2}", org: "org2" },
    rpo,
  });
}
export const count = n;
`,
};

const BASELINE_PROVIDER = `"use strict";
// A no-op dynamic provider: create, update and delete sleep inputs.sleepMs; read returns the state as is.
const { randomUUID } = require("node:crypto");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class SleepProvider {
  async check(_olds, news) { return { inputs: news }; }
  async diff(_id, olds, news) {
    const changes = olds.rpo !== news.rpo || olds.sleepMs !== news.sleepMs;
    return { changes, replaces: [], deleteBeforeReplace: false };
  }
  async create(inputs) { await sleep(inputs.sleepMs); return { id: randomUUID(), outs: inputs }; }
  async read(id, props) { return { id, props }; }
  async update(_id, _olds, news) { await sleep(news.sleepMs); return { outs: news }; }
  async delete(_id, props) { await sleep(props.sleepMs); }
}
module.exports = new SleepProvider();
`;

const SHAPED_PROVIDER = `"use strict";
// The baseline's sleeps, with outputs shaped like a real replication's (shape-<kind>.json beside this file).
const { randomUUID } = require("node:crypto");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const shapes = {};
const shape = (kind) => (shapes[kind] ??= require(\`./shape-\${kind}.json\`));
const outs = (id, inputs) => ({ ...shape(inputs.shapeKind), ...inputs, replicationId: id });
class ShapedProvider {
  async check(_olds, news) { return { inputs: news }; }
  async diff(_id, olds, news) {
    const changes = olds.rpo !== news.rpo || olds.sleepMs !== news.sleepMs;
    return { changes, replaces: [], deleteBeforeReplace: false };
  }
  async create(inputs) { const id = randomUUID(); await sleep(inputs.sleepMs); return { id, outs: outs(id, inputs) }; }
  async read(id, props) { return { id, props }; }
  async update(id, _olds, news) { await sleep(news.sleepMs); return { outs: outs(id, news) }; }
  async delete(_id, props) { await sleep(props.sleepMs); }
}
module.exports = new ShapedProvider();
`;

/**
 * A fresh folder `.cache/bench/<name>-<stamp>/` with the programs `vcda/` and `baseline/` and the baseline provider
 * as the package `vcda-bench-baseline` in its own node_modules.
 */
export function makeWorkspace(name) {
  const dir = join(root, ".cache", "bench", `${name}-${Date.now()}-${process.pid}`);
  for (const [kind, ts] of Object.entries(PROGRAM_TS)) {
    const p = join(dir, kind);
    mkdirSync(p, { recursive: true });
    writeFileSync(
      join(p, "Pulumi.yaml"),
      `name: vcda-bench-${kind}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
    );
    writeFileSync(join(p, "package.json"), `${JSON.stringify({ name: `vcda-bench-${kind}`, private: true })}\n`);
    writeFileSync(join(p, "index.ts"), ts);
  }
  const pkg = join(dir, "node_modules", "vcda-bench-baseline");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, "package.json"),
    `${JSON.stringify({ name: "vcda-bench-baseline", version: "0.0.0", main: "index.js" })}\n`,
  );
  writeFileSync(join(pkg, "index.js"), BASELINE_PROVIDER);
  const shapedPkg = join(dir, "node_modules", "vcda-bench-shaped");
  mkdirSync(shapedPkg, { recursive: true });
  writeFileSync(
    join(shapedPkg, "package.json"),
    `${JSON.stringify({ name: "vcda-bench-shaped", version: "0.0.0", main: "index.js" })}\n`,
  );
  writeFileSync(join(shapedPkg, "index.js"), SHAPED_PROVIDER);
  mkdirSync(join(dir, "state"), { recursive: true });
  mkdirSync(join(dir, "home"), { recursive: true });
  return {
    dir,
    program: (kind) => join(dir, kind),
    /** Records a real resource's outputs (minus the provider reference) as the shaped floor's outputs. */
    writeShape: (kind, outputs) => {
      const { __provider, ...rest } = outputs;
      writeFileSync(join(shapedPkg, `shape-${kind}.json`), `${JSON.stringify(rest)}\n`);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Engine CLI

/**
 * Peak resident memory (VmHWM, kB) of every `dynamic-provider` node process below `rootPid`, and CPU seconds (last
 * sample of utime + stime) by role: `provider` (the dynamic-provider processes), `program` (the node process running
 * the Pulumi program) and `engine` (the CLI itself, the language host, the provider shim). Sampled every `everyMs`.
 */
export function startRssSampler(rootPid, everyMs = 100) {
  const peaks = new Map();
  const cpu = new Map();
  const children = (pid) => {
    try {
      const tasks = readdirSync(`/proc/${pid}/task`);
      return tasks.flatMap((t) =>
        readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const roleOf = (cmd) => {
    if (cmd.includes("dynamic-provider")) return "provider";
    const exe = cmd.split("\0")[0];
    return /(^|\/)node$/.test(exe) ? "program" : "engine";
  };
  const sample = () => {
    const stack = [rootPid];
    const seen = new Set();
    while (stack.length) {
      const pid = stack.pop();
      if (seen.has(pid)) continue;
      seen.add(pid);
      stack.push(...children(pid));
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        // A zombie has no command line; a shim that exec()s node keeps its pid, so the provider role sticks.
        if (!cmd) continue;
        const role = cpu.get(pid)?.role === "provider" ? "provider" : roleOf(cmd);
        if (role === "provider") {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
          if (m) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(m[1])));
        }
        // utime + stime (clock ticks, 100 per second on Linux) after the command name.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpu.set(pid, { role, seconds: (Number(f[11]) + Number(f[12])) / 100 });
      } catch {
        // the process ended between the listing and the read
      }
    }
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      const all = [...peaks.values()];
      const byRole = { engine: 0, program: 0, provider: 0 };
      for (const { role, seconds } of cpu.values()) byRole[role] += seconds;
      for (const k of Object.keys(byRole)) byRole[k] = Math.round(byRole[k] * 100) / 100;
      return {
        processes: all.length,
        peakKb: all.length ? Math.max(...all) : null,
        cpuSeconds: byRole.provider,
        cpu: byRole,
      };
    },
  };
}

/** Runs the engine CLI against a workspace's file backend. */
export async function createCli({ workspace, extraEnv = {} }) {
  const { binDir, version } = await ensureEngine({ quiet: true });
  const env = engineEnv(binDir, {
    PULUMI_BACKEND_URL: `file://${join(workspace.dir, "state")}`,
    PULUMI_HOME: join(workspace.dir, "home"),
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...extraEnv,
  });
  // Never let a VCDA_* from the caller's shell leak into the programs.
  for (const k of Object.keys(env)) if (k.startsWith("VCDA_") && !(k in extraEnv)) delete env[k];
  const pulumi = join(binDir, "pulumi");
  /**
   * `pulumi <args>` in `cwd`. Resolves with exit code, output, wall time (ms) and the peak RSS of the dynamic-provider
   * process(es) it started. Never rejects on a non-zero exit.
   */
  const run = (args, { cwd, input, rss = false, timeoutMs = 60 * 60_000 } = {}) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(pulumi, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
      const sampler = rss ? startRssSampler(child.pid) : undefined;
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => {
        stdout += c;
      });
      child.stderr.on("data", (c) => {
        stderr += c;
      });
      const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("error", (e) => {
        clearTimeout(killer);
        sampler?.stop();
        reject(e);
      });
      child.on("close", (code) => {
        clearTimeout(killer);
        const ms = performance.now() - t0;
        resolve({ code, stdout, stderr, ms, rss: sampler?.stop() });
      });
      if (input !== undefined) child.stdin.end(input);
      else child.stdin.end();
    });
  return { run, env, binDir, version, pulumi };
}

/** `pulumi stack init` + config for a program; returns a stack handle whose `op()` runs commands on it. */
export async function initStack(cli, cwd, stackName, { plain = {}, secret = {} }) {
  const init = await cli.run(["stack", "init", stackName, "--non-interactive", "--secrets-provider", "passphrase"], {
    cwd,
  });
  if (init.code !== 0) throw new Error(`pulumi stack init ${stackName} failed:\n${init.stderr}${init.stdout}`);
  const setAll = async (p, s) => {
    const args = ["config", "set-all", "--stack", stackName];
    for (const [k, v] of Object.entries(p)) args.push("--plaintext", `${k}=${v}`);
    for (const [k, v] of Object.entries(s)) args.push("--secret", `${k}=${v}`);
    // Multi-line values (PEM) cannot go through set-all; set them one by one from stdin.
    const r = await cli.run(args, { cwd });
    if (r.code !== 0) throw new Error(`pulumi config set-all failed:\n${r.stderr}${r.stdout}`);
  };
  const setOne = async (key, value, isSecret = false) => {
    const r = await cli.run(["config", "set", "--stack", stackName, ...(isSecret ? ["--secret"] : []), key], {
      cwd,
      input: value,
    });
    if (r.code !== 0) throw new Error(`pulumi config set ${key} failed:\n${r.stderr}${r.stdout}`);
  };
  const multi = Object.entries(plain).filter(([, v]) => String(v).includes("\n"));
  const single = Object.fromEntries(Object.entries(plain).filter(([, v]) => !String(v).includes("\n")));
  await setAll(single, secret);
  for (const [k, v] of multi) await setOne(k, String(v));
  return {
    name: stackName,
    cwd,
    setConfig: (k, v) => setAll({ [k]: v }, {}),
    op: (args, opts = {}) => cli.run([...args, "--stack", stackName, "--non-interactive"], { cwd, ...opts }),
    exportState: async () => {
      const r = await cli.run(["stack", "export", "--stack", stackName], { cwd });
      if (r.code !== 0) throw new Error(`pulumi stack export failed:\n${r.stderr}`);
      return { text: r.stdout, json: JSON.parse(r.stdout) };
    },
    remove: () => cli.run(["stack", "rm", stackName, "--yes", "--force", "--non-interactive"], { cwd }),
  };
}

/** The last lines of a failed command's output that say why (the engine's diagnostics). */
export function failureLines(r, max = 12) {
  const text = `${r.stdout}\n${r.stderr}`;
  const lines = text.split("\n").map((l) => l.trimEnd());
  const interesting = lines.filter((l) => /error|failed|VCDA|HTTP|task|timed out|refused/i.test(l));
  return (interesting.length ? interesting : lines.filter(Boolean)).slice(-max);
}

// ---------------------------------------------------------------------------------------------------------------
// Admin calls (independent of provider/client)

const ACCEPT = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";

export class Admin {
  constructor(emulator, user = "root", password = "password") {
    this.emulator = emulator;
    this.user = user;
    this.password = password;
    this.token = undefined;
  }

  async raw(method, path, body, token) {
    const https = require("node:https");
    const http = require("node:http");
    const url = new URL(path, this.emulator.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Accept: ACCEPT };
    if (payload) headers["Content-Type"] = "application/json";
    if (token) headers["X-VCAV-Auth"] = token;
    const send = url.protocol === "https:" ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(url, { method, headers, ca: this.emulator.caPem, agent: false }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      });
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async call(method, path, body) {
    if (!this.token) {
      const r = await this.raw("POST", "/sessions", {
        type: "localUser",
        localUser: this.user,
        localPassword: this.password,
      });
      if (r.status !== 200) throw new Error(`admin login failed: ${r.status} ${JSON.stringify(r.body)}`);
      this.token = r.headers["x-vcav-auth"];
    }
    return this.raw(method, path, body, this.token);
  }

  async waitTask(id) {
    for (let i = 0; i < 2000; i++) {
      const { body } = await this.call("GET", `/tasks/${id}`);
      if (body?.state !== "RUNNING") return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`task ${id} still RUNNING`);
  }

  /** The emulator's objects, from the loopback-only control path. */
  async state() {
    const r = await this.raw("GET", "/_emulator/state");
    if (r.status !== 200) throw new Error(`GET /_emulator/state: ${r.status}`);
    return r.body;
  }

  /**
   * A permissive policy (protections allowed, no incoming limit) assigned to org2, created out of band so the
   * stacks hold only the resources under test. Returns its id.
   */
  async permissivePolicyForOrg2() {
    const body = {
      displayName: "bench permissive",
      minRpo: 5,
      maxInstances: 24,
      maxPinnedInstances: 0,
      maxIncoming: -1,
      allowIncomingProtections: true,
      allowOutgoingProtections: true,
      allowIncomingMigrations: true,
      allowOutgoingMigrations: true,
      onpremDataCap: 0,
      allowCustomSlaSettings: true,
      allowNotificationConfiguration: true,
    };
    const created = await this.call("POST", "/policies", body);
    if (created.status !== 201) throw new Error(`POST /policies: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    const assign = await this.call("PATCH", `/policies/${id}/orgs/org2`);
    if (assign.status !== 202) throw new Error(`PATCH /policies/${id}/orgs/org2: ${assign.status}`);
    if (assign.body?.id) await this.waitTask(assign.body.id);
    const status = await this.call("GET", `/policies/${id}/status`);
    if (!JSON.stringify(status.body).includes('"org2"')) throw new Error(`org2 is not on policy ${id}`);
    return id;
  }
}

export const fmtMs = (ms) => (ms === null || ms === undefined ? "-" : `${(ms / 1000).toFixed(2)} s`);
