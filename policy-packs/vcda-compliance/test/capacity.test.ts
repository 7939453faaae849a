import { describe, expect, it } from "vitest";
import { incomingCapacity, replicationPermissions } from "../policies/capacity";
import { replication, stack, vappReplication } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, run, UNKNOWN } from "./util";

const three = [replication({}, "a"), replication({}, "b"), replication({}, "c")];

describe("vcda-incoming-capacity", () => {
  const policy = incomingCapacity();

  it("passes 3 replications into an org allowing 10", async () => {
    await expectNoViolations(policy, stack(three, {}, UNKNOWN.string));
  });

  it("rejects 3 replications into an org allowing 2, naming each", async () => {
    const ds = await run(policy, stack(three, { maxIncoming: 2 }, UNKNOWN.string));
    expect(ds).toHaveLength(3);
    expect(ds[0]?.message).toContain('org "org2" would receive 3 replications');
    expect(ds[0]?.message).toContain("at most 2 (maxIncoming)");
  });

  it("treats maxIncoming 0 as no destination allowed", async () => {
    await expectViolation(
      policy,
      stack([replication()], { maxIncoming: 0 }, UNKNOWN.string),
      "maxIncoming 0: the org cannot be a destination",
    );
  });

  it("treats a negative maxIncoming as unlimited", async () => {
    await expectNoViolations(policy, stack(three, { maxIncoming: -1 }, UNKNOWN.string));
  });

  it("counts existing replications from orgPolicies", async () => {
    await expectViolation(policy, [replication()], "(1 in this stack + 5 existing)", {
      config: { orgPolicies: { org2: { maxIncoming: 5, existingIncoming: 5 } } },
    });
  });

  it("says it could not check when maxIncoming is unknown", async () => {
    await expectNotChecked(
      policy,
      stack([replication()], { maxIncoming: UNKNOWN.number }, UNKNOWN.string),
      "maxIncoming",
    );
  });

  it("notes replications without destination.org", async () => {
    const rep = replication({ destination: { type: "vcloud", site: "site2", vdc: "v" } });
    await expectNotChecked(policy, stack([rep], {}, UNKNOWN.string), "not counted");
  });
});

describe("vcda-incoming-capacity with vApp replications", () => {
  const policy = incomingCapacity();
  const two = [replication({}, "a"), replication({}, "b")];

  it("counts a created vApp replication as its vmCount", async () => {
    const input = (maxIncoming: number) =>
      stack([...two, vappReplication({ vmCount: 5 })], { maxIncoming }, UNKNOWN.string);
    await expectNoViolations(policy, input(7));
    const ds = await run(policy, input(6));
    expect(ds).toHaveLength(3);
    const d = await expectViolation(policy, input(6), [
      'VappReplication "crm"',
      'org "org2" would receive 7 replications',
      "at most 6 (maxIncoming)",
    ]);
    expect(d.message).toContain('Replications into "org2": "a", "b", "crm" (vApp: 5 VMs from vmCount).');
  });

  it("takes the VM count from vappVmCounts by resource name while vmCount is unknown", async () => {
    const input = stack([...two, vappReplication({ vmCount: UNKNOWN.number })], { maxIncoming: 5 }, UNKNOWN.string);
    await expectNoViolations(policy, input, { config: { vappVmCounts: { crm: 3 } } });
    await expectViolation(
      policy,
      input,
      ["would receive 6 replications", '"crm" (vApp: 4 VMs from pack config vappVmCounts["crm"])'],
      {
        config: { vappVmCounts: { crm: 4 } },
      },
    );
  });

  it("takes the VM count from vappVmCounts by the vApp's id", async () => {
    const input = stack([vappReplication()], { maxIncoming: 2 }, UNKNOWN.string);
    await expectViolation(policy, input, ["would receive 3 replications", 'vappVmCounts["vapp-crm"]'], {
      config: { vappVmCounts: { "vapp-crm": 3 } },
    });
  });

  it("prefers a known vmCount over the config", async () => {
    const input = stack([vappReplication({ vmCount: 2 })], { maxIncoming: 2 }, UNKNOWN.string);
    await expectNoViolations(policy, input, { config: { vappVmCounts: { crm: 9 } } });
  });

  it("counts a vApp of unknown size as 1 and says the capacity could not be checked, naming the config key", async () => {
    const input = stack([...two, vappReplication({ vmCount: UNKNOWN.number })], {}, UNKNOWN.string);
    const ds = await run(policy, input);
    expect(ds).toHaveLength(1);
    const d = await expectNotChecked(policy, input, [
      'VappReplication "crm"',
      "vmCount <unknown during preview>",
      'no entry for "crm" or "vapp-crm"',
      "counted as 1 VM",
      'org "org2" would receive at least 3 replications',
      "at most 10 (maxIncoming)",
      'Set vappVmCounts["crm"]',
    ]);
    expect(d.urn).toContain("VappReplication::crm");
  });

  it("still fails when even counting an unknown vApp as 1 exceeds maxIncoming", async () => {
    const input = stack([...two, vappReplication()], { maxIncoming: 2 }, UNKNOWN.string);
    await expectViolation(policy, input, [
      "would receive 3 replications",
      '"crm" (vApp: VM count not known, counted as 1)',
    ]);
    // A preview has no outputs of a new or changed resource (the engine hands back its inputs): vmCount is absent.
    await expectNotChecked(policy, input, ["vmCount <not set>", "counted as 1 VM"]);
  });

  it("fails the preview on an unknown vApp size when unknownLevel is mandatory", async () => {
    await expectNotChecked(policy, stack([vappReplication()], {}, UNKNOWN.string), "vappVmCounts", {
      config: { unknownLevel: "mandatory" },
      expectedLevel: "mandatory",
    });
  });

  it("needs no VM count when the org's maxIncoming is unlimited", async () => {
    await expectNoViolations(policy, stack([vappReplication()], { maxIncoming: -1 }, UNKNOWN.string));
  });
});

