import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStack, type TestStack, userResources } from "../helpers/engine";

const SECRET = "s3cr3t-smoke-token-4711";

describe("the real Pulumi engine runs a dynamic resource", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await createTestStack({
      workDir: join(__dirname, "programs", "smoke"),
      stackName: `smoke-${process.pid}`,
      config: { label: { value: "first" }, token: { value: SECRET, secret: true } },
    });
  });
  afterAll(async () => t?.dispose());

  it("creates it under its own type token and returns its outputs", async () => {
    const up = await t.stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.label?.value).toBe("first");
    expect(up.outputs.revision?.value).toBe(1);
    expect(String(up.outputs.smokeUrn?.value)).toContain("pulumi-nodejs:dynamic/vcda:Smoke::smoke");
  });

  it("keeps the secret input encrypted in the exported state", async () => {
    const text = await t.exportText();
    expect(text).not.toContain(SECRET);
    const [res] = userResources(await t.exportState());
    const token = (res?.inputs as Record<string, Record<string, unknown>> | undefined)?.token ?? {};
    expect(token["4dabf18193072939515e22adb298388d"]).toBe("1b47061264138c4ac30d75fd1eb44270");
    expect(typeof token.ciphertext).toBe("string");
  });

  it("previews no changes when nothing changed", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary.create ?? 0).toBe(0);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.same).toBe(2);
  });

  it("updates in place when an input changes", async () => {
    await t.stack.setConfig("label", { value: "second" });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.update).toBe(1);
    expect(up.summary.resourceChanges?.create ?? 0).toBe(0);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect(up.outputs.label?.value).toBe("second");
    expect(up.outputs.revision?.value).toBe(2);
  });

  it("refreshes without drift", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
  });

  it("destroys everything, leaving an empty stack", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
    expect(userResources(await t.exportState())).toHaveLength(0);
  });
});
