/**
 * Security properties that need no engine:
 * - TLS: the client refuses the emulator's certificate unless its CA is configured (or `insecure` is set explicitly).
 * - Tenants: an org's session cannot read or change another org's replications, nor create or change policies.
 * - The emulator listens on loopback by default; its control path refuses non-loopback callers without the token.
 * - Request bodies have a size limit (413), on the API and on the control path.
 * - Error messages (client errors, emulator error bodies, emulator log lines) never contain a password or token.
 */
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createClient, newOperationId, VcdaAuthError, VcdaConnectionError } from "../../provider/client";

const MEDIA = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";
const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const VDC_ORG3 = "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03";
const VC_ONPREM1 = "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b";
const POLICY = {
  displayName: "sec",
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

interface Res {
  status: number;
  body: Record<string, unknown> & { items?: Array<Record<string, unknown>> };
  text: string;
  token: string | null;
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<Res> {
  const headers: Record<string, string> = { Accept: MEDIA };
  if (token) headers["X-VCAV-Auth"] = token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: Res["body"] = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON
  }
  return { status: r.status, body: parsed, text, token: r.headers.get("x-vcav-auth") };
}

const login = async (url: string, body: Record<string, unknown>) => {
  const r = await call(url, "POST", "/sessions", body);
  expect(r.status, r.text).toBe(200);
  return r.token as string;
};

describe("TLS", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, inMemory: true, tls: true, tlsDir: `${process.cwd()}/.cache/security-tls` });
  });
  afterAll(async () => emu?.close());

  it("refuses a certificate from an unknown CA by default, with a clear error and no retry loop", async () => {
    const client = createClient(
      { endpoint: emu.url, username: "root", password: "password" },
      { retry: { maxAttempts: 2, baseDelayMs: 1 } },
    );
    const err = await client.policies.list(newOperationId("tls")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VcdaConnectionError);
    expect(String((err as Error).message)).toMatch(/TLS verification .* failed .*vcda:caCert/);
    expect(String((err as Error).message)).not.toContain("password");
    // No request was processed: the login never reached the emulator.
    expect(emu.counts().logins).toBe(0);
  });

  it("accepts the certificate when its CA is configured", async () => {
    const client = createClient({ endpoint: emu.url, username: "root", password: "password", caCert: emu.caPem });
    const list = await client.policies.list(newOperationId("tls"));
    expect(list.length).toBeGreaterThan(0);
  });
});

