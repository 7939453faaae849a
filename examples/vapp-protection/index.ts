import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// The connection (vcda:endpoint, vcda:password, vcda:caCert, vcda:sites) is stack config read by the resources.
// Everything is found by name; the defaults are names in the local emulator's inventory.
const config = new pulumi.Config();
const sourceSite = config.get("sourceSite") ?? "site1";
const sourceOrg = config.get("sourceOrg") ?? "org1";
const destinationSite = config.get("destinationSite") ?? "site2";
const destinationOrg = config.get("destinationOrg") ?? "org2";

const vapp = vcda.getVappOutput({ site: sourceSite, org: sourceOrg, name: config.get("vapp") ?? "web-tier" });
const vdc = vcda.getVdcOutput({
  site: destinationSite,
  org: destinationOrg,
  name: config.get("destinationVdc") ?? "Virtual DC 2",
});
const sla = vcda.getSlaProfileOutput({ name: config.get("slaProfile") ?? "Gold" });

// The destination org: a policy that lets it receive protections, and the SLA profile its replications use.
const policy = new vcda.Policy("vapp-protection", {
  displayName: config.get("policyName") ?? "vApp protection",
  minRpo: 15,
  maxIncoming: -1, // unlimited; VCDA counts each VM of a vApp
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("vapp-protection-org", { policyId: policy.id, org: destinationOrg });
const slaAssignment = new vcda.SlaProfileAssignment("sla-org", { org: destinationOrg, slaProfileId: sla.id });

// One replication per VM of the vApp, failed over together; the SLA profile supplies RPO and retention.
const replication = new vcda.VappReplication(
  "web-tier",
  {
    source: { type: "vcloud", site: sourceSite, vappId: vapp.id, org: sourceOrg },
    destination: { type: "vcloud", site: destinationSite, vdc: vdc.id, org: destinationOrg },
    description: pulumi.interpolate`${vapp.name}, protected as one`,
    slaProfileId: sla.id,
  },
  { dependsOn: [assignment, slaAssignment] },
);

export const replicationId = replication.replicationId;
export const health = replication.overallHealth;
export const vmCount = replication.vmCount;
export const vms = replication.vmReplications.apply((v) => v.map((m) => ({ vm: m.vmName, health: m.overallHealth })));
// The settings the SLA profile gives (a resource keeps what users monitor; the lookup has the rest).
export const rpo = vcda.getVappReplicationOutput({ id: replication.replicationId }).settings.rpo;
