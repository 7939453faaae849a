/**
 * The VmReplication provider's methods against the emulator over real HTTP: every create variant, in-place updates,
 * replacement diffs, refresh drift (out-of-band PATCH, failover, reverse), policy rejection, partial failures,
 * adoption, delete and the lookups.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, startEmulator } from "../../emulator/index";
import { setStackConfig } from "../../provider/client/connection";
import { getClient, newOperationId, resetClients, type VcdaClient } from "../../provider/client/index";
import provider from "../../provider/dynamic/vm-replication";
import type { ConnectionArgs } from "../../provider/inputs";
import { setLogSink } from "../../provider/log";
import { getVmReplication, listVmReplications } from "../../provider/lookups/replications";
import type { VmReplicationArgs, VmReplicationOutputs } from "../../provider/replication/mapping";

let emu: Awaited<ReturnType<typeof startEmulator>>;
let connection: ConnectionArgs;
let client: VcdaClient;

/** The n-th generated cloud VM of org1 at site1 (two disks: 2000 of 16 GB, 2001 of 32 GB). */
const demoVm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const PROVIDER_BLOB = "serialized-provider-code";

const cloudToCloud = (vm: number, extra: Partial<VmReplicationArgs> = {}): VmReplicationArgs => ({
  site: "site2",
  source: { type: "vcloud", site: "site1", vmId: demoVm(vm) },
  destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg2, storageProfile: "*" },
  connection,
  ...extra,
});

/** Runs check (must pass) and create, like the engine does; the serialized provider travels in the inputs. */
async function create(args: VmReplicationArgs) {
  const checked = await provider.check({} as VmReplicationArgs, args);
  expect(checked.failures).toEqual([]);
  return provider.create({ ...(checked.inputs as VmReplicationArgs), __provider: PROVIDER_BLOB } as VmReplicationArgs);
}

