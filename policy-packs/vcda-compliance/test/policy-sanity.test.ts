import { describe, it } from "vitest";
import { policySanity } from "../policies/policy-sanity";
import { defaultPolicy, policy as gold } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, UNKNOWN } from "./util";

describe("vcda-policy-sanity", () => {
  const policy = policySanity();

  it("passes a sane policy", async () => {
    await expectNoViolations(policy, gold());
  });

  it("rejects minRpo out of range", async () => {
    await expectViolation(policy, gold({ minRpo: 2000 }), [
      'Policy "gold"',
      "minRpo is 2000",
      "allowed: 1..1440 minutes",
    ]);
  });

  it("rejects maxInstances above 24", async () => {
    await expectViolation(policy, gold({ maxInstances: 30 }), ["maxInstances is 30", "0..24"]);
  });

  it("rejects a negative maxPinnedInstances", async () => {
    await expectViolation(policy, gold({ maxPinnedInstances: -1 }), "maxPinnedInstances is -1");
  });

  it("rejects a fractional maxIncoming", async () => {
    await expectViolation(policy, gold({ maxIncoming: 1.5 }), "maxIncoming is 1.5");
  });

  it("flags a maxIncoming that is ignored because no incoming replication is allowed", async () => {
    await expectViolation(
      policy,
      gold({ allowIncomingProtections: false, allowIncomingMigrations: false, maxIncoming: 5 }),
      "it is ignored",
    );
  });

  it("flags maxIncoming 0 while incoming replications are allowed", async () => {
    await expectViolation(policy, defaultPolicy({ maxIncoming: 0 }), [
      'DefaultPolicy "default-policy"',
      "maxIncoming is 0",
    ]);
  });

  it("can turn the consistency check off", async () => {
    await expectNoViolations(policy, gold({ maxIncoming: 0 }), { config: { checkIncomingConsistency: false } });
  });

  it("says it could not check an unknown minRpo", async () => {
    await expectNotChecked(policy, gold({ minRpo: UNKNOWN.number }), "minRpo is unknown");
  });
});
