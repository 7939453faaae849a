import { describe, it } from "vitest";
import { rpoInRange, rpoMeetsDestinationPolicy } from "../policies/rpo";
import { replication, stack } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, UNKNOWN } from "./util";

describe("vcda-rpo-in-range", () => {
  const policy = rpoInRange();

  it("passes a 30 minute RPO", async () => {
    await expectNoViolations(policy, replication());
  });

  it("rejects an RPO of 0 and names resource, field, value and range", async () => {
    await expectViolation(policy, replication({ rpo: 0 }), [
      'VmReplication "web-01"',
      "rpo is 0 minutes",
      "allowed: 1..1440 minutes",
    ]);
  });

  it("rejects an RPO above 1440 minutes", async () => {
    await expectViolation(policy, replication({ rpo: 1441 }), "rpo is 1441");
  });

  it("uses configured thresholds", async () => {
    await expectViolation(policy, replication({ rpo: 4 }), "allowed: 5..60", { config: { minRpo: 5, maxRpo: 60 } });
    await expectNoViolations(policy, replication({ rpo: 4 }), { config: { minRpo: 1 } });
  });

  it("says the RPO could not be checked when it is unknown during preview", async () => {
    await expectNotChecked(policy, replication({ rpo: UNKNOWN.number }), "rpo is unknown during preview");
  });

  it("reports an unknown RPO at the policy's level when unknownLevel is mandatory", async () => {
    await expectNotChecked(policy, replication({ rpo: UNKNOWN.number }), "rpo", {
      config: { unknownLevel: "mandatory" },
      expectedLevel: "mandatory",
    });
  });

  it("ignores an omitted RPO (it comes from the SLA profile)", async () => {
    await expectNoViolations(policy, replication({ rpo: undefined, slaProfileId: "gold" }));
  });

  it("ignores other resource types", async () => {
    await expectNoViolations(policy, { type: "pulumi-nodejs:dynamic/vcda:Policy", name: "p", props: { rpo: 0 } });
  });
});

describe("vcda-rpo-meets-destination-policy", () => {
  const policy = rpoMeetsDestinationPolicy();

  it("passes when rpo >= minRpo of the policy found through propertyDependencies (policyId unknown)", async () => {
    await expectNoViolations(policy, stack([replication()], {}, UNKNOWN.string));
  });

  it("rejects an RPO below the destination policy's minRpo", async () => {
    await expectViolation(policy, stack([replication({ rpo: 10 })], {}, UNKNOWN.string), [
      'VmReplication "web-01"',
      "rpo is 10 minutes",
      'destination org "org2"',
      'Policy "gold"',
      "rpo >= 15 (minRpo)",
    ]);
  });

  it("matches a known policyId against the Policy's id output", async () => {
    const resources = stack([replication({ rpo: 10 })], { id: "p-123" }, "p-123").map((r) => ({
      ...r,
      dependsOn: [],
      propertyDependencies: {},
    }));
    await expectViolation(policy, resources, "rpo >= 15");
  });

  it("uses the DefaultPolicy resource for policyId 'default'", async () => {
    const resources = [
      {
        type: "pulumi-nodejs:dynamic/vcda:DefaultPolicy",
        name: "default-policy",
        props: { displayName: "Default Policy", minRpo: 60 },
      },
      { type: "pulumi-nodejs:dynamic/vcda:PolicyAssignment", name: "a", props: { policyId: "default", org: "org2" } },
      replication(),
    ];
    await expectViolation(policy, resources, ["rpo is 30", "DefaultPolicy", "rpo >= 60"]);
  });

  it("uses pack config orgPolicies for orgs assigned elsewhere", async () => {
    await expectViolation(policy, [replication({ rpo: 20 })], ['pack config orgPolicies["org2"]', "rpo >= 30"], {
      config: { orgPolicies: { org2: { minRpo: 30 } } },
    });
  });

  it("says it could not check when destination.org is absent (advisory)", async () => {
    const rep = replication({ destination: { type: "vcloud", site: "site2", vdc: "vdc-2" } });
    await expectNotChecked(policy, stack([rep], {}, UNKNOWN.string), "destination.org is not set");
  });

  it("says it could not check when the destination org has no known policy", async () => {
    await expectNotChecked(policy, [replication()], ['no policy is known for org "org2"', "orgPolicies"]);
  });

  it("says it could not check when minRpo is unknown during preview", async () => {
    await expectNotChecked(
      policy,
      stack([replication()], { minRpo: UNKNOWN.number }, UNKNOWN.string),
      "unknown during preview",
    );
  });

  it("says it could not check when the replication's rpo is unknown", async () => {
    await expectNotChecked(
      policy,
      stack([replication({ rpo: UNKNOWN.number })], {}, UNKNOWN.string),
      "rpo <unknown during preview>",
    );
  });

  it("skips on-prem destinations, which have no org policy", async () => {
    const rep = replication({ destination: { type: "vcenter", site: "onprem1" }, rpo: 5 });
    await expectNoViolations(policy, stack([rep], {}, UNKNOWN.string));
  });

  it("reports an org with two assignments as ambiguous", async () => {
    const resources = [
      ...stack([replication()], {}, UNKNOWN.string),
      {
        type: "pulumi-nodejs:dynamic/vcda:PolicyAssignment",
        name: "again",
        props: { policyId: "default", org: "org2" },
      },
    ];
    await expectNotChecked(policy, resources, "2 PolicyAssignments");
  });
});
