/**
 * The demo stack of `npm start`: a replication policy that lets org2 receive protections, its assignment, and
 * VM replications of different kinds into and out of the emulated site2 Cloud Service. It imports pulumi-vcda
 * by name, as your own program would. The ids are the emulator's default inventory (emulator/README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const VCENTER_ONPREM1 = "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b";
const site1Vm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const org2Vm = (n: number) => `5e2a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

// The default policy forbids protections; org2 gets a policy that allows them.
const policy = new vcda.Policy("protection", {
  displayName: "Demo protection",
  minRpo: 15,
  maxInstances: 24,
  maxIncoming: 50,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("org2-protection", { policyId: policy.id, org: "org2" });
const afterPolicy = { dependsOn: [assignment] };

// Two site1 VMs protected into org2 (cloud to cloud), with hourly and daily restore points.
const retention = {
  rules: [
    { numberOfInstances: 4, distance: 60 },
    { numberOfInstances: 7, distance: 1440 },
  ],
};
const cloud = [1, 2].map(
  (n) =>
    new vcda.VmReplication(
      `demo-vm-0${n}`,
      {
        source: { type: "vcloud", site: "site1", vmId: site1Vm(n), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
        description: `demo-vm-0${n} protected into org2`,
        rpo: 30,
        retentionPolicy: retention,
      },
      afterPolicy,
    ),
);

// An on-premises vCenter VM protected into org2.
const onprem = new vcda.VmReplication(
  "onprem-vm-01",
  {
    source: { type: "vcenter", site: "onprem1", vcUuid: VCENTER_ONPREM1, vmId: "vm-101" },
    destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
    rpo: 60,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 120 }] },
  },
  afterPolicy,
);

// An org2 VM migrated to the on-premises site (migrations keep no instances).
const migration = new vcda.VmReplication(
  "org2-vm-01-migration",
  {
    source: { type: "vcloud", site: "site2", vmId: org2Vm(1), org: "org2" },
    destination: { type: "vcenter", site: "onprem1" },
    isMigration: true,
    rpo: 240,
  },
  afterPolicy,
);

const all: Record<string, vcda.VmReplication> = {
  "demo-vm-01": cloud[0]!,
  "demo-vm-02": cloud[1]!,
  "onprem-vm-01": onprem,
  "org2-vm-01-migration": migration,
};
const each = <T>(f: (r: vcda.VmReplication) => pulumi.Output<T>) =>
  Object.fromEntries(Object.entries(all).map(([name, r]) => [name, f(r)]));

export const policyId = policy.id;
export const replicationIds = each((r) => r.replicationId);
export const health = each((r) => r.overallHealth);
// Compliance of org2 with the policy, read after the replications exist.
export const policyCompliance = pulumi
  .all([policy.id, ...Object.values(all).map((r) => r.replicationId)])
  .apply(([id]) => vcda.getPolicyStatus({ policyId: id as string }));
