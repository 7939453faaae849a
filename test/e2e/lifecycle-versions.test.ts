/**
 * The lifecycle of every resource kind (up, no-op preview, drift and refresh, update, destroy) under the real engine,
 * once per emulator API-version profile: the same suite, parameterised, so every version a user may run is held to
 * the same behaviour.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultInventory, type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

const VERSIONS = ["4.1", "4.5", "4.6", "4.7"] as const;
const NEWER_FLAGS_SINCE = "4.5";
const SITE1 = { site1: { type: "credentials", username: "root@System", password: "password" } };

interface Policy {
  id: string;
  displayName: string;
  minRpo: number;
  maxInstances: number;
  allowOutgoingOnpremMigrations?: boolean;
}
interface Replication {
  id: string;
  settings: { rpo: number; excludedDiskKeys: number[] };
}

const connectionConfig = (emulator: RunningEmulator) => ({
  "vcda:endpoint": { value: emulator.url },
  "vcda:password": { value: "password", secret: true },
  "vcda:sites": { value: JSON.stringify(SITE1), secret: true },
});

describe.each(VERSIONS)("every resource kind under the real engine, emulator API %s", (apiVersion) => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;
  const name = `lifecycle ${apiVersion}`;

  const policyByName = async () =>
    (await admin.call<Policy[]>("GET", "/policies")).body.find((p) => p.displayName === name);
  const replications = async () => (await admin.call<{ items: Replication[] }>("GET", "/vm-replications")).body.items;
  /** An out-of-band policy change, the way the UI does it: every field it shows, with `over` changed. */
  const changePolicy = async (id: string, over: Record<string, unknown>) => {
    const put = await admin.updatePolicy(id, over);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  };
  const outputsOf = async (suffix: string) =>
    userResources(await t.exportState()).find((r) => String(r.urn).endsWith(suffix))?.outputs as
      | Record<string, unknown>
      | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      inMemory: true,
      taskDurationMs: 50,
      apiVersion,
      inventory: { ...defaultInventory(), exampleReplication: false },
    });
    admin = new VcdaAdmin({ url: emulator.url });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "lifecycle"),
      stackName: `lifecycle-${apiVersion.replace(".", "")}-${process.pid}`,
      config: {
        ...connectionConfig(emulator),
        policyName: { value: name },
        minRpo: { value: "15" },
        rpo: { value: "30" },
        defaultMaxInstances: { value: "12" },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("creates all four kinds with one login and at most one request to learn the version", async () => {
    emulator.resetCounts();
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.create).toBe(5);
    const counts = emulator.counts();
    expect(counts.logins, JSON.stringify(counts.routes)).toBe(1);
    expect(counts.routes["GET /diagnostics/about"] ?? 0).toBeLessThanOrEqual(1);
    const policy = await policyByName();
    expect(policy?.minRpo).toBe(15);
    expect((await admin.call<Policy>("GET", "/policies/default")).body.maxInstances).toBe(12);
    const { body: status } = await admin.call<{ org: string }[]>("GET", `/policies/${policy?.id}/status`);
    expect(status.map((s) => s.org)).toEqual(["org2"]);
    const [rep, ...others] = await replications();
    expect(others).toEqual([]);
    expect(rep?.settings.rpo).toBe(30);
    // The excluded disk arrives under the name this version reads (excludedDisks before 4.5, excludedDiskKeys after).
    expect(rep?.settings.excludedDiskKeys).toEqual([2001]);
  });

  it("previews no change without calling the appliance", async () => {
    emulator.resetCounts();
    const preview = await t.stack.preview();
    expect(preview.changeSummary.same).toBe(5);
    expect(emulator.counts().total).toBe(0);
  });

  it("shows changes made outside the stack on refresh", async () => {
    const policy = await policyByName();
    await changePolicy(String(policy?.id), { minRpo: 25 });
    const [rep] = await replications();
    const patch = await admin.call<{ id: string }>("PATCH", `/vm-replications/${rep?.id}`, { rpo: 50 });
    expect(patch.status).toBe(202);
    await admin.waitTask(patch.body.id);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.update).toBe(2);
    expect((await outputsOf("::tier"))?.minRpo).toBe(25);
    expect((await outputsOf("::web"))?.rpo).toBe(50);
  });

  it("updates in place, leaving a setting it does not manage as set outside the stack", async () => {
    const policy = await policyByName();
    const hasFlag = Number(apiVersion) >= Number(NEWER_FLAGS_SINCE);
    if (hasFlag) await changePolicy(String(policy?.id), { minRpo: 25, allowOutgoingOnpremMigrations: false });
    await t.stack.setAllConfig({ minRpo: { value: "20" }, rpo: { value: "45" } });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(2);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    const after = await policyByName();
    expect(after?.minRpo).toBe(20);
    expect(after?.allowOutgoingOnpremMigrations).toBe(hasFlag ? false : undefined);
    expect((await replications())[0]?.settings.rpo).toBe(45);
  });

  it("destroys everything: no policy, replication or assignment left, and the default policy restored", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(userResources(await t.exportState())).toHaveLength(0);
    expect(await policyByName()).toBeUndefined();
    expect(await replications()).toEqual([]);
    expect((await admin.call<Policy>("GET", "/policies/default")).body.maxInstances).toBe(24);
  });
});