describe("tenant isolation and policy permissions", () => {
  let emu: RunningEmulator;
  let root = "";
  let org2 = "";
  let org3 = "";
  let rep2 = "";
  let rep3 = "";
  let policyId = "";

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 20 });
    root = await login(emu.url, { type: "localUser", localUser: "root", localPassword: "password" });
    const p = await call(emu.url, "POST", "/policies", POLICY, root);
    policyId = String(p.body.id);
    for (const org of ["org2", "org3"])
      expect((await call(emu.url, "PATCH", `/policies/${policyId}/orgs/${org}`, undefined, root)).status).toBe(202);
    const create = async (body: unknown) => {
      const r = await call(emu.url, "POST", "/vm-replications", body, root);
      expect(r.status, r.text).toBe(202);
      const id = String((r.body.workflowInfo as { resourceId: string }).resourceId);
      for (let i = 0; i < 200; i++) {
        const t = await call(emu.url, "GET", `/tasks/${r.body.id}`, undefined, root);
        if (t.body.state !== "RUNNING") break;
        await new Promise((res) => setTimeout(res, 20));
      }
      return id;
    };
    rep2 = await create({
      source: { type: "vcVm", site: "onprem1", vcUuid: VC_ONPREM1, vmId: "vm-101" },
      destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2 },
      rpo: 30,
    });
    rep3 = await create({
      source: { type: "vcVm", site: "onprem1", vcUuid: VC_ONPREM1, vmId: "vm-102" },
      destination: { type: "vcloud", site: "site2", vdc: VDC_ORG3 },
      rpo: 30,
    });
    org2 = await login(emu.url, { type: "vcdCredentials", vcdUser: "admin1@org2", vcdPassword: "password" });
    org3 = await login(emu.url, { type: "vcdCredentials", vcdUser: "admin3@org3", vcdPassword: "password" });
  });
  afterAll(async () => emu?.close());

  it("lists only the tenant's own replications", async () => {
    const l3 = await call(emu.url, "GET", "/vm-replications", undefined, org3);
    expect(l3.status).toBe(200);
    const ids3 = (l3.body.items ?? []).map((r) => r.id);
    expect(ids3).not.toContain(rep2);
    const l2 = await call(emu.url, "GET", "/vm-replications", undefined, org2);
    expect((l2.body.items ?? []).map((r) => r.id)).toContain(rep2);
  });

  it("cannot read or change another org's replication", async () => {
    const ops: [string, string, unknown?][] = [
      ["GET", `/vm-replications/${rep2}`],
      ["PATCH", `/vm-replications/${rep2}`, { rpo: 60 }],
      ["PATCH", `/vm-replications/${rep2}/disks`, []],
      ["POST", `/vm-replications/${rep2}/pause`],
      ["POST", `/vm-replications/${rep2}/sync`],
      ["POST", `/vm-replications/${rep2}/failover`, {}],
      ["GET", `/vm-replications/${rep2}/instances`],
      ["DELETE", `/vm-replications/${rep2}`],
    ];
    for (const [method, path, body] of ops) {
      const r = await call(emu.url, method, path, body, org3);
      // 400 only when the body itself is invalid (validated before the lookup); never 2xx.
      expect([400, 403, 404], `${method} ${path} as org3 → ${r.status} ${r.text}`).toContain(r.status);
      if (r.status === 400) expect(r.text).not.toContain(rep2);
    }
    // Nothing changed.
    const still = await call(emu.url, "GET", `/vm-replications/${rep2}`, undefined, root);
    expect(still.status).toBe(200);
    expect((still.body.settings as { rpo: number }).rpo).toBe(30);
    expect(still.body.isPaused).toBe(false);
    // And org3 still sees its own.
    expect((await call(emu.url, "GET", `/vm-replications/${rep3}`, undefined, org3)).status).toBe(200);
  });

  it("cannot create, change, assign or delete policies", async () => {
    const ops: [string, string, unknown?][] = [
      ["POST", "/policies", { ...POLICY, displayName: "tenant made" }],
      ["PUT", `/policies/${policyId}`, { ...POLICY, minRpo: 60 }],
      ["PUT", "/policies/default", { ...POLICY, displayName: "Default policy", allowIncomingProtections: true }],
      ["PATCH", `/policies/default/orgs/org3`],
      ["PATCH", `/policies/${policyId}/orgs/org2`],
      ["DELETE", `/policies/${policyId}`],
      ["POST", "/policies/sync"],
    ];
    for (const [method, path, body] of ops) {
      const r = await call(emu.url, method, path, body, org3);
      expect([401, 403], `${method} ${path} as org3 → ${r.status} ${r.text}`).toContain(r.status);
    }
    const p = await call(emu.url, "GET", `/policies/${policyId}`, undefined, root);
    expect(p.body.minRpo).toBe(5);
  });

  it("a tenant's provider run fails with a clear 403, not a crash", async () => {
    const client = createClient({
      endpoint: emu.url,
      authType: "vcdCredentials",
      username: "admin3@org3",
      password: "password",
    });
    const err = await client.policies
      .create({ ...POLICY, displayName: "via provider" }, newOperationId("sec"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/403|Forbidden|not allowed|permission/i);
  });
});

