/**
 * Client and the Policy / DefaultPolicy / PolicyAssignment providers against the real emulator over HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import { DEFAULT_POLICY_SETTINGS } from "../../provider/api/policy";
import { setStackConfig } from "../../provider/client/connection";
import { getClient, newOperationId, resetClients, VcdaAuthError, VcdaNotFoundError } from "../../provider/client/index";
import defaultPolicyProvider from "../../provider/dynamic/default-policy";
import policyProvider from "../../provider/dynamic/policy";
import assignmentProvider from "../../provider/dynamic/policy-assignment";
import { getPolicy, getPolicyStatus } from "../../provider/lookups/index";

let emu: Awaited<ReturnType<typeof startEmulator>>;
let endpoint: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 100 });
  endpoint = emu.url;
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  resetClients();
  setStackConfig({ endpoint, username: "root", password: "password", authType: "localUser" });
});

let seq = 0;
const uniqueName = (base: string) => `${base} ${++seq}-${Date.now()}`;

/** check() then create(), like the engine does. */
async function createPolicy(inputs: Record<string, unknown>) {
  const checked = await policyProvider.check({} as never, inputs as never);
  expect(checked.failures).toBeUndefined();
  const created = await policyProvider.create(checked.inputs as never);
  return {
    id: created.id,
    inputs: checked.inputs as Record<string, unknown>,
    outs: created.outs as Record<string, unknown>,
  };
}

const op = () => newOperationId("test");

describe("Policy provider against the emulator", () => {
  it("creates, reads, updates in place and deletes a policy", async () => {
    const name = uniqueName("Gold");
    const { id, inputs, outs } = await createPolicy({
      displayName: name,
      minRpo: 30,
      maxIncoming: -1,
      allowIncomingProtections: true,
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(outs).toMatchObject({
      displayName: name,
      minRpo: 30,
      maxIncoming: -1,
      allowIncomingProtections: true,
      maxInstances: 24,
      orgs: 0,
    });

    const read = await policyProvider.read(id, outs as never);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);

    const news = { ...inputs, minRpo: 60, displayName: `${name} renamed` };
    expect(await policyProvider.diff(id, outs as never, news as never)).toEqual({ changes: true, replaces: [] });
    const updated = await policyProvider.update(id, outs as never, news as never);
    expect(updated.outs).toMatchObject({ minRpo: 60, displayName: `${name} renamed` });
    expect((await getClient().policies.get(id, op())).minRpo).toBe(60);

    await policyProvider.delete(id, updated.outs as never);
    expect(await policyProvider.read(id, updated.outs as never)).toEqual({ id: "", props: {} });
  });

  it("treats a policy deleted outside the stack as gone on read and as done on delete", async () => {
    const { id, outs } = await createPolicy({ displayName: uniqueName("Ephemeral") });
    await getClient().policies.delete(id, op());
    expect((await policyProvider.read(id, outs as never)).id).toBe("");
    await expect(policyProvider.delete(id, outs as never)).resolves.toBeUndefined();
  });

  it("shows a setting changed outside the stack as drift after read", async () => {
    const { id, inputs, outs } = await createPolicy({ displayName: uniqueName("Drift"), minRpo: 20 });
    await getClient().policies.update(id, { minRpo: 90 }, op());
    const read = await policyProvider.read(id, outs as never);
    expect(read.props?.minRpo).toBe(90);
    expect(await policyProvider.diff(id, read.props as never, inputs as never)).toEqual({
      changes: true,
      replaces: [],
    });
  });

  it("refuses a duplicate displayName and suggests adopt: true", async () => {
    const name = uniqueName("Dup");
    const first = await createPolicy({ displayName: name });
    const err = await policyProvider.create({ ...first.inputs } as never).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`A VCDA policy named "${name}" already exists`);
    expect(err.message).toContain(`(id ${first.id})`);
    expect(err.message).toContain("Set adopt: true");
    expect(err.message).toContain("DuplicatePolicyName");
  });

  it("adopts an existing policy by displayName when adopt is true, applying the stack's settings", async () => {
    const name = uniqueName("Adopted");
    const existing = await getClient().policies.create({ ...DEFAULT_POLICY_SETTINGS, displayName: name }, op());
    const { id, outs } = await createPolicy({ displayName: name, minRpo: 45, adopt: true });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ minRpo: 45, adopt: true });
    expect((await getClient().policies.list(op())).filter((p) => p.displayName === name)).toHaveLength(1);
  });

  it("explains which orgs block deleting an assigned policy", async () => {
    const name = uniqueName("Busy");
    const { id, outs } = await createPolicy({ displayName: name });
    await getClient().policies.assign(id, "org3", op());
    const err = await policyProvider.delete(id, outs as never).catch((e) => e);
    expect(err.message).toContain(`Cannot delete VCDA policy "${name}" (${id}): it is still assigned to org(s) org3`);
    expect(err.message).toContain("PolicyInUse");
    await getClient().policies.assign("default", "org3", op());
    await policyProvider.delete(id, outs as never);
  });
});

