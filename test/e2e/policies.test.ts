import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { policyBody, VcdaAdmin } from "../helpers/vcda-admin";

interface Policy {
  id: string;
  displayName: string;
  minRpo: number;
  orgs: number;
}
interface PolicyStatus {
  org: string;
}

const NAME = "e2e gold";

describe("Policy and PolicyAssignment under the real engine, over HTTPS", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;
  const outputs = async () => t.stack.outputs();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, tls: true, taskDurationMs: 50 });
    admin = new VcdaAdmin({ url: emulator.url, caPem: emulator.caPem });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "policies"),
      stackName: `policies-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:username": { value: "root" },
        "vcda:password": { value: "password", secret: true },
        "vcda:caCert": { value: emulator.caPem ?? "" },
        policyName: { value: NAME },
        minRpo: { value: "15" },
        org: { value: "org2" },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("creates the policy and assigns it to the org", async () => {
    emulator.resetCounts();
    const up = await t.stack.up();
    const counts = emulator.counts();
    expect(up.summary.resourceChanges?.create).toBe(3);
    // One login for the whole run, shared by both resources.
    expect(counts.logins, JSON.stringify(counts)).toBe(1);
    const id = String(up.outputs.policyId?.value);
    const { body: policy } = await admin.call<Policy>("GET", `/policies/${id}`);
    expect(policy.displayName).toBe(NAME);
    expect(policy.minRpo).toBe(15);
    const { body: status } = await admin.call<PolicyStatus[]>("GET", `/policies/${id}/status`);
    expect(status.map((s) => s.org)).toEqual(["org2"]);
  });

  it("stores the provider as a require of the package and no plaintext password", async () => {
    const text = await t.exportText();
    expect(text).toContain('require(\\"pulumi-vcda/dynamic/policy\\")');
    expect(text).toContain('require(\\"pulumi-vcda/dynamic/policy-assignment\\")');
    expect(text).not.toContain("class PolicyProvider");
    expect(text).not.toMatch(/"password"|\\"password\\"/);
  });

  it("previews no changes and makes no API call", async () => {
    emulator.resetCounts();
    const preview = await t.stack.preview();
    expect(preview.changeSummary.same).toBe(3);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(emulator.counts().total).toBe(0);
  });

  it("updates minRpo in place", async () => {
    await t.stack.setConfig("minRpo", { value: "30" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    const { body } = await admin.call<Policy>("GET", `/policies/${(await outputs()).policyId?.value}`);
    expect(body.minRpo).toBe(30);
  });

  it("replaces the assignment when the org changes, leaving the old org on the default policy", async () => {
    await t.stack.setConfig("org", { value: "org3" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.replace).toBe(1);
    const id = String((await outputs()).policyId?.value);
    const { body: status } = await admin.call<PolicyStatus[]>("GET", `/policies/${id}/status`);
    expect(status.map((s) => s.org)).toEqual(["org3"]);
    const { body: defaults } = await admin.call<PolicyStatus[]>("GET", "/policies/default/status");
    expect(defaults.map((s) => s.org)).toContain("org2");
  });

  it("shows a policy changed outside the stack as drift on refresh", async () => {
    const id = String((await outputs()).policyId?.value);
    const { body: current } = await admin.call<Record<string, unknown>>("GET", `/policies/${id}`);
    const { id: _id, orgs: _orgs, ...writable } = current;
    const put = await admin.call("PUT", `/policies/${id}`, { ...writable, minRpo: 60 });
    expect(put.status).toBe(200);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const policyState = userResources(await t.exportState()).find((r) => String(r.type).endsWith(":Policy"));
    expect((policyState?.outputs as Record<string, unknown> | undefined)?.minRpo).toBe(60);
    // The program still says 30: the next preview wants to put it back.
    const preview = await t.stack.preview();
    expect(preview.changeSummary.update).toBe(1);
    await t.stack.up();
  });

  it("shows an org reassigned outside the stack as drift on refresh", async () => {
    const patch = await admin.call("PATCH", "/policies/default/orgs/org3");
    expect(patch.status).toBe(202);
    const refresh = await t.stack.refresh();
    expect(
      (refresh.summary.resourceChanges?.update ?? 0) + (refresh.summary.resourceChanges?.delete ?? 0),
    ).toBeGreaterThan(0);
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    const id = String((await outputs()).policyId?.value);
    const { body: status } = await admin.call<PolicyStatus[]>("GET", `/policies/${id}/status`);
    expect(status.map((s) => s.org)).toEqual(["org3"]);
  });

  it("reports a server-side rejection readably", async () => {
    const clash = await admin.call<Policy>(
      "POST",
      "/policies",
      policyBody("taken by someone else", {
        maxIncoming: 0,
        allowIncomingProtections: false,
        allowOutgoingProtections: false,
      }),
    );
    expect(clash.status).toBe(201);
    await t.stack.setConfig("policyName", { value: "taken by someone else" });
    await expect(t.stack.up()).rejects.toThrow(/DuplicatePolicyName|already/i);
    await t.stack.setConfig("policyName", { value: NAME });
  });

  it("destroys everything: the policy is gone and the org is back on the default policy", async () => {
    const id = String((await outputs()).policyId?.value);
    const destroy = await t.stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(userResources(await t.exportState())).toHaveLength(0);
    expect((await admin.call("GET", `/policies/${id}`)).status).toBe(404);
    const { body: defaults } = await admin.call<PolicyStatus[]>("GET", "/policies/default/status");
    expect(defaults.map((s) => s.org)).toEqual(expect.arrayContaining(["org2", "org3"]));
  });
});
