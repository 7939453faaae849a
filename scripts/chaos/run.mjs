#!/usr/bin/env node
// `npm run chaos`: cycles of up / update / refresh / destroy on a stack of VmReplications while the emulator injects
// latency, 5xx, dropped connections, 429, session expiry and task failures. After every step the emulator's
// replications are compared with the stack's state (duplicates, orphans, lost, stale settings); after the faulted
// steps of each cycle an `up` without faults must converge. Bounded: --cycles and --seconds (no new cycle starts after
// that; every engine command also has a timeout). Exit code 1 on any mismatch or if a fault-free `up` does not converge.
//
//   node scripts/chaos/run.mjs --cycles 5 --seconds 600 --seed 42 [--out bench-results/chaos.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import {
  Admin,
  createCli,
  failureLines,
  fmtMs,
  initStack,
  loadEmulator,
  makeWorkspace,
  parseArgs,
  root,
} from "../bench/lib.mjs";

const opts = parseArgs(process.argv.slice(2), {
  cycles: 5,
  seconds: 600,
  seed: 1,
  size: 6,
  taskMs: 200,
  out: "bench-results/chaos.json",
  commandTimeoutS: 300,
  // Fault rates (share of API requests; taskFailureRate: share of tasks).
  latencyMs: 25,
  errorRate: 0.05,
  dropRate: 0.03,
  throttleRate: 0.05,
  sessionExpiryRate: 0.03,
  taskFailureRate: 0.1,
  keep: false,
  quiet: false,
});
const say = (m) => {
  if (!opts.quiet) process.stderr.write(`[chaos] ${m}\n`);
};

// A small seeded PRNG (mulberry32) for the harness's choices: which VMs, which rpo. The emulator's fault rolls take
// the same seed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(opts.seed);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const RPOS = [15, 30, 60, 120, 240];

const FAULTS = {
  latencyMs: opts.latencyMs,
  errorRate: opts.errorRate,
  errorStatus: 503,
  dropRate: opts.dropRate,
  throttleRate: opts.throttleRate,
  retryAfterSeconds: 1,
  sessionExpiryRate: opts.sessionExpiryRate,
  taskFailureRate: opts.taskFailureRate,
  // The emulator draws its faults from this seed too; only the interleaving of concurrent requests still varies.
  seed: opts.seed,
};

// ---------------------------------------------------------------------------------------------------------------
// Emulator with counters of injected faults

const emu = loadEmulator();
const requireDist = createRequire(join(root, "dist", "emulator", "index.js"));
// Session expiry is injected by Sessions.logout(token) just before authentication; count the calls (minus the
// DELETE /sessions requests, which also log out).
const { Sessions } = requireDist("./model/sessions.js");
const injected = { dropped: 0, error5xx: 0, throttled429: 0, sessionExpired: 0, taskFailed: 0, delayedRequests: 0 };
let logouts = 0;
let deleteSessions = 0;
const origLogout = Sessions.prototype.logout;
Sessions.prototype.logout = function (token) {
  logouts++;
  return origLogout.call(this, token);
};
let faultsOn = false;
const workspace = makeWorkspace("chaos");
const emulator = await emu.startEmulator({
  port: 0,
  inMemory: true,
  tls: true,
  tlsDir: join(workspace.dir, "tls"),
  generateVms: 64,
  taskDurationMs: opts.taskMs,
  logFormat: "json",
  log: (line) => {
    const l = JSON.parse(line);
    if (l.path.startsWith("/_emulator/")) return;
    if (faultsOn && FAULTS.latencyMs) injected.delayedRequests++;
    if (l.status === 0) injected.dropped++;
    else if (l.status === 429) injected.throttled429++;
    else if (l.status === FAULTS.errorStatus) injected.error5xx++;
    if (l.method === "DELETE" && l.path === "/sessions") deleteSessions++;
  },
});
const admin = new Admin(emulator);
await admin.permissivePolicyForOrg2();
const cli = await createCli({ workspace });
const SITES = { site1: { type: "credentials", username: "root@System", password: "password" } };
const stack = await initStack(cli, workspace.program("vcda"), `chaos-${opts.seed}`, {
  plain: { n: 1, first: 1, rpo: 30, distance: 240, "vcda:endpoint": emulator.url, "vcda:caCert": emulator.caFile },
  secret: { "vcda:password": "password", "vcda:sites": JSON.stringify(SITES) },
});
say(`engine ${cli.version}, emulator ${emulator.url}, seed ${opts.seed}, faults ${JSON.stringify(FAULTS)}`);

