import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Brings objects made outside Pulumi (VCDA UI, scripts) under this stack. `pulumi import` does not work for
// dynamic resources, so each resource takes them over on create with `adopt: true` (see README).
// The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const org = config.get("org") ?? "org2";
const vdc = config.get("vdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda";
const sourceSite = config.get("sourceSite") ?? "site1";
const sourceVmId = config.get("sourceVmId") ?? "5e1a0000-0000-4000-8000-000000000010";
const destinationSite = config.get("destinationSite") ?? "site2";

// Adopted by displayName: its settings are set to the values below on the first `up`.
const policy = new vcda.Policy("existing-policy", {
  displayName: config.get("policyName") ?? "Existing protection",
  adopt: true,
  minRpo: 15,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});

// Assigning an org the policy it already has changes nothing on the appliance.
const assignment = new vcda.PolicyAssignment("existing-policy-org", { policyId: policy.id, org });

// Adopted by source VM: the existing replication keeps its id and replica disks; settings that differ are changed
// in place. Its destination (site, vDC) and isMigration must match, or the create fails and says what differs.
const replication = new vcda.VmReplication(
  "existing-replication",
  {
    adopt: true,
    source: { type: "vcloud", site: sourceSite, vmId: sourceVmId },
    destination: { type: "vcloud", site: destinationSite, vdc, org },
    rpo: 30,
    retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
  },
  { dependsOn: [assignment] },
);

export const policyId = policy.id;
export const replicationId = replication.replicationId;
export const rpo = vcda.getVmReplicationOutput({ id: replication.replicationId }).settings.rpo;
