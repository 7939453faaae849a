// A three-VM vApp protected from site1 into org2, everything found by name: the vApp, its VMs, the vDC, the SLA
// profile given to org2.
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const config = new pulumi.Config();

const vapp = vcda.getVappOutput({ site: "site1", org: "org1", name: "web-tier" });
const web02 = vcda.getVmOutput({ site: "site1", org: "org1", vappId: vapp.id, name: "web-02" });
const vdc = vcda.getVdcOutput({ site: "site2", org: "org2", name: "Virtual DC 2" });
const gold = vcda.getSlaProfileOutput({ name: "Gold" });

const policy = new vcda.Policy("vapps", {
  displayName: "e2e vapps",
  minRpo: 15,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("vapps-org2", { policyId: policy.id, org: "org2" });
const sla = new vcda.SlaProfileAssignment("gold-org2", { org: "org2", slaProfileId: gold.id });

const replication = new vcda.VappReplication(
  "web-tier",
  {
    source: { type: "vcloud", site: "site1", vappId: vapp.id, org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: vdc.id, org: "org2" },
    rpo: config.getNumber("rpo") ?? 30,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
    paused: config.getBoolean("paused") ?? false,
    excludedDisks: web02.id.apply((id) => ({ [id]: config.getObject<number[]>("web02ExcludedDisks") ?? [] })),
  },
  { dependsOn: [assignment] },
);

export const vappId = vapp.id;
export const vdcId = vdc.id;
export const goldId = gold.id;
export const slaAssignment = sla.id;
export const replicationId = replication.replicationId;
export const vmCount = replication.vmCount;
export const vmNames = replication.vmReplications.apply((vms) => vms.map((v) => v.vmName));
// The settings VCDA applies to every VM come from the lookup (the resource keeps what users monitor).
export const rpo = vcda.getVappReplicationOutput({ id: replication.replicationId }).settings.rpo;
export const recoveryState = replication.recoveryState;
