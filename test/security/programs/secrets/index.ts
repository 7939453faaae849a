import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// A policy, its assignment and one replication from the remote site1 (the session is extended there with site
// credentials): every secret the provider handles — the login password, the site password, the session token.
const policy = new vcda.Policy("sec", {
  displayName: "security e2e",
  minRpo: 5,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("sec-org2", { policyId: policy.id, org: "org2" });
const rep = new vcda.VmReplication(
  "sec-rep",
  {
    source: { type: "vcloud", site: "site1", vmId: "0a0b0c0d-0000-4000-9000-000000000001", org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda", org: "org2" },
    rpo: new pulumi.Config().getNumber("rpo") ?? 30,
  },
  { dependsOn: [assignment] },
);
export const replicationId = rep.replicationId;
