import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Protects on-premises vCenter VMs (paired through the on-premises appliance) into a cloud org vDC.
// The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const onpremSite = config.get("onpremSite") ?? "onprem1";
// vCenter instance UUID (vSphere Client: vCenter > Summary, or `about.instanceUuid`).
const vcUuid = config.get("vcUuid") ?? "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b";
// vCenter managed object ids (MoRefs) of the VMs.
const vms = config.getObject<string[]>("vmMoRefs") ?? ["vm-101", "vm-102", "vm-103", "vm-104"];
const cloudSite = config.get("cloudSite") ?? "site2";
const org = config.get("org") ?? "org2";
const vdc = config.get("vdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda";

const policy = new vcda.Policy("onprem-protection", {
  displayName: config.get("policyName") ?? "On-prem protection",
  minRpo: 15,
  maxInstances: 24,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
  onpremDataCap: 0, // no Mbit/s cap on on-prem → cloud traffic
});
const assignment = new vcda.PolicyAssignment("onprem-protection-org", { policyId: policy.id, org });

// Hourly points for the last 12 hours, plus one a day for a week: 12 + 7 = 19 instances (policy allows 24).
const retentionPolicy = {
  rules: [
    { numberOfInstances: 12, distance: 60 },
    { numberOfInstances: 7, distance: 1440 },
  ],
};

const replications = vms.map(
  (moRef) =>
    new vcda.VmReplication(
      `onprem-${moRef}`,
      {
        source: { type: "vcenter", site: onpremSite, vcUuid, vmId: moRef },
        destination: { type: "vcloud", site: cloudSite, vdc, org },
        rpo: 60,
        retentionPolicy,
        targetDiskType: "THIN",
      },
      { dependsOn: [assignment] },
    ),
);

export const replicationIds = replications.map((r) => r.replicationId);
export const vmNames = replications.map((r) => r.vmName);
