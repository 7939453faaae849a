import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { admin, Client, cloudBody, IDS, openOrg, ROOT, replicate, sleep, start } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vcda-emu-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps policies, assignments, replications, instances, tasks and sessions across a restart", async () => {
    const dataFile = join(dir, "state.db");
    const e1 = await start({ inMemory: false, dataFile });
    const c = await admin(e1);
    const pid = await openOrg(c, "org2");
    const rid = await replicate(c, cloudBody(IDS.demoVm(1)));
    await sleep(100);
    const before = await c.get(`/vm-replications/${rid}`);
    await e1.close();
    const e2 = await start({ inMemory: false, dataFile, port: 0 });
    try {
      const again = new Client(e2.url);
      again.token = c.token; // the session survives too
      expect((await again.get("/sessions")).status).toBe(200);
      expect((await again.get(`/policies/${pid}`)).body.orgs).toBe(1);
      const after = await again.get(`/vm-replications/${rid}`);
      expect(after.body.id).toBe(before.body.id);
      expect(after.body.settings).toEqual(before.body.settings);
      expect((await again.get(`/vm-replications/${rid}/instances`)).body.length).toBeGreaterThan(0);
      expect((await again.get(`/tasks?resourceId=${rid}`)).body.total).toBe(1);
      const state = (await (await fetch(`${e2.url}/_emulator/state`)).json()) as {
        assignments: unknown[];
        replications: { id: string }[];
      };
      expect(state.assignments).toEqual([{ org: "org2", policyId: pid }]);
      expect(state.replications.map((r: { id: string }) => r.id)).toContain(rid);
    } finally {
      await e2.close();
    }
  });

  it("finishes a task that was RUNNING when the process stopped", async () => {
    const dataFile = join(dir, "resume.db");
    const e1 = await start({ inMemory: false, dataFile, taskDurationMs: 400 });
    const c = await admin(e1);
    await openOrg(c, "org2");
    const r = await c.post("/vm-replications", cloudBody(IDS.demoVm(2)));
    expect(r.body.state).toBe("RUNNING");
    await e1.close();
    const e2 = await start({ inMemory: false, dataFile, taskDurationMs: 400 });
    try {
      const c2 = new Client(e2.url);
      c2.token = c.token;
      const t = await c2.wait(r.body.id, 5000);
      expect(t.state).toBe("SUCCEEDED");
      expect((await c2.get(`/vm-replications/${t.result.id}`)).status).toBe(200);
    } finally {
      await e2.close();
    }
  });
});

