/**
 * The demo stack of `npm start`: a replication policy that lets org2 receive protections, its assignment, and
 * VM and vApp replications of different kinds into and out of the emulated site2 Cloud Service. It imports
 * pulumi-vcda by name, as your own program would, and finds VMs, the vApp and the vDC by name in the emulator's
 * default inventory (emulator/README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const vdcOrg2 = vcda.getVdcOutput({ site: "site2", org: "org2", name: "Virtual DC 2" }).id;
const site1Vm = (name: string) => vcda.getVmOutput({ site: "site1", org: "org1", name }).id;

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
        source: { type: "vcloud", site: "site1", vmId: site1Vm(`demo-vm-0${n}`), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: vdcOrg2, org: "org2" },
        description: `demo-vm-0${n} protected into org2`,
        rpo: 30,
        retentionPolicy: retention,
      },
      afterPolicy,
    ),
);

// The three VMs of the site1 vApp "web-tier", protected into org2 as one.
const webTier = new vcda.VappReplication(
  "web-tier",
  {
    source: {
      type: "vcloud",
      site: "site1",
      vappId: vcda.getVappOutput({ site: "site1", org: "org1", name: "web-tier" }).id,
      org: "org1",
    },
    destination: { type: "vcloud", site: "site2", vdc: vdcOrg2, org: "org2" },
    rpo: 30,
    retentionPolicy: retention,
  },
  afterPolicy,
);

// An on-premises vCenter VM protected into org2.
const onpremVm = vcda.getVcenterVmOutput({ site: "onprem1", name: "onprem-vm-01" });
const onprem = new vcda.VmReplication(
  "onprem-vm-01",
  {
    source: { type: "vcenter", site: "onprem1", vcUuid: onpremVm.vcId, vmId: onpremVm.id },
    destination: { type: "vcloud", site: "site2", vdc: vdcOrg2, org: "org2" },
    rpo: 60,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 120 }] },
  },
  afterPolicy,
);

// An org2 VM migrated to the on-premises site (migrations keep no instances).
const migration = new vcda.VmReplication(
  "org2-vm-01-migration",
  {
    source: {
      type: "vcloud",
      site: "site2",
      vmId: vcda.getVmOutput({ site: "site2", org: "org2", name: "org2-vm-01" }).id,
      org: "org2",
    },
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
export const replicationIds = { ...each((r) => r.replicationId), "web-tier": webTier.replicationId };
export const health = { ...each((r) => r.overallHealth), "web-tier": webTier.overallHealth };
// Compliance of org2 with the policy, read after the replications exist.
export const policyCompliance = pulumi
  .all([policy.id, ...Object.values(all).map((r) => r.replicationId)])
  .apply(([id]) => vcda.getPolicyStatus({ policyId: id as string }));
