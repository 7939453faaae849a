// One of every resource kind, for the lifecycle suite that runs against every emulator API-version profile.
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Ids of the emulator's default inventory (emulator/README.md).
const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const SITE1_VM = "5e1a0000-0000-4000-8000-000000000020";

const config = new pulumi.Config();

const defaults = new vcda.DefaultPolicy("defaults", { maxInstances: config.requireNumber("defaultMaxInstances") });

const policy = new vcda.Policy("tier", {
  displayName: config.require("policyName"),
  minRpo: config.requireNumber("minRpo"),
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});

const assignment = new vcda.PolicyAssignment("tier-org2", { policyId: policy.id, org: "org2" });

const replication = new vcda.VmReplication(
  "web",
  {
    source: { type: "vcloud", site: "site1", vmId: SITE1_VM, org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
    rpo: config.requireNumber("rpo"),
    retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] },
    excludedDisks: [2001],
  },
  { dependsOn: [assignment, defaults] },
);

export const policyId = policy.id;
export const minRpo = policy.minRpo;
export const replicationId = replication.replicationId;
export const rpo = replication.rpo;
