import { describe, it } from "vitest";
import { instancesWithinPolicy, retentionRules } from "../policies/retention";
import { replication, stack } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, UNKNOWN } from "./util";

const rules = (...pairs: [number, number][]) => ({
  rules: pairs.map(([numberOfInstances, distance]) => ({ numberOfInstances, distance })),
});

describe("vcda-retention-rules", () => {
  const policy = retentionRules();

  it("passes two valid rules", async () => {
    await expectNoViolations(policy, replication());
  });

  it("rejects more than 5 rules", async () => {
    const six = rules([1, 60], [1, 120], [1, 180], [1, 240], [1, 300], [1, 360]);
    await expectViolation(policy, replication({ retentionPolicy: six }), [
      "retentionPolicy.rules has 6 rules",
      "at most 5",
    ]);
  });

  it("rejects a zero numberOfInstances", async () => {
    await expectViolation(policy, replication({ retentionPolicy: rules([0, 60]) }), [
      "rules[0].numberOfInstances is 0",
      "positive whole number",
    ]);
  });

  it("rejects a distance below the RPO", async () => {
    await expectViolation(policy, replication({ rpo: 60, retentionPolicy: rules([2, 30]) }), [
      "rules[0].distance is 30 minutes",
      "at least the rpo (60 minutes)",
    ]);
  });

  it("uses the configured rule count", async () => {
    await expectViolation(policy, replication(), "at most 1", { config: { maxRules: 1 } });
  });

  it("says the rules could not be checked when the list is unknown", async () => {
    await expectNotChecked(
      policy,
      replication({ retentionPolicy: { rules: UNKNOWN.array } }),
      "retentionPolicy.rules is unknown",
    );
  });

  it("checks the known rules when one field is unknown", async () => {
    const rp = {
      rules: [
        { numberOfInstances: UNKNOWN.number, distance: 60 },
        { numberOfInstances: -1, distance: 60 },
      ],
    };
    await expectNotChecked(policy, replication({ retentionPolicy: rp }), "rules[0].numberOfInstances is unknown");
    await expectViolation(policy, replication({ retentionPolicy: rp }), "rules[1].numberOfInstances is -1");
  });

  it("says distance vs rpo could not be checked when rpo is unknown", async () => {
    await expectNotChecked(policy, replication({ rpo: UNKNOWN.number }), "rpo, which is unknown");
  });
});

describe("vcda-instances-within-policy", () => {
  const policy = instancesWithinPolicy();

  it("passes 12 instances under a policy allowing 24", async () => {
    await expectNoViolations(policy, stack([replication()], {}, UNKNOWN.string));
  });

  it("rejects more instances than the destination policy's maxInstances", async () => {
    await expectViolation(policy, stack([replication()], { maxInstances: 10 }, UNKNOWN.string), [
      "keep 12 instances",
      'destination org "org2"',
      "at most 10 (maxInstances)",
    ]);
  });

  it("rejects more than the product cap of 24 even without an org", async () => {
    const rep = replication({
      destination: { type: "vcloud", site: "site2", vdc: "v" },
      retentionPolicy: rules([20, 60], [5, 1440]),
    });
    await expectViolation(policy, [rep], ["keep 25 instances", "at most 24 (product cap)"]);
  });

  it("says it could not check the policy limit when destination.org is absent", async () => {
    const rep = replication({ destination: { type: "vcloud", site: "site2", vdc: "v" } });
    await expectNotChecked(policy, [rep], "destination.org is not set");
  });

  it("says it could not check when numberOfInstances is unknown", async () => {
    const rep = replication({ retentionPolicy: { rules: [{ numberOfInstances: UNKNOWN.number, distance: 60 }] } });
    await expectNotChecked(policy, stack([rep], {}, UNKNOWN.string), "retentionPolicy.rules is unknown");
  });

  it("uses orgPolicies config", async () => {
    await expectViolation(policy, [replication()], "at most 4 (maxInstances)", {
      config: { orgPolicies: { org2: { maxInstances: 4 } } },
    });
  });
});
