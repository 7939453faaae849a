/**
 * Property-based tests of the emulator's endpoints: random and hostile bodies (wrong types, huge numbers, unicode,
 * missing fields, deep nesting, malformed JSON, oversized bodies), query strings and path segments. Never a 5xx, never a
 * dropped connection: every rejection is a 4xx with the VCDA error body (`code`, `msg`), and the emulator keeps
 * answering. Also: what the Policy check accepts, the emulator accepts, or rejects with a 4xx naming the field.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import policyProvider from "../../provider/dynamic/policy";
import { toSettingsBody } from "../../provider/dynamic/policy-common";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const MEDIA = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";
const VALID_POLICY = {
  displayName: "fuzz",
  minRpo: 15,
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
const VALID_REPLICATION = {
  source: { type: "vm", site: "site1", vmId: "5e1a0000-0000-4000-8000-000000000005" },
  destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda" },
  rpo: 30,
};

const VALID_VAPP_REPLICATION = {
  source: { type: "vapp", site: "site1", vappId: "9664de13-6150-4315-9f59-2d85eb4c302f" },
  destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda" },
  rpo: 30,
};

let emu: RunningEmulator;
let token = "";
let replicationId = "";
let vappReplicationId = "";
let policyId = "";

async function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const r = await fetch(emu.url + path, {
    method,
    headers: { Accept: MEDIA, "X-VCAV-Auth": token, "Content-Type": "application/json", ...headers },
    body: method === "GET" || method === "HEAD" ? undefined : body,
  });
  const text = await r.text();
  return { status: r.status, text };
}

/** No 5xx (but the deliberate 501); a 4xx carries the VCDA error body. */
function assertClientError(r: { status: number; text: string }, what: string) {
  // 501 NotImplemented is the emulator's deliberate answer for support bundles (not a crash).
  const deliberate = r.status === 501 && r.text.includes('"NotImplemented"');
  if (!deliberate) expect(r.status, `${what} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(500);
  if (r.status >= 400 && r.text) {
    const body = JSON.parse(r.text);
    expect(typeof body.code, what).toBe("string");
    expect(typeof body.msg, what).toBe("string");
  }
}

const nastyNumber = fc.oneof(
  fc.constantFrom(-0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324, 0.5, -1, 2 ** 31, 2 ** 63),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const nastyString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", "\u0000", "\u202e", "../../etc/passwd", "'; DROP TABLE policies; --", "default", "org2", "site1"),
  fc.nat({ max: 100_000 }).map((n) => "é".repeat(n)),
);
const json = fc.oneof(
  { depthSize: "small" },
  nastyNumber,
  nastyString,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);
/** A valid body with one field changed, removed, or added. */
const mutated = (base: Record<string, unknown>) =>
  fc.tuple(fc.constantFrom(...Object.keys(base), "extra", "__proto__"), json, fc.boolean()).map(([k, v, remove]) => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(base));
    if (remove) delete copy[k];
    else copy[k] = v;
    return JSON.stringify(copy);
  });
const anyBody = fc.oneof(
  json.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom("{", "[1,2", '{"a":}', "\u0000", "null", "true", "{}", "[]", '"x"', "1e999", "-"),
  fc.nat({ max: 20_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.nat({ max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 20 });
  const r = await fetch(`${emu.url}/sessions`, {
    method: "POST",
    headers: { Accept: MEDIA, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "localUser", localUser: "root", localPassword: "password" }),
  });
  token = r.headers.get("x-vcav-auth") ?? "";
  const p = await send("POST", "/policies", JSON.stringify(VALID_POLICY));
  policyId = JSON.parse(p.text).id;
  await send("PATCH", `/policies/${policyId}/orgs/org2`);
  await send("PATCH", `/policies/${policyId}`, JSON.stringify({ ...VALID_POLICY, allowIncomingProtections: true }));
  const rep = await send("POST", "/vm-replications", JSON.stringify(VALID_REPLICATION));
  replicationId = JSON.parse(rep.text).workflowInfo?.resourceId ?? "";
  await send(
    "POST",
    "/sessions/extend",
    JSON.stringify({ type: "credentials", site: "site1", vcdUsername: "root@System", vcdPassword: "password" }),
  );
  const vapp = await send("POST", "/vapp-replications", JSON.stringify(VALID_VAPP_REPLICATION));
  vappReplicationId = JSON.parse(vapp.text).workflowInfo?.resourceId ?? "";
});
afterAll(async () => {
  await emu?.close();
});

describe("emulator endpoints under random and hostile input", () => {
  const bodyEndpoints: [string, string, () => Record<string, unknown>][] = [
    ["POST", "/sessions", () => ({ type: "localUser", localUser: "root", localPassword: "password" })],
    ["POST", "/sessions/extend", () => ({ type: "multisite", site: "site1", org: "org1" })],
    ["POST", "/policies", () => ({ ...VALID_POLICY, displayName: `fuzz-${Math.random()}` })],
    ["PUT", "/policies/{policy}", () => VALID_POLICY],
    ["PUT", "/policies/default", () => ({ ...VALID_POLICY, displayName: "Default policy" })],
    ["POST", "/vm-replications", () => VALID_REPLICATION],
    ["PATCH", "/vm-replications/{rep}", () => ({ rpo: 60, description: "x" })],
    ["PATCH", "/vm-replications/{rep}/disks", () => ({ excludedDisks: [] })],
    ["POST", "/vm-replications/{rep}/failover-test", () => ({})],
    ["POST", "/vm-replications/{rep}/failover", () => ({})],
    ["POST", "/tasks/poll", () => ({})],
    ["POST", "/vapp-replications", () => VALID_VAPP_REPLICATION],
    ["PATCH", "/vapp-replications/{vapp}", () => ({ rpo: 60, description: "x" })],
    ["POST", "/vapp-replications/{vapp}/failover-test", () => ({ type: "vcloud", instanceMap: {}, sync: false })],
    ["POST", "/vapp-replications/{vapp}/failover", () => ({ type: "vcloud", powerOn: true })],
    ["POST", "/vapp-replications/{vapp}/migrate", () => ({ type: "vcloud", vmNetworkSettings: {} })],
  ];
  const path = (p: string) =>
    p.replace("{policy}", policyId).replace("{rep}", replicationId).replace("{vapp}", vappReplicationId);

  it.each(bodyEndpoints)("%s %s: mutated valid bodies never give a 5xx", async (method, p, base) => {
    await fc.assert(
      fc.asyncProperty(mutated(base()), async (body) => {
        assertClientError(await send(method, path(p), body), `${method} ${p} ${body.slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(bodyEndpoints)("%s %s: arbitrary and malformed bodies never give a 5xx", async (method, p) => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        assertClientError(await send(method, path(p), body), `${method} ${p} ${body.slice(0, 120)}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("random query strings on list endpoints never give a 5xx", async () => {
    const keys = [
      "limit",
      "offset",
      "sort",
      "site",
      "vmId",
      "state",
      "user",
      "startTimeAfter",
      "destinationOrg",
      "ids",
      "name",
      "org",
      "vappId",
      "vappName",
      "vdcId",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/vm-replications",
          "/tasks",
          "/policies",
          "/policies/default/status",
          "/diagnostics/health",
          "/vapp-replications",
          "/sla-profiles",
          "/sites",
          "/inventory/orgs",
          "/inventory/vdcs",
          "/inventory/vapps",
          "/inventory/vms",
        ),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(nastyString, nastyNumber.map(String))), { maxLength: 4 }),
        async (p, params) => {
          // Known bug (reported): an offset of 2^63 or more is a 500 on /vm-replications and /tasks; see below.
          const q = new URLSearchParams(params.map(([k, v]) => [k, v] as [string, string])).toString();
          assertClientError(await send("GET", `${p}?${q}`), `GET ${p}?${q.slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  // Found by this suite: an offset beyond 2^53 once reached SQLite and answered 500 "datatype mismatch".
  it("a huge offset is a 4xx naming the parameter", async () => {
    for (const p of ["/vm-replications", "/tasks", "/vapp-replications", "/inventory/vms"]) {
      const r = await send("GET", `${p}?offset=1e19`);
      expect(r.status, r.text).toBe(400);
      expect(JSON.parse(r.text).msg).toContain("offset");
    }
  });

  it("random path segments and methods never give a 5xx", async () => {
    const seg = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom("%", "%E0%A4%A", "%00", "..", "%2F", "C4-does-not-exist", "default", "sync", "poll"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
        fc.constantFrom(
          "/policies/",
          "/vm-replications/",
          "/tasks/",
          "/sessions/",
          "/diagnostics/bundles/",
          "/",
          "/vapp-replications/",
          "/sla-profiles/orgs/",
          "/sites/",
          "/inventory/vdcs/",
          "/vc-sites/",
        ),
        seg,
        fc.option(
          fc.constantFrom(
            "status",
            "orgs/org2",
            "pause",
            "resume",
            "instances",
            "disks",
            "sync",
            "failover-test",
            "storage-profiles",
            "vcenters",
            `profiles/2bfb7696-3aa1-49d3-bb40-d9e97df1baba`,
          ),
        ),
        async (method, base, s, tail) => {
          const p = `${base}${s}${tail ? `/${tail}` : ""}`;
          // DELETE /sessions/ (an empty segment) is a logout, which would end this suite's session
          if (method === "DELETE" && /^\/sessions\/?$/.test(p)) return;
          assertClientError(await send(method, p, method === "GET" ? undefined : "{}"), `${method} ${p}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("wrong media types and content types are 4xx", async () => {
    for (const accept of ["text/html", "application/json;version=99", "application/vnd.vmware.h4-v1.0+json", ""]) {
      const r = await send("GET", "/policies", undefined, { Accept: accept });
      assertClientError(r, `Accept: ${accept}`);
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const r = await send("POST", "/policies", "a=1&b=%ZZ", { "Content-Type": type });
      assertClientError(r, `Content-Type: ${type}`);
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("an oversized body is refused with 413, and the emulator keeps answering", async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, "a");
    for (const p of ["/policies", "/vm-replications", "/sessions", "/tasks/poll"]) {
      const r = await send("POST", p, big).catch((e: Error) => ({ status: -1, text: String(e) }));
      // Either a 413 answer or (after the limit) a closed connection: never a 5xx, never processed.
      if (r.status !== -1) {
        expect(r.status, `${p}: ${r.text.slice(0, 200)}`).toBe(413);
        expect(JSON.parse(r.text).code).toBeTypeOf("string");
      }
    }
    const health = await send("GET", "/diagnostics/health");
    expect(health.status).toBeLessThan(500);
    const policies = await send("GET", "/policies");
    expect(policies.status).toBe(200);
  });

  it("what the Policy check accepts, the emulator stores or rejects with a 4xx naming the field", async () => {
    const fields = Object.keys(VALID_POLICY).filter((k) => k !== "displayName");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), json, fc.nat(), async (field, value, n) => {
        const inputs = { ...VALID_POLICY, displayName: `agree-${n}-${Math.random()}`, [field]: value };
        const checked = await policyProvider.check({} as never, inputs as never);
        if (checked.failures?.length) {
          expect(checked.failures.map((f) => f.property)).toContain(field);
          return;
        }
        const body = toSettingsBody(checked.inputs as never);
        const r = await send("POST", "/policies", JSON.stringify(body));
        assertClientError(r, `POST /policies ${field}=${JSON.stringify(value)}`);
        if (r.status >= 400) expect(r.text, `${field}=${JSON.stringify(value)}`).toContain(field);
        else expect(r.status).toBe(201);
      }),
      { numRuns: RUNS },
    );
  });
});