describe("PolicyAssignment provider against the emulator", () => {
  it("assigns, detects an org reassigned outside the stack, updates policyId in place and restores default on delete", async () => {
    const a = await createPolicy({ displayName: uniqueName("A"), allowIncomingProtections: true, maxIncoming: -1 });
    const b = await createPolicy({ displayName: uniqueName("B") });
    const inputs = { policyId: a.id, org: "org2" };
    expect((await assignmentProvider.check({} as never, inputs as never)).failures).toBeUndefined();
    const created = await assignmentProvider.create(inputs as never);
    expect(created).toEqual({ id: "org2", outs: inputs });
    expect(
      (await getPolicyStatus({ policyId: a.id, connection: { endpoint, password: "password" } })).map((s) => s.org),
    ).toEqual(["org2"]);

    expect(await assignmentProvider.read("org2", created.outs as never)).toEqual({ id: "org2", props: inputs });

    // Someone reassigns org2 to B outside the stack: read reports B (drift), diff wants an in-place update back to A.
    await getClient().policies.assign(b.id, "org2", op());
    const drifted = await assignmentProvider.read("org2", created.outs as never);
    expect(drifted.props).toEqual({ policyId: b.id, org: "org2" });
    expect(await assignmentProvider.diff("org2", drifted.props as never, inputs as never)).toEqual({
      changes: true,
      replaces: [],
    });
    await assignmentProvider.update("org2", drifted.props as never, inputs as never);
    expect((await assignmentProvider.read("org2", inputs as never)).props).toEqual(inputs);

    await assignmentProvider.delete("org2", inputs as never);
    expect((await getClient().policies.status("default", op())).map((s) => s.org)).toContain("org2");
    expect(await getClient().policies.status(a.id, op())).toEqual([]);
  });

  it("leaves an org alone on delete when it was given another policy outside the stack", async () => {
    const a = await createPolicy({ displayName: uniqueName("Mine") });
    const other = await createPolicy({ displayName: uniqueName("Theirs") });
    await assignmentProvider.create({ policyId: a.id, org: "org3" } as never);
    await getClient().policies.assign(other.id, "org3", op());
    await assignmentProvider.delete("org3", { policyId: a.id, org: "org3" } as never);
    expect((await getClient().policies.status(other.id, op())).map((s) => s.org)).toEqual(["org3"]);
    await getClient().policies.assign("default", "org3", op());
  });

  it("fails with the appliance's error for an unknown org", async () => {
    const err = await assignmentProvider.create({ policyId: "default", org: "no-such-org" } as never).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaNotFoundError);
    expect(err.code).toBe("OrgNotFound");
    expect(err.message).toMatch(/PATCH \/policies\/default\/orgs\/no-such-org failed: 404 OrgNotFound/);
  });
});

describe("DefaultPolicy provider against the emulator", () => {
  it("updates the built-in policy with PUT and restores the documented values on delete", async () => {
    const checked = await defaultPolicyProvider.check(
      {} as never,
      { minRpo: 60, allowIncomingProtections: true } as never,
    );
    expect(checked.failures).toBeUndefined();
    const created = await defaultPolicyProvider.create(checked.inputs as never);
    expect(created.id).toBe("default");
    expect(created.outs).toMatchObject({
      displayName: "Default Policy",
      minRpo: 60,
      allowIncomingProtections: true,
      orgs: -1,
    });
    expect((await defaultPolicyProvider.read("default", created.outs as never)).props).toEqual(created.outs);

    await defaultPolicyProvider.delete("default", created.outs as never);
    const restored = await getClient().policies.get("default", op());
    expect(restored).toEqual({ ...DEFAULT_POLICY_SETTINGS, id: "default", orgs: -1 });
  });
});