describe("https", () => {
  it("generates a CA on first start, serves HTTPS that verifies with it, and reuses it", async () => {
    const tlsDir = join(dir, "tls");
    const e = await start({ tls: true, tlsDir });
    let ca: string | undefined;
    try {
      expect(e.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(e.caFile).toBe(join(tlsDir, "ca.pem"));
      ca = e.caPem;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${e.url}/diagnostics/about`,
          { ca: e.caPem, headers: { Accept: "application/json" } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(401); // TLS verified; no token
      await expect(fetch(`${e.url}/diagnostics/about`)).rejects.toThrow(); // not trusted by default
    } finally {
      await e.close();
    }
    const again = await start({ tls: true, tlsDir });
    expect(again.caPem).toBe(ca);
    await again.close();
    const given = await start({
      tls: { certFile: join(tlsDir, "server-cert.pem"), keyFile: join(tlsDir, "server-key.pem") },
    });
    expect(given.url.startsWith("https://")).toBe(true);
    await given.close();
  });
});

describe("faults, counts and control path", () => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await start();
  });
  afterAll(() => e.close());

  it("counts requests per route and logins, and resets", async () => {
    e.resetCounts();
    const c = new Client(e.url);
    await c.login(ROOT);
    await c.get("/policies");
    await c.get("/policies/default");
    await c.get("/vm-replications/C4-x");
    const n = await (await fetch(`${e.url}/_emulator/counts`)).json();
    expect(n).toMatchObject({
      total: 4,
      logins: 1,
      routes: {
        "POST /sessions": 1,
        "GET /policies": 1,
        "GET /policies/{policyId}": 1,
        "GET /vm-replications/{replicationId}": 1,
      },
    });
    expect(e.counts().total).toBe(4);
    expect((await fetch(`${e.url}/_emulator/counts/reset`, { method: "POST" })).status).toBe(204);
    expect(e.counts().total).toBe(0);
  });

  it("adds latency", async () => {
    e.setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    await fetch(`${e.url}/diagnostics/about`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    e.setFaults({});
  });

  it("answers 5xx with an error body at the configured rate", async () => {
    const put = await fetch(`${e.url}/_emulator/faults`, {
      method: "PUT",
      body: JSON.stringify({ errorRate: 1, errorStatus: 503 }),
      headers: { "Content-Type": "application/json" },
    });
    expect(await put.json()).toEqual({ errorRate: 1, errorStatus: 503 });
    const r = await fetch(`${e.url}/diagnostics/about`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { code: string }).code).toBe("GeneralServerFailure");
    expect(await (await fetch(`${e.url}/_emulator/faults`)).json()).toEqual({ errorRate: 1, errorStatus: 503 });
    e.setFaults({});
    expect(
      (await fetch(`${e.url}/_emulator/faults`, { method: "PUT", body: JSON.stringify({ errorRate: 2 }) })).status,
    ).toBe(400);
  });

  it("answers 429 with Retry-After", async () => {
    e.setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
    const r = await fetch(`${e.url}/diagnostics/about`);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    e.setFaults({});
  });

  it("drops connections", async () => {
    e.setFaults({ dropRate: 1 });
    await expect(fetch(`${e.url}/diagnostics/about`)).rejects.toThrow();
    e.setFaults({});
    expect((await fetch(`${e.url}/diagnostics/about`)).status).toBe(401);
  });

  it("limits request faults to a path pattern", async () => {
    e.setFaults({ errorRate: 1, pathPattern: "^/vm-replications" });
    expect((await fetch(`${e.url}/diagnostics/about`)).status).toBe(401);
    expect((await fetch(`${e.url}/vm-replications`)).status).toBe(503);
    e.setFaults({});
  });

  it("fails tasks and undoes a create", async () => {
    const c = await admin(e);
    await openOrg(c, "org2");
    e.setFaults({ taskFailureRate: 1 });
    const r = await c.post("/vm-replications", cloudBody(IDS.demoVm(3)));
    const t = await c.wait(r.body.id);
    expect(t.state).toBe("FAILED");
    expect(t.error).toMatchObject({ code: "TaskFailed" });
    expect(t.result).toBeNull();
    e.setFaults({});
    expect((await c.get(`/vm-replications/${r.body.workflowInfo.resourceId}`)).status).toBe(404);
    expect((await c.post("/vm-replications", cloudBody(IDS.demoVm(3)))).status).toBe(202); // the VM is free again
  });

  it("expires sessions by rate and on demand", async () => {
    const c = new Client(e.url);
    await c.login(ROOT);
    e.setFaults({ sessionExpiryRate: 1 });
    expect((await c.get("/sessions")).status).toBe(401);
    e.setFaults({});
    await c.login(ROOT);
    expect((await fetch(`${e.url}/_emulator/sessions/expire`, { method: "POST" })).status).toBe(200);
    expect((await c.get("/sessions")).status).toBe(401);
  });
});

describe("cli", () => {
  // compile only the emulator, so the test does not depend on other parts of the tree building
  const out = join(process.cwd(), ".cache", `emulator-cli-${process.pid}`);
  const cli = join(out, "emulator", "cli.js");
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [
        "node_modules/typescript/bin/tsc",
        "--outDir",
        out,
        "--rootDir",
        ".",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--target",
        "ES2023",
        "--skipLibCheck",
        "--types",
        "node",
        "emulator/cli.ts",
      ],
      { cwd: process.cwd() },
    );
  }, 60_000);

  /** Starts the CLI and resolves with its URL once it prints the listening line. */
  const launch = async (args: string[]) => {
    const child = spawn(process.execPath, [cli, "--port", "0", "--in-memory", "--quiet", ...args], {
      cwd: process.cwd(),
    });
    const line = await new Promise<string>((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (d) => {
        buf += d;
        if (buf.includes("\n")) resolve(buf);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      setTimeout(() => reject(new Error("timeout")), 15_000);
    });
    const stop = () =>
      new Promise<number | null>((resolve) => {
        child.on("exit", (c) => resolve(c));
        child.kill("SIGTERM");
      });
    return { line, url: (line.split(" on ")[1] as string).trim(), stop };
  };

  it("prints the listening line and exits cleanly on SIGTERM", async () => {
    const { line, url, stop } = await launch([]);
    expect(line).toMatch(/^VCDA emulator listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect((await fetch(`${url}/diagnostics/about`)).status).toBe(401);
    expect(await stop()).toBe(0);
  }, 60_000);

  it("takes --api-version and --status-omits-idle-orgs, and refuses an unknown version naming the allowed ones", async () => {
    const { url, stop } = await launch(["--api-version", "4.7", "--status-omits-idle-orgs"]);
    const cfg = (await (await fetch(`${url}/_emulator/config`)).json()) as Record<string, unknown>;
    expect(cfg).toMatchObject({ apiVersion: "4.7", statusOmitsIdleOrgs: true });
    expect(await stop()).toBe(0);
    const bad = spawnSync(process.execPath, [cli, "--api-version", "4.2", "--in-memory"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--api-version must be one of 4.1, 4.5, 4.6, 4.7; got '4.2'");
  }, 60_000);

  it("takes --generate-vapps, --vms-per-vapp and --recovery-ms", async () => {
    const { url, stop } = await launch(["--generate-vapps", "2", "--vms-per-vapp", "3", "--recovery-ms", "750"]);
    const cfg = (await (await fetch(`${url}/_emulator/config`)).json()) as Record<string, unknown>;
    expect(cfg).toMatchObject({ recoveryMs: 750 });
    const c = new Client(url);
    await c.login(ROOT);
    await c.post("/sessions/extend", {
      type: "credentials",
      site: "site1",
      vcdUsername: "root@System",
      vcdPassword: "password",
    });
    const r = await c.get("/inventory/vapps?site=site1&name=bench-vapp-000002");
    expect(r.body.items[0].vms).toHaveLength(3);
    expect(await stop()).toBe(0);
    const bad = spawnSync(process.execPath, [cli, "--vms-per-vapp", "3", "--in-memory"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--vms-per-vapp needs --generate-vapps");
  }, 60_000);
});