let lastTaskCheck = 0;
/** Tasks the emulator failed on purpose since the last call (read with faults off). */
async function countInjectedTaskFailures() {
  const since = lastTaskCheck;
  lastTaskCheck = Date.now();
  let n = 0;
  for (let offset = 0; ; offset += 100) {
    const r = await admin.call("GET", `/tasks?state=FAILED&startTimeAfter=${since}&limit=100&offset=${offset}`);
    if (r.status !== 200) throw new Error(`GET /tasks: ${r.status} ${JSON.stringify(r.body)}`);
    n += r.body.items.filter((t) => /fault injected/.test(t.error?.msg ?? "")).length;
    if (offset + 100 >= r.body.total) break;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison of the emulator's objects with the stack's state

async function compare(expect) {
  const [st, exp] = await Promise.all([admin.state(), stack.exportState()]);
  const resources = exp.json.deployment?.resources ?? [];
  const pending = exp.json.deployment?.pending_operations ?? [];
  const inStack = resources
    .filter((r) => String(r.type).endsWith(":VmReplication"))
    .map((r) => ({ urn: r.urn, id: r.id, vmId: r.outputs?.source?.vmId, rpo: r.outputs?.rpo }));
  const onEmu = st.replications.filter((r) => String(r.vmId).startsWith("0a0b0c0d-"));
  const problems = [];
  const byVm = new Map();
  for (const r of onEmu) byVm.set(r.vmId, [...(byVm.get(r.vmId) ?? []), r.id]);
  for (const [vm, ids] of byVm) if (ids.length > 1) problems.push({ kind: "duplicate", vmId: vm, ids });
  const stackIds = new Set(inStack.map((r) => r.id));
  const emuById = new Map(onEmu.map((r) => [r.id, r]));
  for (const r of onEmu) if (!stackIds.has(r.id)) problems.push({ kind: "orphan", id: r.id, vmId: r.vmId });
  for (const r of inStack) {
    const e = emuById.get(r.id);
    if (!e) problems.push({ kind: "lost", id: r.id, urn: r.urn });
    else if (e.settings?.rpo !== r.rpo)
      problems.push({ kind: "stale", id: r.id, stateRpo: r.rpo, emulatorRpo: e.settings?.rpo });
  }
  const stackByVm = new Map();
  for (const r of inStack) stackByVm.set(r.vmId, (stackByVm.get(r.vmId) ?? 0) + 1);
  for (const [vm, c] of stackByVm) if (c > 1) problems.push({ kind: "duplicate-in-state", vmId: vm, count: c });
  if (pending.length) problems.push({ kind: "pending-operations", count: pending.length });
  if (expect) {
    // A fault-free `up` must leave exactly the program's replications, with the program's rpo.
    const want = new Set(expect.vms);
    const have = new Set(onEmu.map((r) => r.vmId));
    for (const v of want) if (!have.has(v)) problems.push({ kind: "not-converged-missing", vmId: v });
    for (const v of have) if (!want.has(v)) problems.push({ kind: "not-converged-extra", vmId: v });
    for (const r of onEmu)
      if (r.settings?.rpo !== expect.rpo)
        problems.push({ kind: "not-converged-rpo", id: r.id, rpo: r.settings?.rpo, want: expect.rpo });
  }
  return { stack: inStack.length, emulator: onEmu.length, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

const vmId = (i) => `0a0b0c0d-0000-4000-9000-${i.toString(16).padStart(12, "0")}`;
const program = { first: 1, n: 1, rpo: 30 };
const vmsOf = (p) => Array.from({ length: p.n }, (_, k) => vmId(p.first + k));
const operations = [];
const started = Date.now();
let mismatches = 0;
let notConverged = 0;

async function setProgram(p) {
  Object.assign(program, p);
  const r = await cli.run(
    [
      "config",
      "set-all",
      "--stack",
      stack.name,
      "--plaintext",
      `n=${program.n}`,
      "--plaintext",
      `first=${program.first}`,
      "--plaintext",
      `rpo=${program.rpo}`,
    ],
    { cwd: stack.cwd },
  );
  if (r.code !== 0) throw new Error(`config set-all failed: ${r.stderr}`);
}

async function step(cycle, name, args, { faults, mustSucceed = false, expectEmpty = false } = {}) {
  injected.sessionExpired = logouts - deleteSessions;
  const before = { ...injected };
  if (faults) {
    emulator.setFaults(FAULTS);
    faultsOn = true;
  }
  const r = await stack.op(args, { timeoutMs: opts.commandTimeoutS * 1000 });
  emulator.setFaults({});
  faultsOn = false;
  injected.sessionExpired = logouts - deleteSessions;
  injected.taskFailed += await countInjectedTaskFailures();
  const during = Object.fromEntries(
    Object.entries(injected)
      .map(([k, v]) => [k, v - before[k]])
      .filter(([, v]) => v > 0),
  );
  const cmp = await compare(
    mustSucceed && r.code === 0 ? { vms: expectEmpty ? [] : vmsOf(program), rpo: program.rpo } : undefined,
  );
  const entry = {
    cycle,
    step: name,
    faults: !!faults,
    program: { ...program },
    ok: r.code === 0,
    exitCode: r.code,
    ms: Math.round(r.ms),
    injected: during,
    stack: cmp.stack,
    emulator: cmp.emulator,
    problems: cmp.problems,
  };
  if (r.code !== 0) entry.errors = failureLines(r, 8);
  if (r.code === null) entry.errors = [`killed after ${opts.commandTimeoutS} s`, ...(entry.errors ?? [])];
  if (cmp.problems.length) mismatches += cmp.problems.length;
  if (mustSucceed && r.code !== 0) notConverged++;
  operations.push(entry);
  say(
    `cycle ${cycle} ${name.padEnd(8)} ${faults ? "faults " : "clean  "} ${entry.ok ? "ok    " : "FAILED"} ${fmtMs(r.ms).padStart(8)} state ${cmp.stack} emulator ${cmp.emulator} injected ${JSON.stringify(during)}${cmp.problems.length ? ` MISMATCH ${JSON.stringify(cmp.problems)}` : ""}`,
  );
  if (!entry.ok) for (const l of entry.errors) say(`    ${l}`);
  return entry;
}

const UP = ["up", "--yes", "--skip-preview"];
let cycle = 0;
while (cycle < opts.cycles && Date.now() - started < opts.seconds * 1000) {
  cycle++;
  const size = Math.max(1, opts.size);
  // 1. create (or continue from what the previous cycle left) a set of replications
  await setProgram({ first: 1 + Math.floor(rand() * 8), n: size, rpo: pick(RPOS) });
  await step(cycle, "up", UP, { faults: true });
  // 2. update every rpo and shift the set: some deleted, some created
  await setProgram({
    first: program.first + 1 + Math.floor(rand() * 3),
    n: size,
    rpo: pick(RPOS.filter((x) => x !== program.rpo)),
  });
  await step(cycle, "update", UP, { faults: true });
  // 3. refresh
  await step(cycle, "refresh", ["refresh", "--yes", "--skip-preview"], { faults: true });
  // 4. without faults, `up` must converge to the program exactly
  await step(cycle, "converge", UP, { faults: false, mustSucceed: true });
  // 5. destroy under faults (the next cycle's up starts from whatever is left)
  await step(cycle, "destroy", ["destroy", "--yes", "--skip-preview"], { faults: true });
}

// Final: a clean up must converge, then a clean destroy must leave nothing.
await step("final", "converge", UP, { faults: false, mustSucceed: true });
await step("final", "destroy", ["destroy", "--yes", "--skip-preview"], {
  faults: false,
  mustSucceed: true,
  expectEmpty: true,
});
const cleanup = await stack.remove();
if (cleanup.code !== 0) say(`stack rm failed: ${cleanup.stderr}`);
await emulator.close();
Sessions.prototype.logout = origLogout;
if (!opts.keep) workspace.dispose();

// ---------------------------------------------------------------------------------------------------------------
// Report
const faulted = operations.filter((o) => o.faults);
const report = {
  createdAt: new Date().toISOString(),
  command: `node scripts/chaos/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
  engine: cli.version,
  seed: opts.seed,
  faults: FAULTS,
  cycles: cycle,
  seconds: Math.round((Date.now() - started) / 1000),
  injected,
  operations: {
    total: operations.length,
    underFaults: faulted.length,
    failedUnderFaults: faulted.filter((o) => !o.ok).length,
    clean: operations.length - faulted.length,
    cleanFailed: operations.filter((o) => !o.faults && !o.ok).length,
  },
  mismatches,
  notConverged,
  failures: operations.filter((o) => !o.ok).map((o) => ({ cycle: o.cycle, step: o.step, errors: o.errors })),
  steps: operations,
};
const outFile = resolve(root, opts.out);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

const lines = [];
lines.push(`Chaos: ${cycle} cycles in ${report.seconds} s, seed ${opts.seed}, engine ${cli.version}`);
lines.push(`Fault rates: ${JSON.stringify(FAULTS)}`);
lines.push("");
lines.push("| faults injected | count |");
lines.push("|---|---:|");
for (const [k, v] of Object.entries(injected)) lines.push(`| ${k} | ${v} |`);
lines.push("");
lines.push("| cycle | step | faults | result | time | state | emulator | mismatches |");
lines.push("|---|---|---|---|---:|---:|---:|---|");
for (const o of operations)
  lines.push(
    `| ${o.cycle} | ${o.step} | ${o.faults ? "on" : "off"} | ${o.ok ? "ok" : "failed"} | ${fmtMs(o.ms)} | ${o.stack} | ${o.emulator} | ${o.problems.length ? o.problems.map((p) => p.kind).join(", ") : "0"} |`,
  );
lines.push("");
lines.push(
  `Operations: ${report.operations.total} (${report.operations.underFaults} under faults, ${report.operations.failedUnderFaults} of them failed; ${report.operations.clean} clean, ${report.operations.cleanFailed} failed)`,
);
lines.push(`Mismatches: ${mismatches}; fault-free ups that did not converge: ${notConverged}`);
if (report.failures.length) {
  lines.push("");
  lines.push("Failures (engine diagnostics):");
  for (const f of report.failures) {
    lines.push(`- cycle ${f.cycle} ${f.step}:`);
    for (const e of f.errors ?? []) lines.push(`    ${e.trim()}`);
  }
}
lines.push("");
lines.push(`JSON: ${outFile}`);
process.stdout.write(`${lines.join("\n")}\n`);
process.exit(mismatches > 0 || notConverged > 0 ? 1 : 0);
