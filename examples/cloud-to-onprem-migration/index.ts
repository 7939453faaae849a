import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Prepares the migration of cloud VMs back to an on-premises vCenter: the VMs replicate to the on-prem site and
// keep running in the cloud until someone runs the migrate action (outside Pulumi, see README).
// The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const cloudSite = config.get("cloudSite") ?? "site2";
const org = config.get("org") ?? "org3";
const onpremSite = config.get("onpremSite") ?? "onprem1";
const vmIds = config.getObject<string[]>("vmIds") ?? [
  "5e3a0000-0000-4000-8000-000000000001",
  "5e3a0000-0000-4000-8000-000000000002",
];

// Outgoing migrations are checked against the source org's policy; this one allows migrations only.
const policy = new vcda.Policy("migrate-out", {
  displayName: config.get("policyName") ?? "Migrate to on-prem",
  allowOutgoingMigrations: true,
  allowIncomingMigrations: false,
  allowOutgoingProtections: false,
  allowIncomingProtections: false,
  maxIncoming: 0,
});
const assignment = new vcda.PolicyAssignment("migrate-out-org", { policyId: policy.id, org });

const migrations = vmIds.map(
  (vmId, i) =>
    new vcda.VmReplication(
      `migrate-${i + 1}`,
      {
        source: { type: "vcloud", site: cloudSite, vmId, org },
        // On-prem destinations name only the site: the paired vCenter's placement is chosen on the on-prem appliance.
        destination: { type: "vcenter", site: onpremSite },
        isMigration: true,
        // A migration keeps one instance; a long RPO keeps the sync traffic low until the cut-over.
        rpo: 240,
        retentionPolicy: { rules: [{ numberOfInstances: 1, distance: 240 }] },
      },
      { dependsOn: [assignment] },
    ),
);

export const migrationIds = migrations.map((m) => m.replicationId);
// `COMPLETE` once a migration was run (after `pulumi refresh`).
export const recoveryStates = migrations.map((m) => m.recoveryState);
