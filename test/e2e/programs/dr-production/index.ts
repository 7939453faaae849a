// A production stack for the DR tests: two protections to drill, and a migration to cut over (config `cutover`).
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const VDC_ORG2 = "d6977f40-4d90-46b2-a34e-5077e8648eda";
const site1Vm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const config = new pulumi.Config();

const policy = new vcda.Policy("dr", {
  displayName: "e2e dr",
  minRpo: 5,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("dr-org2", { policyId: policy.id, org: "org2" });
const after = { dependsOn: [assignment] };

const protections = [21, 22].map(
  (n) =>
    new vcda.VmReplication(
      `web-${n}`,
      {
        source: { type: "vcloud", site: "site1", vmId: site1Vm(n), org: "org1" },
        destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
        rpo: 15,
      },
      after,
    ),
);

// A three-VM vApp, drilled as one.
const webTier = new vcda.VappReplication(
  "web-tier",
  {
    source: { type: "vcloud", site: "site1", vappId: "9664de13-6150-4315-9f59-2d85eb4c302f", org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
    rpo: 15,
  },
  after,
);

const migration = new vcda.VmReplication(
  "move-23",
  {
    source: { type: "vcloud", site: "site1", vmId: site1Vm(23), org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: VDC_ORG2, org: "org2" },
    isMigration: true,
    rpo: 60,
    ...(config.getBoolean("cutover") ? { cutover: { powerOn: true } } : {}),
  },
  after,
);

export const protectionIds = {
  ...Object.fromEntries(protections.map((p, i) => [`web-${21 + i}`, p.replicationId])),
  "web-tier": webTier.replicationId,
};
export const migrationId = migration.replicationId;
export const migrationState = migration.recoveryState;
export const cutoverResult = migration.cutoverResult;