describe("secrets in errors and emulator output", () => {
  let emu: RunningEmulator;
  const lines: string[] = [];
  const WRONG = "Wr0ng-Pa55-do-not-echo";
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, inMemory: true, log: (l) => lines.push(l) });
  });
  afterAll(async () => emu?.close());

  it("a refused login names the user, never the password, in the client error and the emulator answer", async () => {
    const raw = await call(emu.url, "POST", "/sessions", {
      type: "localUser",
      localUser: "root",
      localPassword: WRONG,
    });
    expect(raw.status).toBe(401);
    expect(raw.text).not.toContain(WRONG);
    const client = createClient({ endpoint: emu.url, username: "root", password: WRONG });
    const err = await client.policies.list(newOperationId("sec")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VcdaAuthError);
    const text = `${(err as Error).message} ${(err as Error).stack} ${JSON.stringify(err)}`;
    expect(text).not.toContain(WRONG);
    expect(text).toMatch(/root/);
  });

  it("a refused site extension never echoes the site password", async () => {
    const token = await login(emu.url, { type: "localUser", localUser: "root", localPassword: "password" });
    const r = await call(
      emu.url,
      "POST",
      "/sessions/extend",
      { type: "credentials", site: "site1", vcdUsername: "root@System", vcdPassword: WRONG },
      token,
    );
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.text).not.toContain(WRONG);
  });

  it("the emulator's log lines carry neither passwords nor session tokens", async () => {
    const token = await login(emu.url, { type: "localUser", localUser: "root", localPassword: "password" });
    await call(emu.url, "GET", `/policies?token=${encodeURIComponent(WRONG)}`, undefined, token);
    const all = lines.join("\n");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(token);
    expect(all).not.toContain(WRONG);
    expect(all).not.toContain('"password"');
  });
});

describe("listening address and body limits", () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it("listens on 127.0.0.1 unless told otherwise", async () => {
    const emu = await startEmulator({ port: 0, inMemory: true });
    try {
      expect(emu.host).toBe("127.0.0.1");
      expect(emu.url).toContain("127.0.0.1");
      if (external) {
        const err = await fetch(`http://${external}:${emu.port}/diagnostics/health`).catch((e: Error) => e);
        expect(err).toBeInstanceOf(Error);
      }
    } finally {
      await emu.close();
    }
  });

  it.skipIf(!external)("on another address, the control path needs the token", async () => {
    const emu = await startEmulator({ port: 0, inMemory: true, host: "0.0.0.0", controlToken: "ctl-token-123" });
    try {
      const url = `http://${external}:${emu.port}`;
      const refused = await fetch(`${url}/_emulator/state`);
      expect(refused.status).toBe(403);
      const faults = await fetch(`${url}/_emulator/faults`, { method: "PUT", body: JSON.stringify({ errorRate: 1 }) });
      expect(faults.status).toBe(403);
      const allowed = await fetch(`${url}/_emulator/state`, {
        headers: { "X-Emulator-Control-Token": "ctl-token-123" },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("refuses bodies over 1 MiB with 413 on the API and the control path, and keeps serving", async () => {
    const emu = await startEmulator({ port: 0, inMemory: true });
    try {
      const big = `{"x":"${"a".repeat(1024 * 1024 + 1)}"}`;
      let answered = 0;
      for (const path of ["/sessions", "/policies", "/vm-replications", "/_emulator/faults"]) {
        const r = await fetch(emu.url + path, {
          method: path === "/_emulator/faults" ? "PUT" : "POST",
          headers: { Accept: MEDIA, "Content-Type": "application/json" },
          body: big,
        }).catch((e: Error) => e);
        if (r instanceof Error) continue; // the emulator may close the connection after answering
        expect(r.status, path).toBe(413);
        expect(((await r.json()) as { code: unknown }).code).toBeTypeOf("string");
        answered++;
      }
      // A reset connection is allowed, but the limit must have been seen answering.
      expect(answered).toBeGreaterThan(0);
      const ok = await call(emu.url, "POST", "/sessions", {
        type: "localUser",
        localUser: "root",
        localPassword: "password",
      });
      expect(ok.status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
