import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// The connection (vcda:endpoint, vcda:password, vcda:caCert, vcda:sites) is stack config read by the resources.
// The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const destinationOrg = config.get("destinationOrg") ?? "org2";
const destinationVdc = config.get("destinationVdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda";
const destinationSite = config.get("destinationSite") ?? "site2";
const sourceSite = config.get("sourceSite") ?? "site1";
const sourceVmId = config.get("sourceVmId") ?? "5e1a0000-0000-4000-8000-000000000001";

// The built-in default policy allows no protections (maxIncoming 0), so the destination org gets its own policy.
const policy = new vcda.Policy("protection", {
  displayName: config.get("policyName") ?? "Quickstart protection",
  minRpo: 15,
  maxInstances: 24,
  maxIncoming: -1, // unlimited
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});

const assignment = new vcda.PolicyAssignment("protection-org", { policyId: policy.id, org: destinationOrg });

// The appliance checks the destination org's policy when the replication is created: create it after the assignment.
const replication = new vcda.VmReplication(
  "web-01",
  {
    source: { type: "vcloud", site: sourceSite, vmId: sourceVmId },
    destination: { type: "vcloud", site: destinationSite, vdc: destinationVdc, org: destinationOrg },
    description: "Quickstart: cloud to cloud protection",
    rpo: 30,
    retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
  },
  { dependsOn: [assignment] },
);

export const replicationId = replication.replicationId;
export const health = replication.overallHealth;
export const policyId = policy.id;
// Compliance of the orgs on the policy (GET /policies/{id}/status), read once the assignment and replication exist.
export const compliance = pulumi
  .all([policy.id, assignment.org, replication.replicationId])
  .apply(([id]) => vcda.getPolicyStatus({ policyId: id }));
