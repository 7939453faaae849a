import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// The connection (vcda:endpoint, vcda:password, vcda:caCert, vcda:sites) is stack config read by the resources.
// The VM and the vDC are found by name; the defaults are names in the local emulator's inventory.
const config = new pulumi.Config();
const sourceSite = config.get("sourceSite") ?? "site1";
const sourceOrg = config.get("sourceOrg") ?? "org1";
const destinationSite = config.get("destinationSite") ?? "site2";
const destinationOrg = config.get("destinationOrg") ?? "org2";

const vm = vcda.getVmOutput({ site: sourceSite, org: sourceOrg, name: config.get("sourceVm") ?? "demo-vm-01" });
const vdc = vcda.getVdcOutput({
  site: destinationSite,
  org: destinationOrg,
  name: config.get("destinationVdc") ?? "Virtual DC 2",
});

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
    source: { type: "vcloud", site: sourceSite, vmId: vm.id, org: sourceOrg },
    destination: { type: "vcloud", site: destinationSite, vdc: vdc.id, org: destinationOrg },
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
