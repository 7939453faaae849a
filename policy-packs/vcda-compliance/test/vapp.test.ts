/**
 * Every replication rule also checks a VappReplication: one VM replication per VM of the vApp, all with the
 * vApp's settings. One passing vApp per rule, then one broken field per test. Capacity counting is in
 * capacity.test.ts.
 */
import { describe, it } from "vitest";
import { replicationPermissions } from "../policies/capacity";
import { encryptedTraffic } from "../policies/encryption";
import { quiesceMinRpo } from "../policies/quiesce";
import { instancesWithinPolicy, retentionRules } from "../policies/retention";
import { rpoInRange, rpoMeetsDestinationPolicy } from "../policies/rpo";
import { stack, vappReplication } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, UNKNOWN } from "./util";

const vapp = 'VappReplication "crm"';

describe("resource rules on a VappReplication", () => {
  it.each([rpoInRange(), retentionRules(), quiesceMinRpo(), encryptedTraffic()])(
    "$name passes the happy-path vApp",
    async (policy) => {
      await expectNoViolations(policy, vappReplication());
    },
  );

  it("vcda-rpo-in-range rejects an RPO of 0", async () => {
    await expectViolation(rpoInRange(), vappReplication({ rpo: 0 }), [vapp, "rpo is 0 minutes", "allowed: 1..1440"]);
  });

  it("vcda-rpo-in-range says an unknown RPO could not be checked", async () => {
    await expectNotChecked(rpoInRange(), vappReplication({ rpo: UNKNOWN.number }), [vapp, "rpo is unknown"]);
  });

  it("vcda-retention-rules rejects a distance below the RPO", async () => {
    const retentionPolicy = { rules: [{ numberOfInstances: 2, distance: 30 }] };
    await expectViolation(retentionRules(), vappReplication({ rpo: 60, retentionPolicy }), [
      vapp,
      "rules[0].distance is 30 minutes",
      "at least the rpo (60 minutes)",
    ]);
  });

  it("vcda-quiesce-min-rpo rejects quiescing (the default) with a 5 minute RPO", async () => {
    await expectViolation(quiesceMinRpo(), vappReplication({ rpo: 5, quiesced: undefined }), [
      vapp,
      "quiesced (default true) with rpo 5 minutes",
    ]);
  });

  it("vcda-encrypted-traffic rejects PLAIN", async () => {
    await expectViolation(encryptedTraffic(), vappReplication({ dataConnectionType: "PLAIN" }), [
      vapp,
      'dataConnectionType is "PLAIN"',
    ]);
  });
});

describe("stack rules on a VappReplication", () => {
  it.each([rpoMeetsDestinationPolicy(), instancesWithinPolicy(), replicationPermissions()])(
    "$name passes the happy-path vApp",
    async (policy) => {
      await expectNoViolations(policy, stack([vappReplication({ vmCount: 3 })], {}, UNKNOWN.string));
    },
  );

  it("vcda-rpo-meets-destination-policy rejects an RPO below the destination policy's minRpo", async () => {
    await expectViolation(rpoMeetsDestinationPolicy(), stack([vappReplication({ rpo: 10 })], {}, UNKNOWN.string), [
      vapp,
      "rpo is 10 minutes",
      'destination org "org2"',
      "rpo >= 15 (minRpo)",
    ]);
  });

  it("vcda-instances-within-policy applies maxInstances per VM, not to the vApp's sum", async () => {
    // 12 instances for each of 5 VMs: within maxInstances 12, because the limit applies to each VM replication.
    const rep = vappReplication({ vmCount: 5 });
    await expectNoViolations(instancesWithinPolicy(), stack([rep], { maxInstances: 12 }, UNKNOWN.string));
    await expectViolation(instancesWithinPolicy(), stack([rep], { maxInstances: 10 }, UNKNOWN.string), [
      vapp,
      "keep 12 instances",
      "at most 10 (maxInstances)",
    ]);
  });

  it("vcda-replication-permissions rejects a vApp protection into an org that disallows incoming protections", async () => {
    await expectViolation(
      replicationPermissions(),
      stack([vappReplication()], { allowIncomingProtections: false }, UNKNOWN.string),
      [vapp, 'destination org "org2"', "allowIncomingProtections: false"],
    );
  });

  it("vcda-replication-permissions checks the source org of the vApp", async () => {
    await expectViolation(
      replicationPermissions(),
      stack([vappReplication({ isMigration: true })], { allowOutgoingMigrations: false }, UNKNOWN.string),
      [vapp, 'source org "org1"', "allowOutgoingMigrations: false"],
    );
    const noOrg = vappReplication({ source: { type: "vcloud", site: "site1", vappId: "vapp-crm" } });
    await expectNotChecked(replicationPermissions(), stack([noOrg], {}, UNKNOWN.string), [
      vapp,
      "source.org is not set",
    ]);
  });

  it("vcda-replication-permissions requires an SLA profile for a vApp when custom settings are not allowed", async () => {
    await expectViolation(
      replicationPermissions(),
      stack([vappReplication()], { allowCustomSlaSettings: false }, UNKNOWN.string),
      [vapp, "slaProfileId is <not set>", "allowCustomSlaSettings: false"],
    );
  });
});