describe("vcda-replication-permissions", () => {
  const policy = replicationPermissions();

  it("passes a protection between orgs that allow protections", async () => {
    await expectNoViolations(policy, stack([replication()], {}, UNKNOWN.string));
  });

  it("rejects a protection into an org whose policy disallows incoming protections", async () => {
    await expectViolation(policy, stack([replication()], { allowIncomingProtections: false }, UNKNOWN.string), [
      "isMigration is false",
      'destination org "org2"',
      "allowIncomingProtections: false",
    ]);
  });

  it("rejects a migration out of an org whose policy disallows outgoing migrations", async () => {
    await expectViolation(
      policy,
      stack([replication({ isMigration: true })], { allowOutgoingMigrations: false }, UNKNOWN.string),
      ['source org "org1"', "allowOutgoingMigrations: false"],
    );
  });

  it.each([
    [false, "allowOutgoingOnpremProtections"],
    [true, "allowOutgoingOnpremMigrations"],
  ])(
    "rejects a replication to on-premises (isMigration %s) out of an org whose policy sets %s: false",
    async (isMigration, flag) => {
      const toOnprem = replication({ isMigration, destination: { type: "vcenter", site: "onprem1" } });
      await expectViolation(policy, stack([toOnprem], { [flag]: false }, UNKNOWN.string), [
        "to an on-premises site",
        'source org "org1"',
        `${flag}: false`,
      ]);
      // The flag gates only on-premises destinations.
      await expectNoViolations(policy, stack([replication({ isMigration })], { [flag]: false }, UNKNOWN.string));
    },
  );

  it("requires an SLA profile and no custom settings when allowCustomSlaSettings is false", async () => {
    const input = stack([replication()], { allowCustomSlaSettings: false }, UNKNOWN.string);
    await expectViolation(policy, input, ["slaProfileId is <not set>", "allowCustomSlaSettings: false"]);
    await expectViolation(policy, input, ["custom settings rpo=30", "retentionPolicy="]);
  });

  it("passes an SLA-profile replication when custom settings are not allowed", async () => {
    const rep = replication({
      rpo: undefined,
      dataConnectionType: undefined,
      quiesced: undefined,
      retentionPolicy: undefined,
      slaProfileId: "gold",
    });
    await expectNoViolations(policy, stack([rep], { allowCustomSlaSettings: false }, UNKNOWN.string));
  });

  it("says it could not check an unknown isMigration", async () => {
    await expectNotChecked(
      policy,
      stack([replication({ isMigration: UNKNOWN.boolean })], {}, UNKNOWN.string),
      "isMigration <unknown during preview>",
    );
  });

  it("notes absent source and destination orgs", async () => {
    const rep = replication({
      source: { type: "vcloud", site: "site1", vmId: "vm" },
      destination: { type: "vcloud", site: "site2", vdc: "v" },
    });
    await expectNotChecked(policy, [rep], "destination.org is not set");
    await expectNotChecked(policy, [rep], "source.org is not set");
  });

  it("uses the built-in default policy flags when the DefaultPolicy resource is in the stack", async () => {
    const resources = [
      {
        type: "pulumi-nodejs:dynamic/vcda:DefaultPolicy",
        name: "dp",
        props: { displayName: "Default Policy", allowIncomingProtections: false, allowOutgoingProtections: false },
      },
      { type: "pulumi-nodejs:dynamic/vcda:PolicyAssignment", name: "a1", props: { policyId: "default", org: "org1" } },
      { type: "pulumi-nodejs:dynamic/vcda:PolicyAssignment", name: "a2", props: { policyId: "default", org: "org2" } },
      replication(),
    ];
    await expectViolation(policy, resources, "allowIncomingProtections: false");
    await expectViolation(policy, resources, "allowOutgoingProtections: false");
  });
});
