/**
 * A TypeScript program on the generated SDK (sdk/nodejs) with `new vcda.Provider(...)`, through the provider
 * plugin against the emulator: up, a no-op preview, destroy. (The dynamic resources of the `pulumi-vcda` package
 * stay the usual way for TypeScript; this is the plugin's front door for the same code.)
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

describe("a TypeScript program on the generated SDK (real engine)", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  let t: TestStack;
  const policyName = `ts-sdk-${process.pid}`;
  const policy = async () =>
    (await admin.call<{ id: string; displayName: string; maxIncoming: number }[]>("GET", "/policies")).body.find(
      (p) => p.displayName === policyName,
    );

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50 });
    admin = new VcdaAdmin({ url: emulator.url });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "typescript"),
      stackName: `ts-sdk-${process.pid}`,
      config: {
        endpoint: { value: emulator.url },
        password: { value: "password", secret: true },
        policyName: { value: policyName },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("creates the policy through the explicit provider, previews no changes, and destroys it", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.policyId?.value).toBe((await policy())?.id);
    expect((await policy())?.maxIncoming).toBe(-1);
    expect(up.outputs.minRpo?.value).toBe(15);
    const resources = userResources(await t.exportState());
    expect(resources.map((r) => r.type)).toEqual(["vcda:index:Policy"]);
    expect(await t.exportText()).not.toMatch(/"password":\s*"password"/);

    const preview = await t.stack.preview();
    for (const op of ["create", "update", "replace", "delete"] as const) expect(preview.changeSummary[op] ?? 0).toBe(0);

    await t.stack.destroy();
    expect(await policy()).toBeUndefined();
  });
});
