import { describe, expect, it } from "vitest";
import { getInitialConfig } from "../pack";
import { buildPolicies } from "../policies/index";

describe("pack", () => {
  const policies = buildPolicies();

  it("has every policy with a kebab-case name, description, remediation and config defaults", () => {
    expect(policies.map((p) => p.name)).toEqual([
      "vcda-rpo-in-range",
      "vcda-rpo-meets-destination-policy",
      "vcda-instances-within-policy",
      "vcda-retention-rules",
      "vcda-quiesce-min-rpo",
      "vcda-incoming-capacity",
      "vcda-replication-permissions",
      "vcda-encrypted-traffic",
      "vcda-policy-sanity",
    ]);
    for (const p of policies) {
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description.length).toBeGreaterThan(10);
      expect(p.remediationSteps?.length).toBeGreaterThan(10);
      const props = p.configSchema?.properties ?? {};
      expect(props.enforcementLevel).toBeUndefined(); // reserved by the SDK
      for (const [k, v] of Object.entries(props)) expect(v.default, `${p.name}.${k}`).toBeDefined();
    }
  });

  it("defaults to advisory only for quiescing and encryption", () => {
    const advisory = policies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name);
    expect(advisory).toEqual(["vcda-quiesce-min-rpo", "vcda-encrypted-traffic"]);
  });

  it("maps all, levels and thresholds to initial config", () => {
    expect(
      getInitialConfig({
        all: "advisory",
        rpoInRange: { enforcementLevel: "mandatory", maxRpo: 60 },
        encryptedTraffic: "disabled",
      }),
    ).toEqual({
      all: "advisory",
      "vcda-rpo-in-range": { enforcementLevel: "mandatory", maxRpo: 60 },
      "vcda-encrypted-traffic": { enforcementLevel: "disabled" },
    });
  });

  it("always sends a level with a policy's thresholds (an absent level reaches the engine as advisory)", () => {
    expect(getInitialConfig({ retentionRules: { maxRules: 3 } })).toEqual({
      "vcda-retention-rules": { enforcementLevel: "mandatory", maxRules: 3 },
    });
    expect(getInitialConfig({ all: "disabled", retentionRules: { maxRules: 3 } })["vcda-retention-rules"]).toEqual({
      enforcementLevel: "disabled",
      maxRules: 3,
    });
  });

  it("copies orgPolicies into the org-dependent policies", () => {
    const orgPolicies = { org9: { minRpo: 30 } };
    const config = getInitialConfig({ orgPolicies, incomingCapacity: "advisory" });
    expect(config["vcda-incoming-capacity"]).toEqual({ orgPolicies, enforcementLevel: "advisory" });
    expect(config["vcda-rpo-meets-destination-policy"]).toEqual({ orgPolicies, enforcementLevel: "mandatory" });
    expect(config["vcda-rpo-in-range"]).toBeUndefined();
  });

  it("passes vappVmCounts to vcda-incoming-capacity", () => {
    expect(getInitialConfig({ incomingCapacity: { vappVmCounts: { crm: 5 } } })["vcda-incoming-capacity"]).toEqual({
      enforcementLevel: "mandatory",
      vappVmCounts: { crm: 5 },
    });
  });

  it("rejects an unknown policy key", () => {
    expect(() => getInitialConfig({ nope: "advisory" } as never)).toThrow(/unknown policy "nope"/);
  });
});
