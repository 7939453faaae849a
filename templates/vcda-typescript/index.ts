import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// The connection is stack config: vcda:endpoint and the secret vcda:password (asked by `pulumi new`), and if your
// appliance's certificate is not publicly trusted, vcda:caCert. The ids below default to the emulator's inventory
// (`npx vcda-emulator`); set them for your appliance with `pulumi config set`.
const config = new pulumi.Config();
const org = config.get("org") ?? "org2"; // the cloud org that receives the replicas
const vdc = config.get("vdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda"; // one of its vDCs (UUID)
const cloudSite = config.get("cloudSite") ?? "site2"; // the appliance's own cloud site
const onpremSite = config.get("onpremSite") ?? "onprem1"; // a paired on-premises site
const vcUuid = config.get("vcUuid") ?? "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b"; // its vCenter's instance UUID
const vmMoRefs = config.getObject<string[]>("vmMoRefs") ?? ["vm-111", "vm-112"]; // the VMs to protect

// The built-in default policy allows no protections, so the org gets a policy of its own.
const policy = new vcda.Policy("protection", {
  displayName: config.get("policyName") ?? `${pulumi.getProject()} protection`,
  minRpo: 15,
  maxInstances: 24,
  maxIncoming: -1, // unlimited
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("protection-org", { policyId: policy.id, org });

// The appliance checks the org's policy when a replication is created: create them after the assignment.
const replications = vmMoRefs.map(
  (moRef) =>
    new vcda.VmReplication(
      moRef,
      {
        source: { type: "vcenter", site: onpremSite, vcUuid, vmId: moRef },
        destination: { type: "vcloud", site: cloudSite, vdc, org },
        rpo: 60,
        retentionPolicy: { rules: [{ numberOfInstances: 24, distance: 60 }] },
      },
      { dependsOn: [assignment] },
    ),
);

export const policyId = policy.id;
export const replicationIds = replications.map((r) => r.replicationId);
export const health = replications.map((r) => r.overallHealth);