async function apiGet(id: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await client.request<Record<string, unknown>>({
      method: "GET",
      path: `/vm-replications/${id}`,
      operationId: newOperationId("test"),
    });
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

async function apiTask(method: "POST" | "PATCH", path: string, body?: unknown) {
  const task = await client.request<{ id: string }>({ method, path, body, operationId: newOperationId("test") });
  return client.waitForTask(task.id, { timeoutMs: 10_000, operationId: newOperationId("test") });
}

/** Waits until the replication has an instance (initial sync done), so it can be failed over. */
async function waitForInstance(id: string) {
  for (let i = 0; i < 100; i++) {
    const r = (await apiGet(id)) as { destinationState?: { latestInstance?: unknown } };
    if (r?.destinationState?.latestInstance) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no instance of ${id}`);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 100, timeScale: 600 });
  connection = {
    endpoint: emu.url,
    password: "password",
    sites: { site1: { type: "credentials", username: "root@System", password: "password" } },
  };
  resetClients();
  setStackConfig({});
  client = getClient(connection);
  // org2 (site2, the local site) may receive protections and migrations; RPO at least 15 minutes.
  const policy = await client.request<{ id: string }>({
    method: "POST",
    path: "/policies",
    body: {
      displayName: "Replication tests",
      minRpo: 15,
      maxInstances: 24,
      maxPinnedInstances: 5,
      maxIncoming: -1,
      allowIncomingProtections: true,
      allowOutgoingProtections: true,
      allowIncomingMigrations: true,
      allowOutgoingMigrations: true,
      onpremDataCap: 0,
      allowCustomSlaSettings: true,
      allowNotificationConfiguration: true,
    },
    operationId: newOperationId("test"),
  });
  await client.request({
    method: "PATCH",
    path: `/policies/${policy.id}/orgs/org2`,
    operationId: newOperationId("test"),
  });
});

afterAll(async () => {
  setLogSink(undefined);
  await emu?.close();
});

beforeEach(() => {
  emu.setFaults({});
});

describe("VmReplication create, one per variant", () => {
  const variants: Array<[string, () => VmReplicationArgs, Record<string, unknown>]> = [
    [
      "cloud to cloud",
      () => cloudToCloud(1),
      { destinationDetails: { site: "site2", org: "org2", vdcId: DEFAULT_IDS.vdcOrg2 } },
    ],
    [
      "cloud to cloud with a seed VM",
      () => ({
        ...cloudToCloud(2, { excludedDisks: [2001] }),
        destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg2, seedVmId: DEFAULT_IDS.seedVm },
      }),
      { settings: { excludedDiskKeys: [2001] } },
    ],
    [
      "on-premises to cloud",
      () => ({
        site: "site2",
        source: { type: "vcenter", site: "onprem1", vcUuid: DEFAULT_IDS.vcenterOnprem1, vmId: "vm-101" },
        destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg2 },
        connection,
      }),
      { vmId: "vm-101", sourceDetails: { site: "onprem1" } },
    ],
    [
      "on-premises to cloud with a seed VM",
      () => ({
        site: "site2",
        source: { type: "vcenter", site: "site1", vcUuid: DEFAULT_IDS.vcenterExample, vmId: "vm-42" },
        destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg2, seedVmId: DEFAULT_IDS.seedVm },
        connection,
      }),
      { vmId: "vm-42" },
    ],
    [
      "cloud to on-premises",
      () => ({ ...cloudToCloud(3), destination: { type: "vcenter", site: "onprem1" } }),
      { destinationDetails: { site: "onprem1" } },
    ],
    [
      "cloud to on-premises with a seed VM",
      () => ({
        ...cloudToCloud(4, { excludedDisks: [2001] }),
        destination: { type: "vcenter", site: "site", seedVm: { vcId: "vcId", moId: "moId" } },
      }),
      { destinationDetails: { site: "site" } },
    ],
  ];

  it.each(variants)("creates, reads without drift and deletes %s", async (_name, make, expected) => {
    const args = make();
    const created = await create(args);
    expect(created.id).toMatch(/^C4-/);
    const outs = created.outs as VmReplicationOutputs;
    expect(outs).toMatchObject({ replicationId: created.id, recoveryState: "NOT_STARTED", isReversed: false });
    // The appliance's view of the variant (details a resource does not keep) through the lookup.
    expect(await getVmReplication({ id: created.id, site: args.site, connection })).toMatchObject(expected);
    // Write-only inputs stay in the outputs, so diff and delete have them.
    expect(outs.source).toEqual(args.source);
    expect(outs.destination).toEqual(args.destination);
    expect(outs.connection).toEqual(connection);

    const read = await provider.read(created.id, outs);
    expect(read.id).toBe(created.id);
    // No drift: no new inputs, so the engine keeps the state's.
    expect(read.inputs).toBeUndefined();
    const again = await provider.diff(created.id, read.props as VmReplicationOutputs, args);
    expect(again).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });

    await provider.delete(created.id, outs);
    expect(await apiGet(created.id)).toBeUndefined();
    expect(await provider.read(created.id, outs)).toEqual({ id: "" });
  });

  it("shares one task poll between replications created together", async () => {
    const before = client.tasks.stats.gets;
    emu.resetCounts();
    const outs = await Promise.all([5, 6, 7].map((n) => create(cloudToCloud(n))));
    expect(new Set(outs.map((o) => o.id)).size).toBe(3);
    expect(client.tasks.stats.gets).toBe(before);
    // One POST per replication, no login, no GET: the replication comes from the task result; polls are shared.
    const { routes, logins } = emu.counts();
    expect(logins).toBe(0);
    expect(routes["POST /vm-replications"]).toBe(3);
    expect(routes["GET /vm-replications/{replicationId}"]).toBeUndefined();
    expect(routes["GET /tasks/{taskId}"]).toBeUndefined();
    expect(routes["POST /tasks/poll"]).toBeLessThanOrEqual(4);
    await Promise.all(outs.map((o) => provider.delete(o.id, o.outs as VmReplicationOutputs)));
  });
});

describe("VmReplication update in place", () => {
  let id: string;
  let outs: VmReplicationOutputs;
  const base = () =>
    cloudToCloud(8, {
      rpo: 30,
      quiesced: true,
      retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] },
      excludedDisks: [],
      paused: false,
      description: "web",
    });

  beforeAll(async () => {
    const c = await create(base());
    id = c.id;
    outs = c.outs as VmReplicationOutputs;
  });
  afterAll(async () => {
    await provider.delete(id, outs);
  });

  it("changes rpo and retention with one settings PATCH, keeping the id", async () => {
    const news = { ...base(), rpo: 60, retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 120 }] } };
    expect(await provider.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updated = await provider.update(id, outs, news);
    outs = updated.outs as VmReplicationOutputs;
    expect(outs).toMatchObject({ replicationId: id, rpo: 60 });
    expect(await apiGet(id)).toMatchObject({
      settings: { rpo: 60, retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 120 }] } },
    });
  });

  it("pauses and resumes", async () => {
    const paused = await provider.update(id, outs, {
      ...base(),
      rpo: 60,
      retentionPolicy: outs.retentionPolicy,
      paused: true,
    });
    expect(paused.outs).toMatchObject({ isPaused: true, paused: true });
    outs = paused.outs as VmReplicationOutputs;
    const resumed = await provider.update(id, outs, {
      ...base(),
      rpo: 60,
      retentionPolicy: outs.retentionPolicy,
      paused: false,
    });
    expect(resumed.outs).toMatchObject({ isPaused: false, paused: false });
    outs = resumed.outs as VmReplicationOutputs;
  });

  it("changes excluded disks with a disks PATCH", async () => {
    const news = { ...base(), rpo: 60, retentionPolicy: outs.retentionPolicy, excludedDisks: [2001] };
    const updated = await provider.update(id, outs, news);
    outs = updated.outs as VmReplicationOutputs;
    expect(outs).toMatchObject({ excludedDisks: [2001] });
  });

  it("reports a destination change as a replacement that deletes first", async () => {
    const news = { ...base(), destination: { type: "vcloud" as const, site: "site2", vdc: DEFAULT_IDS.vdcOrg3 } };
    expect(await provider.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["destination"],
      deleteBeforeReplace: true,
    });
  });

  it("shows an RPO changed outside the stack after refresh, and the program's value as an in-place change", async () => {
    await apiTask("PATCH", `/vm-replications/${id}`, { rpo: 120 });
    const read = await provider.read(id, outs);
    expect(read.inputs).toMatchObject({ rpo: 120 });
    expect(read.props).toMatchObject({ rpo: 120 });
    outs = read.props as VmReplicationOutputs;
    const program = { ...base(), rpo: 60, retentionPolicy: outs.retentionPolicy, excludedDisks: [2001] };
    expect(await provider.diff(id, outs, program)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    outs = (await provider.update(id, outs, program)).outs as VmReplicationOutputs;
    expect(await apiGet(id)).toMatchObject({ settings: { rpo: 60 } });
  });

  it("rejects an RPO below the destination's policy readably and leaves the replication as it was", async () => {
    const news = { ...base(), rpo: 10, quiesced: false, retentionPolicy: outs.retentionPolicy, excludedDisks: [2001] };
    const err = await provider.update(id, outs, news).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/RpoBelowPolicyMinimum/);
    expect(err.message).toMatch(/RPO 10 is below the minimum RPO 15/);
    expect(err.id).toBeUndefined();
    expect(await apiGet(id)).toMatchObject({ settings: { rpo: 60 } });
  });

  it("records what was applied when a later step fails (partial failure)", async () => {
    const news = { ...base(), rpo: 90, retentionPolicy: outs.retentionPolicy, excludedDisks: [2001, 9999] };
    const err = await provider
      .update(id, outs, { ...news, __provider: PROVIDER_BLOB } as VmReplicationArgs)
      .catch((e) => e);
    expect(err.message).toMatch(/failed at PATCH disks/);
    expect(err.id).toBe(id);
    expect(err.properties).toMatchObject({ rpo: 90, excludedDisks: [2001], __provider: PROVIDER_BLOB });
    expect(err.reasons).toEqual([err.message]);
    outs = err.properties;
    // The next `up` (with a corrected program) continues from what was applied.
    const fixed = { ...news, excludedDisks: [2001] };
    expect(await provider.diff(id, outs, fixed)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});

describe("VmReplication after a failover or reverse outside the stack", () => {
  it("reports recoveryState and isReversed without a replacement", async () => {
    const args = cloudToCloud(9, { rpo: 15, quiesced: true });
    const created = await create(args);
    let outs = created.outs as VmReplicationOutputs;
    await waitForInstance(created.id);
    await apiTask("POST", `/vm-replications/${created.id}/failover`, { type: "vcloud", powerOn: false });

    let read = await provider.read(created.id, outs);
    expect(read.props).toMatchObject({ recoveryState: "COMPLETE", isReversed: false });
    // Source and destination stay as declared: the state's inputs are kept (no new inputs).
    expect(read.inputs).toBeUndefined();
    outs = read.props as VmReplicationOutputs;
    expect(await provider.diff(created.id, outs, args)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });

    await apiTask("POST", `/vm-replications/${created.id}/reverse`);
    read = await provider.read(created.id, outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toMatchObject({ isReversed: true });
    expect(await getVmReplication({ id: created.id, connection })).toMatchObject({
      sourceDetails: { site: "site2" },
      destinationDetails: { site: "site1" },
    });
    expect(read.inputs).toBeUndefined();
    outs = read.props as VmReplicationOutputs;
    expect(await provider.diff(created.id, outs, args)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    await provider.delete(created.id, outs);
  });
});

describe("VmReplication failures", () => {
  it("surfaces a policy rejection at create readably, with nothing created", async () => {
    const args = cloudToCloud(10, { rpo: 5, quiesced: false });
    const err = await create(args).catch((e) => e);
    expect(err.message).toMatch(
      /^VmReplication create failed: .*400 RpoBelowPolicyMinimum: RPO 5 is below the minimum RPO 15/,
    );
    expect(err.id).toBeUndefined();
    expect(await listVmReplications({ vmId: demoVm(10), connection })).toEqual([]);
  });

  it("fails check before any API call, naming the field", async () => {
    const before = emu.counts().total;
    const checked = await provider.check({} as VmReplicationArgs, cloudToCloud(10, { rpo: 0 }));
    expect(checked.failures).toEqual([{ property: "rpo", reason: "rpo must be between 1 and 1440 minutes, got 0" }]);
    expect(emu.counts().total).toBe(before);
  });

  it("records a replication whose later create step failed, and the next update converges", async () => {
    const args = cloudToCloud(11, { paused: true });
    // Fail every task that completes after the start task succeeded: here, the pause.
    setLogSink((_level, msg) => {
      if (/start\/vmReplication( \S+)?: SUCCEEDED/.test(msg)) emu.setFaults({ taskFailureRate: 1 });
    });
    const err = await create(args).catch((e) => e);
    setLogSink(undefined);
    emu.setFaults({});
    expect(err.message).toMatch(/failed at pause/);
    expect(err.id).toMatch(/^C4-/);
    expect(err.properties).toMatchObject({
      replicationId: err.id,
      paused: false,
      isPaused: false,
      __provider: PROVIDER_BLOB,
    });
    // Pulumi keeps the resource (init error) and calls update on the next `up`.
    const updated = await provider.update(err.id, err.properties, args);
    expect(updated.outs).toMatchObject({ paused: true, isPaused: true });
    expect((await listVmReplications({ vmId: demoVm(11), connection })).map((r) => r.replicationId)).toEqual([err.id]);
    await provider.delete(err.id, updated.outs as VmReplicationOutputs);
  });

  it("reports a failed start task as a plain error when no replication remains", async () => {
    emu.setFaults({ taskFailureRate: 1 });
    const err = await create(cloudToCloud(12)).catch((e) => e);
    emu.setFaults({});
    expect(err.message).toMatch(/^VmReplication create: .*TaskFailed/);
    expect(err.id).toBeUndefined();
    expect(await listVmReplications({ vmId: demoVm(12), connection })).toEqual([]);
  });

  it("tells the user to adopt when the VM is already replicated", async () => {
    const first = await create(cloudToCloud(13));
    const err = await create(cloudToCloud(13)).catch((e) => e);
    expect(err.message).toMatch(/already replicated by C4-[^;]+; set adopt: true/);
    await provider.delete(first.id, first.outs as VmReplicationOutputs);
  });

  it("treats a delete of a replication that is already gone as success", async () => {
    await expect(
      provider.delete("C4-00000000-0000-4000-8000-000000000000", cloudToCloud(1) as VmReplicationOutputs),
    ).resolves.toBeUndefined();
  });

  it("asks for a refresh when an update finds the replication gone", async () => {
    const c = await create(cloudToCloud(14));
    await provider.delete(c.id, c.outs as VmReplicationOutputs);
    const err = await provider
      .update(c.id, c.outs as VmReplicationOutputs, cloudToCloud(14, { timeoutSeconds: 60 }))
      .catch((e) => e);
    expect(err.message).toMatch(/no longer exists.*pulumi refresh/);
  });
});

describe("VmReplication adoption and lookups", () => {
  it("adopts the existing replication of the source VM and converges its settings", async () => {
    const body = {
      source: { type: "vm", site: "site1", vmId: demoVm(15) },
      destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg2 },
      rpo: 30,
    };
    const task = await client.request<{ id: string; workflowInfo: { resourceId: string } }>({
      method: "POST",
      path: "/vm-replications",
      body,
      operationId: newOperationId("test"),
    });
    await client.waitForTask(task.id, { timeoutMs: 10_000, operationId: newOperationId("test") });
    const existing = task.workflowInfo.resourceId;

    const adopted = await create(cloudToCloud(15, { adopt: true, rpo: 45 }));
    expect(adopted.id).toBe(existing);
    expect(adopted.outs).toMatchObject({ rpo: 45 });
    expect(await listVmReplications({ vmId: demoVm(15), connection })).toHaveLength(1);

    const info = await getVmReplication({ id: existing, connection });
    expect(info).toMatchObject({ replicationId: existing, settings: { rpo: 45 }, destinationDetails: { org: "org2" } });
    const byName = await listVmReplications({ vmName: "demo-vm-15", connection });
    expect(byName.map((r) => r.replicationId)).toEqual([existing]);
    await provider.delete(adopted.id, adopted.outs as VmReplicationOutputs);
  });

  it("refuses to adopt a replication that goes elsewhere", async () => {
    const c = await create(cloudToCloud(16));
    const err = await create({
      ...cloudToCloud(16, { adopt: true }),
      destination: { type: "vcloud", site: "site2", vdc: DEFAULT_IDS.vdcOrg3 },
    }).catch((e) => e);
    expect(err.message).toMatch(/adopt: the existing replication C4-.* does not match .*destination vDC/);
    await provider.delete(c.id, c.outs as VmReplicationOutputs);
  });

  it("creates normally when adopt finds nothing", async () => {
    const c = await create(cloudToCloud(17, { adopt: true }));
    expect(c.id).toMatch(/^C4-/);
    await provider.delete(c.id, c.outs as VmReplicationOutputs);
  });

  it("names the id of a replication the lookup cannot find", async () => {
    const err = await getVmReplication({ id: "C4-missing", connection }).catch((e) => e);
    expect(err.code).toBe("VmReplicationNotFound");
    expect(err.message).toMatch(/C4-missing/);
  });
});

describe("VmReplication reads of a refresh", () => {
  const readAll = (rs: Array<{ id: string; outs?: unknown }>) =>
    Promise.all(rs.map((r) => provider.read(r.id, r.outs as VmReplicationOutputs)));

  it("answers reads that arrive together with one list request, and drops only what a GET confirms gone", async () => {
    const made = [await create(cloudToCloud(18)), await create(cloudToCloud(19)), await create(cloudToCloud(20))];
    // After the initial sync the outputs stay put, so a batched read can be compared with a single one.
    for (const r of made) await waitForInstance(r.id);
    const single = [];
    for (const r of made) single.push(await provider.read(r.id, r.outs as VmReplicationOutputs));
    const gone = await create(cloudToCloud(21));
    await provider.delete(gone.id, gone.outs as VmReplicationOutputs);

    emu.resetCounts();
    const batched = await readAll([...made, gone]);
    expect(batched.slice(0, 3)).toEqual(single);
    expect(batched[3]).toEqual({ id: "" });
    const routes = emu.counts().routes;
    expect(routes["GET /vm-replications"]).toBe(1);
    // The list did not return the deleted one: only its own 404 dropped it.
    expect(routes["GET /vm-replications/{replicationId}"]).toBe(1);
    for (const r of made) await provider.delete(r.id, r.outs as VmReplicationOutputs);
  });

  it("reads one by one from an appliance that ignores the ids filter, with the same results", async () => {
    // A loopback proxy in front of the emulator that drops `ids` from list queries.
    const proxy = createServer((req, res) => {
      const url = new URL(req.url ?? "/", emu.url);
      if (url.pathname.endsWith("/vm-replications")) url.searchParams.delete("ids");
      const fwd = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(fwd);
    });
    await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", ok));
    try {
      const viaProxy = { ...connection, endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
      const made = [await create(cloudToCloud(22)), await create(cloudToCloud(23))];
      for (const r of made) await waitForInstance(r.id);
      const expected = await readAll(made);
      const withProxy = made.map((r) => ({ id: r.id, outs: { ...(r.outs as object), connection: viaProxy } }));
      emu.resetCounts();
      const first = await readAll(withProxy);
      const second = await readAll(withProxy);
      for (const got of [first, second]) {
        expect(got.map((r) => r.id)).toEqual(made.map((r) => r.id));
        expect(got.map((r) => r.props?.rpo)).toEqual(expected.map((r) => r.props?.rpo));
      }
      const routes = emu.counts().routes;
      // The first list showed other replications: from then on, single GETs only.
      expect(routes["GET /vm-replications"]).toBe(1);
      expect(routes["GET /vm-replications/{replicationId}"]).toBe(4);
      for (const r of made) await provider.delete(r.id, r.outs as VmReplicationOutputs);
    } finally {
      await new Promise((ok) => proxy.close(ok));
    }
  });
});
