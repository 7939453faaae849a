#!/usr/bin/env node
// Emulator benchmark: prints figures, asserts nothing. Build first: `npx tsc -p tsconfig.json`.
// Usage: node scripts/bench-emulator.mjs [--replications 10000] [--seconds 5] [--concurrency 16]
//   [--vapps 20] [--vms-per-vapp 5]
// The emulator runs as a child process (the compiled CLI), so client and server do not share one event loop.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    replications: { type: "string", default: "10000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    vapps: { type: "string", default: "20" },
    "vms-per-vapp": { type: "string", default: "5" },
  },
});
const N = Number(values.replications);
const SECONDS = Number(values.seconds);
const CONC = Number(values.concurrency);
const VAPPS = Number(values.vapps);
const PER_VAPP = Number(values["vms-per-vapp"]);
const EXTRA = 1000; // fresh VMs for the create + poll measurement
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const MEDIA = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";
let base;
let token;

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Accept: MEDIA };
    if (token) headers["X-VCAV-Auth"] = token;
    if (data) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = Buffer.byteLength(data);
    }
    const req = request(`${base}${path}`, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on("error", reject);
    if (data) req.write(data);
    req.end();
  });
}

async function pool(count, conc, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

const vmId = (i) => `0a0b0c0d-0000-4000-9000-${i.toString(16).padStart(12, "0")}`;
const body = (i) => ({
  source: { type: "vm", site: "site1", vmId: vmId(i) },
  destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda" },
  rpo: 60,
  retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
});
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const child = spawn(
  process.execPath,
  [
    join(root, "dist/emulator/cli.js"),
    "--port",
    "0",
    "--in-memory",
    "--quiet",
    "--generate-vms",
    String(N + EXTRA),
    "--generate-vapps",
    String(VAPPS),
    "--vms-per-vapp",
    String(PER_VAPP),
    "--task-duration-ms",
    "0",
  ],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
base = await new Promise((resolve, reject) => {
  let buf = "";
  child.stdout.on("data", (d) => {
    buf += d;
    const m = /listening on (\S+)/.exec(buf);
    if (m) resolve(m[1]);
  });
  child.on("exit", (c) => reject(new Error(`emulator exited ${c}`)));
});
try {
  const login = await call("POST", "/sessions", { type: "localUser", localUser: "root", localPassword: "password" });
  token = login.headers["x-vcav-auth"];
  await call("POST", "/sessions/extend", {
    type: "credentials",
    site: "site1",
    vcdUsername: "root@System",
    vcdPassword: "password",
  });
  const pol = await call("POST", "/policies", {
    displayName: "bench",
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
  });
  await call("PATCH", `/policies/${pol.body.id}/orgs/org2`);

  let t0 = performance.now();
  const repIds = [];
  await pool(N, 32, async (i) => {
    const r = await call("POST", "/vm-replications", body(i + 1));
    if (r.status !== 202) throw new Error(`create ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    repIds.push(r.body.workflowInfo.resourceId);
  });
  const loadS = (performance.now() - t0) / 1000;
  while ((await call("GET", "/tasks?state=RUNNING&limit=1")).body.total > 0)
    await new Promise((r) => setTimeout(r, 50));
  console.log(
    `loaded ${N} replications through POST /vm-replications in ${loadS.toFixed(1)} s (${(N / loadS).toFixed(0)} creates/s)`,
  );

  // GET /vm-replications/{id}
  let done = 0;
  const lat = [];
  const end = performance.now() + SECONDS * 1000;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async (_, w) => {
      let k = w;
      while (performance.now() < end) {
        const s = performance.now();
        const r = await call("GET", `/vm-replications/${repIds[k++ % repIds.length]}`);
        if (r.status !== 200) throw new Error(`get: ${r.status}`);
        lat.push(performance.now() - s);
        done++;
      }
    }),
  );
  const getRps = done / ((performance.now() - t0) / 1000);
  lat.sort((a, b) => a - b);
  console.log(
    `GET /vm-replications/{id}: ${getRps.toFixed(0)} req/s (concurrency ${CONC}, p50 ${pct(lat, 50).toFixed(2)} ms, p99 ${pct(lat, 99).toFixed(2)} ms)`,
  );

  // page of 100
  const pages = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    const r = await call("GET", `/vm-replications?limit=100&offset=${(i * 100) % N}&sort=vmName`);
    if (r.body.items.length !== 100) throw new Error("short page");
    pages.push(performance.now() - s);
  }
  const filtered = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await call("GET", `/vm-replications?limit=100&vmName=gen-vm-00&sourceOrg=org1&sort=lastUpdated-`);
    filtered.push(performance.now() - s);
  }
  pages.sort((a, b) => a - b);
  filtered.sort((a, b) => a - b);
  console.log(
    `GET /vm-replications?limit=100 (sorted by vmName, of ${N}): p50 ${pct(pages, 50).toFixed(1)} ms, p95 ${pct(pages, 95).toFixed(1)} ms, max ${pages.at(-1).toFixed(1)} ms`,
  );
  console.log(
    `GET /vm-replications?limit=100 with vmName/sourceOrg filters: p50 ${pct(filtered, 50).toFixed(1)} ms, p95 ${pct(filtered, 95).toFixed(1)} ms`,
  );

  // create + poll until SUCCEEDED
  let polls = 0;
  t0 = performance.now();
  await pool(EXTRA, CONC, async (i) => {
    const r = await call("POST", "/vm-replications", body(N + 1 + i));
    for (;;) {
      polls++;
      const t = await call("GET", `/tasks/${r.body.id}`);
      if (t.body.state !== "RUNNING") break;
    }
  });
  const cpS = (performance.now() - t0) / 1000;
  console.log(
    `create + poll (task duration 0): ${(EXTRA / cpS).toFixed(0)} replications/s, ${((EXTRA + polls) / cpS).toFixed(0)} req/s (${polls} polls for ${EXTRA} creates)`,
  );

  // vApp replications (generated vApps bench-vapp-NNNNNN of PER_VAPP VMs): create + poll, then reads
  if (VAPPS > 0) {
    const vappId = (i) => `0a0b0c0f-0000-4000-9000-${i.toString(16).padStart(12, "0")}`;
    const vappIds = [];
    let vappPolls = 0;
    t0 = performance.now();
    await pool(VAPPS, CONC, async (i) => {
      const r = await call("POST", "/vapp-replications", {
        source: { type: "vapp", site: "site1", vappId: vappId(i + 1) },
        destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda" },
        rpo: 60,
      });
      if (r.status !== 202) throw new Error(`vApp create ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      vappIds.push(r.body.workflowInfo.resourceId);
      for (;;) {
        vappPolls++;
        const t = await call("GET", `/tasks/${r.body.id}`);
        if (t.body.state !== "RUNNING") break;
      }
    });
    const vS = (performance.now() - t0) / 1000;
    const vlat = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      const r = await call("GET", `/vapp-replications/${vappIds[i % vappIds.length]}`);
      if (r.status !== 200 || r.body.vmReplications.length !== PER_VAPP) throw new Error(`vApp get: ${r.status}`);
      vlat.push(performance.now() - s);
    }
    vlat.sort((a, b) => a - b);
    const s = performance.now();
    await call("GET", "/vapp-replications?limit=100&sort=name");
    console.log(
      `${VAPPS} vApp replications of ${PER_VAPP} VMs: create + poll ${(VAPPS / vS).toFixed(0)} vApps/s (${vappPolls} polls); ` +
        `GET /vapp-replications/{id} p50 ${pct(vlat, 50).toFixed(2)} ms, p99 ${pct(vlat, 99).toFixed(2)} ms; ` +
        `list page ${(performance.now() - s).toFixed(1)} ms`,
    );
  }

  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  console.log(
    `emulator resident memory: ${(Number(rss) / 1024).toFixed(0)} MiB (peak ${(Number(hwm) / 1024).toFixed(0)} MiB) with ${N + EXTRA} replications`,
  );
  const counts = await (await fetch(`${base}/_emulator/counts`)).json();
  console.log(`API calls counted by the emulator: ${counts.total} (logins ${counts.logins})`);
} finally {
  child.kill("SIGTERM");
  agent.destroy();
}
