import { join } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, repoRoot, type TestStack, userResources } from "../helpers/engine";

const PACK = join(repoRoot, "policy-packs", "vcda-compliance");

interface Finding {
  policy: string;
  level: string;
  resource: string;
  message: string;
}

describe("the vcda-compliance pack under the real engine", () => {
  let emulator: RunningEmulator;
  let t: TestStack;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 50 });
    t = await createTestStack({
      workDir: join(__dirname, "programs", "pack-violations"),
      stackName: `pack-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:password": { value: "password", secret: true },
      },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it("shows each violation in preview with its level, before anything reaches the appliance", async () => {
    emulator.resetCounts();
    const events: EngineEvent[] = [];
    await expect(t.stack.preview({ policyPacks: [PACK], onEvent: (e) => events.push(e) })).rejects.toThrow();
    const findings: Finding[] = events
      .flatMap((e) => (e.policyEvent ? [e.policyEvent] : []))
      .map((p) => ({
        policy: p.policyName,
        level: p.enforcementLevel,
        resource:
          String(p.resourceUrn ?? "")
            .split("::")
            .pop() ?? "",
        message: p.message,
      }));
    const find = (policy: string, resource: string) =>
      findings.find((f) => f.policy === policy && f.resource === resource);

    expect(find("vcda-rpo-meets-destination-policy", "below-policy")).toMatchObject({ level: "mandatory" });
    expect(find("vcda-rpo-meets-destination-policy", "below-policy")?.message).toMatch(/rpo.*20.*30/s);
    expect(find("vcda-instances-within-policy", "too-many-instances")).toMatchObject({ level: "mandatory" });
    expect(find("vcda-encrypted-traffic", "below-policy")).toMatchObject({ level: "advisory" });
    // Nothing was said about the compliant settings of the other replication.
    expect(find("vcda-encrypted-traffic", "too-many-instances")).toBeUndefined();
    expect(emulator.counts().total).toBe(0);
  });

  it("stops `pulumi up` on the mandatory violations: no request reaches the appliance", async () => {
    emulator.resetCounts();
    const res = await t.cli(["up", "--yes", "--policy-pack", PACK]);
    expect(res.code).not.toBe(0);
    expect(res.stdout + res.stderr).toContain("vcda-instances-within-policy");
    expect(emulator.counts().total).toBe(0);
    expect(userResources(await t.exportState())).toHaveLength(0);
  });
});
