import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// The program a pull request changes; the workflow in .github/workflows/preview.yml previews it with the
// vcda-compliance policy pack and posts the findings. The ids default to the local emulator's inventory.
const config = new pulumi.Config();
const org = config.get("org") ?? "org2";
const vdc = config.get("vdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda";
const sourceSite = config.get("sourceSite") ?? "site1";
// Naming the source org lets the policy pack check its outgoing permissions too.
const sourceOrg = config.get("sourceOrg") ?? "org1";
const destinationSite = config.get("destinationSite") ?? "site2";

const policy = new vcda.Policy("pr-protection", {
  displayName: config.get("policyName") ?? "PR preview protection",
  minRpo: 15,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("pr-protection-org", { policyId: policy.id, org });

const db = new vcda.VmReplication(
  "db-01",
  {
    source: {
      type: "vcloud",
      site: sourceSite,
      org: sourceOrg,
      vmId: config.get("dbVmId") ?? "5e1a0000-0000-4000-8000-000000000023",
    },
    destination: { type: "vcloud", site: destinationSite, vdc, org },
    rpo: 15,
    retentionPolicy: { rules: [{ numberOfInstances: 8, distance: 60 }] },
  },
  { dependsOn: [assignment] },
);

// Deliberate advisory finding: replication traffic unencrypted (vcda-encrypted-traffic). Remove the line, or use
// ENCRYPTED_COMPRESSED, to clear it.
const web = new vcda.VmReplication(
  "web-01",
  {
    source: {
      type: "vcloud",
      site: sourceSite,
      org: sourceOrg,
      vmId: config.get("webVmId") ?? "5e1a0000-0000-4000-8000-000000000024",
    },
    destination: { type: "vcloud", site: destinationSite, vdc, org },
    rpo: 60,
    dataConnectionType: "PLAIN",
  },
  { dependsOn: [assignment] },
);

export const replicationIds = [db.replicationId, web.replicationId];
