import * as pulumi from "@pulumi/pulumi";
import * as dynamic from "pulumi-vcda";
// The generated TypeScript SDK of the plugin.
import * as vcda from "../../../../sdk/nodejs";

const config = new pulumi.Config();
// `dynamic`: the package's dynamic resources; `plugin`: the same objects through the plugin's resources. The plugin's
// resources carry an alias of the dynamic resource's type, which moves the stack in one `pulumi up`; or, after
// `pulumi state delete` of the dynamic resources, the `import` option (ids from config `importIds`) takes them over.
const front = config.require("front");
const importIds = config.getObject<Record<string, string>>("importIds") ?? {};
const moved = (name: string, type: string): pulumi.CustomResourceOptions => ({
  aliases: [{ type: `pulumi-nodejs:dynamic/vcda:${type}` }],
  ...(importIds[name] ? { import: importIds[name] } : {}),
});

const policy = { displayName: config.require("policyName"), maxIncoming: -1, allowIncomingProtections: true };
const replication = {
  source: { type: "vcloud", site: "site1", vmId: "5e1a0000-0000-4000-8000-000000000004", org: "org1" },
  destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda", org: "org2" },
  description: "moved to the plugin",
  rpo: 30,
};

let ids: Record<string, pulumi.Output<string>>;
if (front === "dynamic") {
  const gold = new dynamic.Policy("gold", policy);
  const assignment = new dynamic.PolicyAssignment("gold-org2", { policyId: gold.id, org: "org2" });
  const cloud = new dynamic.VmReplication("cloud", replication as dynamic.VmReplicationResourceArgs, {
    dependsOn: [assignment],
  });
  ids = { gold: gold.id, assignment: assignment.id, cloud: cloud.id };
} else {
  const gold = new vcda.Policy("gold", policy, moved("gold", "Policy"));
  const assignment = new vcda.PolicyAssignment(
    "gold-org2",
    { policyId: gold.id, org: "org2" },
    moved("gold-org2", "PolicyAssignment"),
  );
  const cloud = new vcda.VmReplication("cloud", replication, {
    dependsOn: [assignment],
    ...moved("cloud", "VmReplication"),
  });
  ids = { gold: gold.id, assignment: assignment.id, cloud: cloud.id };
}
export const { gold: policyId, assignment: assignmentId, cloud: replicationId } = ids;