describe("client against the emulator", () => {
  it("logs in once per endpoint and identity for all providers in a process", async () => {
    await createPolicy({ displayName: uniqueName("Shared1") });
    await createPolicy({ displayName: uniqueName("Shared2") });
    await defaultPolicyProvider.read("default", {} as never);
    expect(getClient().session.logins).toBe(1);
  });

  it("logs in again once when the appliance forgets the session", async () => {
    const client = getClient();
    await client.policies.list(op());
    const token = await client.session.getToken(op());
    await client.http.send({
      method: "DELETE",
      path: "/sessions",
      headers: { "X-VCAV-Auth": token },
      operationId: op(),
    });
    expect((await client.policies.list(op())).some((p) => p.id === "default")).toBe(true);
    expect(client.session.logins).toBe(2);
  });

  it("reports a wrong password as an auth error naming the user, never the password", async () => {
    const err = await getClient({ endpoint, username: "root", password: "not-the-password" })
      .policies.list(op())
      .catch((e) => e);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.status).toBe(401);
    expect(err.message).toContain("Login as root (localUser)");
    expect(err.message).not.toContain("not-the-password");
  });

  it("waits for several tasks with shared polls", async () => {
    const client = getClient();
    const tasks = await Promise.all([1, 2, 3].map(() => client.policies.sync(op())));
    const before = client.tasks.stats.polls;
    const done = await Promise.all(
      tasks.map((t) => client.waitForTask(t.id, { timeoutMs: 10_000, operationId: op() })),
    );
    expect(done.map((t) => t.state)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    const polls = client.tasks.stats.polls - before;
    expect(polls).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(3);
    expect(client.tasks.stats.gets).toBe(0);
  });

  it("finds policies by id and by name for programs", async () => {
    const name = uniqueName("Lookup");
    const { id } = await createPolicy({ displayName: name, minRpo: 25 });
    const conn = { endpoint, password: "password" };
    expect((await getPolicy({ id, connection: conn })).displayName).toBe(name);
    expect((await getPolicy({ displayName: name, connection: conn })).id).toBe(id);
    await expect(getPolicy({ displayName: "nope", connection: conn })).rejects.toThrow(
      `No VCDA policy named "nope" on ${endpoint}`,
    );
  });
});

describe("remote sites against the emulator", () => {
  it("extends the session to a configured remote site with VCD credentials", async () => {
    const client = getClient({
      endpoint,
      password: "password",
      sites: { site1: { type: "credentials", username: "root@System", password: "password" } },
    });
    const policies = await client.policies.list(op(), "site1");
    expect(policies.some((p) => p.id === "default")).toBe(true);
    expect(client.session.hasSite("site1")).toBe(true);
  });

  it("extends a tenant session with multisite into the associated org", async () => {
    const client = getClient({
      endpoint,
      authType: "vcdCredentials",
      username: "admin1@org2",
      password: "password",
      sites: { site1: { type: "multisite", org: "org1" } },
    });
    await client.ensureSite("site1", op());
    expect(client.session.info?.authenticatedSites).toContainEqual({ site: "site1", org: "org1" });
  });

  it("extends the new session to the same sites after logging in again", async () => {
    const client = getClient({
      endpoint,
      authType: "vcdCredentials",
      username: "admin1@org2",
      password: "password",
      sites: { site1: { type: "multisite", org: "org1" } },
    });
    await client.ensureSite("site1", op());
    const before = client.session.logins;
    emu.expireSessions();
    await client.policies.list(op());
    expect(client.session.logins).toBe(before + 1);
    expect(client.session.info?.authenticatedSites).toContainEqual({ site: "site1", org: "org1" });
  });

  it("says how to configure a remote site the session is not authenticated to", async () => {
    const err = await getClient()
      .policies.list(op(), "site1")
      .catch((e) => e);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.code).toBe("RemoteAuthenticationFailure");
    expect(err.message).toContain('vcda:sites (or VCDA_SITES) = {"site1"');
  });

  it("reports a refused site extension naming the site", async () => {
    const client = getClient({
      endpoint,
      password: "password",
      sites: { site1: { type: "credentials", username: "root@System", password: "wrong-pass" } },
    });
    const err = await client.ensureSite("site1", op()).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.message).toContain(
      'Extending the session to site "site1" (credentials) was refused; check vcda:sites.site1',
    );
    expect(err.message).not.toContain("wrong-pass");
  });
});

describe("resilience against the emulator's injected faults", () => {
  it("rides through throttling and 503s on reads and keeps one login", async () => {
    const client = getClient();
    await client.policies.list(op());
    emu.resetCounts();
    emu.setFaults({
      throttleRate: 0.2,
      errorRate: 0.2,
      errorStatus: 503,
      retryAfterSeconds: 0,
      pathPattern: "^/policies",
      // Seeded, so the same sequence of faults is drawn on every run: no flaky outcome.
      seed: 7,
    });
    try {
      for (let i = 0; i < 10; i++) expect((await client.policies.get("default", op())).id).toBe("default");
    } finally {
      emu.setFaults({});
    }
    expect(client.session.logins).toBe(1);
    // Faults were really injected: ten reads took more than ten requests.
    expect(emu.counts().routes["GET /policies/{policyId}"]).toBeGreaterThan(10);
  });

  it("logs in again when the appliance expires the session", async () => {
    const client = getClient();
    await client.policies.list(op());
    emu.expireSessions();
    expect((await client.policies.get("default", op())).id).toBe("default");
    expect(client.session.logins).toBe(2);
  });
});
