import * as vcda from "pulumi-vcda";

// A stack that breaks the compliance pack's rules: every replication here is refused before any API call.
const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const site1Vm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const policy = new vcda.Policy("strict", {
  displayName: "e2e strict",
  minRpo: 30,
  maxInstances: 12,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("strict-org2", { policyId: policy.id, org: "org2" });

const destination = { type: "vcloud" as const, site: "site2", vdc: VDC_ORG2, org: "org2" };
const source = (n: number) => ({ type: "vcloud" as const, site: "site1", vmId: site1Vm(n), org: "org1" });

// rpo 20 is within the product range but below the destination policy's minRpo 30 (stack policy).
new vcda.VmReplication(
  "below-policy",
  { source: source(5), destination, rpo: 20, quiesced: false, dataConnectionType: "PLAIN" },
  { dependsOn: [assignment] },
);

// 16 + 4 instances exceed the policy's maxInstances 12.
new vcda.VmReplication(
  "too-many-instances",
  {
    source: source(6),
    destination,
    rpo: 60,
    retentionPolicy: {
      rules: [
        { numberOfInstances: 16, distance: 60 },
        { numberOfInstances: 4, distance: 1440 },
      ],
    },
  },
  { dependsOn: [assignment] },
);
