import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Ids of the emulator's default inventory (emulator/README.md).
const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const _VDC_ORG3 = "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03";
const VCENTER_ONPREM1 = "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b";
const site1Vm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const org2Vm = (n: number) => `5e2a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const config = new pulumi.Config();

const policy = new vcda.Policy("protect", {
  displayName: config.get("policyName") ?? "e2e protection",
  minRpo: 15,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignments = ["org2", "org3"].map(
  (org) => new vcda.PolicyAssignment(`policy-${org}`, { policyId: policy.id, org }),
);
const after = { dependsOn: assignments };

const cloud = new vcda.VmReplication(
  "cloud-to-cloud",
  {
    source: { type: "vcloud", site: "site1", vmId: site1Vm(1), org: "org1" },
    destination: {
      type: "vcloud",
      site: "site2",
      vdc: config.get("cloudVdc") ?? VDC_ORG2,
      org: config.get("cloudOrg") ?? "org2",
    },
    description: "e2e cloud to cloud",
    rpo: config.getNumber("rpo") ?? 30,
    retentionPolicy: { rules: [{ numberOfInstances: config.getNumber("instances") ?? 4, distance: 60 }] },
    paused: config.getBoolean("paused") ?? false,
    excludedDisks: config.getObject<number[]>("excludedDisks") ?? [],
  },
  after,
);

const onprem = new vcda.VmReplication(
  "onprem-to-cloud",
  {
    source: { type: "vcenter", site: "onprem1", vcUuid: VCENTER_ONPREM1, vmId: "vm-101" },
    destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
    rpo: 60,
  },
  after,
);

const toOnprem = new vcda.VmReplication(
  "cloud-to-onprem",
  {
    source: { type: "vcloud", site: "site2", vmId: org2Vm(1), org: "org2" },
    destination: { type: "vcenter", site: "onprem1" },
    isMigration: true,
    rpo: 240,
  },
  after,
);

// A replication the destination's policy rejects (rpo below minRpo), switched on by config.
if (config.getBoolean("addRejected")) {
  new vcda.VmReplication(
    "rejected",
    {
      source: { type: "vcloud", site: "site1", vmId: site1Vm(2), org: "org1" },
      destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
      rpo: 5,
    },
    after,
  );
}

// A replication created paused, switched on by config; the test makes its pause call fail.
if (config.getBoolean("addFlaky")) {
  new vcda.VmReplication(
    "flaky",
    {
      source: { type: "vcloud", site: "site1", vmId: site1Vm(3), org: "org1" },
      destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
      rpo: 30,
      paused: true,
    },
    after,
  );
}

export const ids = { cloud: cloud.replicationId, onprem: onprem.replicationId, toOnprem: toOnprem.replicationId };
export const cloudRpo = cloud.rpo;
export const cloudPaused = cloud.isPaused;
export const cloudExcluded = cloud.excludedDisks;
export const cloudRecoveryState = cloud.recoveryState;
export const health = cloud.overallHealth;