describe("an appliance whose policy status leaves out orgs without replications", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50, statusOmitsIdleOrgs: true });
    admin = new VcdaAdmin({ url: emulator.url });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "policies"),
      stackName: `status-quirk-${process.pid}`,
      config: {
        ...connectionConfig(emulator),
        policyName: { value: "quirk" },
        minRpo: { value: "15" },
        org: { value: "org3" },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("keeps the assignment through refresh and un-assigns it on destroy, so the policy can be deleted", async () => {
    await t.stack.up();
    const policyId = String((await t.stack.outputs()).policyId?.value);
    // The org has no replication: the appliance does not list it, only counts it.
    expect((await admin.call<unknown[]>("GET", `/policies/${policyId}/status`)).body).toEqual([]);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete ?? 0).toBe(0);
    expect(userResources(await t.exportState())).toHaveLength(2);
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect((await admin.call("GET", `/policies/${policyId}`)).status).toBe(404);
    const state = (await admin.call<{ assignments: { org: string }[] }>("GET", "/_emulator/state")).body;
    expect(state.assignments.map((a) => a.org)).not.toContain("org3");
  });
});

describe("an appliance answer without a field the provider needs", () => {
  let emulator: RunningEmulator;
  let proxy: { url: string; close: () => Promise<void> };
  let t: TestStack;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50, apiVersion: "4.7" });
    proxy = await stripping(emulator.url, "POST", "/policies", "id");
    t = await createTestStack({
      workDir: join(__dirname, "programs", "policies"),
      stackName: `no-id-${process.pid}`,
      config: {
        "vcda:endpoint": { value: proxy.url },
        "vcda:password": { value: "password", secret: true },
        policyName: { value: "no id" },
        minRpo: { value: "15" },
        org: { value: "org2" },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await proxy?.close();
    await emulator?.close();
  });

  it("fails naming the endpoint, the missing field and the API version", async () => {
    const err = await t.stack.up().then(
      () => "succeeded",
      (e: Error) => e.message,
    );
    expect(err).toContain("POST /policies");
    expect(err).toContain('the response lacks the field "id", which pulumi-vcda needs');
    expect(err).toContain("API 4.7");
  });
});

/** A loopback proxy to `target` that deletes `field` from the JSON answers of one route. */
async function stripping(target: string, method: string, path: string, field: string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const up = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (r) => {
        const body: Buffer[] = [];
        r.on("data", (c: Buffer) => body.push(c));
        r.on("end", () => {
          let text = Buffer.concat(body).toString("utf8");
          if (req.method === method && req.url === path && text) {
            const json = JSON.parse(text) as Record<string, unknown>;
            delete json[field];
            text = JSON.stringify(json);
          }
          const headers = { ...r.headers, "content-length": String(Buffer.byteLength(text)) };
          res.writeHead(r.statusCode ?? 502, headers);
          res.end(text);
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
