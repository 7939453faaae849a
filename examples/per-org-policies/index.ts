import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// One policy per service tier, assigned to the org that bought it, and one replication per workload in a list.
// RPO and retention come from the tier, so moving a workload between tiers is a one-word change.
// The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const sourceSite = config.get("sourceSite") ?? "site1";
const destinationSite = config.get("destinationSite") ?? "site2";

type TierName = "gold" | "silver";

interface Tier {
  org: string;
  vdc: string;
  policy: Omit<vcda.PolicyArgs, "displayName">;
  rpo: number;
  retention: { numberOfInstances: number; distance: number }[];
}

const tiers: Record<TierName, Tier> = {
  gold: {
    org: config.get("goldOrg") ?? "org2",
    vdc: config.get("goldVdc") ?? "d6977f40-4d90-46b2-a34e-5077e8648eda",
    policy: { minRpo: 15, maxInstances: 24, maxIncoming: -1 },
    rpo: 15,
    // Hourly for 12 hours, daily for a week: 19 instances.
    retention: [
      { numberOfInstances: 12, distance: 60 },
      { numberOfInstances: 7, distance: 1440 },
    ],
  },
  silver: {
    org: config.get("silverOrg") ?? "org3",
    vdc: config.get("silverVdc") ?? "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03",
    policy: { minRpo: 60, maxInstances: 8, maxIncoming: 20 },
    rpo: 240,
    // Daily for a week.
    retention: [{ numberOfInstances: 7, distance: 1440 }],
  },
};

// Workloads: name → source VM id and tier. In a real stack this list often comes from a CMDB export or a config file.
const demoVm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const defaultWorkloads = Array.from({ length: 12 }, (_, i) => ({
  name: `app-${String(i + 1).padStart(2, "0")}`,
  vmId: demoVm(11 + i),
  tier: (i < 4 ? "gold" : "silver") as TierName,
}));
const workloads = config.getObject<{ name: string; vmId: string; tier: TierName }[]>("workloads") ?? defaultWorkloads;

const assignments = {} as Record<TierName, vcda.PolicyAssignment>;
for (const [name, tier] of Object.entries(tiers) as [TierName, Tier][]) {
  const policy = new vcda.Policy(`${name}-policy`, {
    displayName: `${name[0]!.toUpperCase()}${name.slice(1)} tier`,
    allowIncomingProtections: true,
    allowOutgoingProtections: true,
    ...tier.policy,
  });
  assignments[name] = new vcda.PolicyAssignment(`${name}-${tier.org}`, { policyId: policy.id, org: tier.org });
}

const replications = workloads.map((w) => {
  const tier = tiers[w.tier];
  return new vcda.VmReplication(
    w.name,
    {
      source: { type: "vcloud", site: sourceSite, vmId: w.vmId },
      destination: { type: "vcloud", site: destinationSite, vdc: tier.vdc, org: tier.org },
      description: `${w.name} (${w.tier})`,
      rpo: tier.rpo,
      retentionPolicy: { rules: tier.retention },
    },
    { dependsOn: [assignments[w.tier]] },
  );
});

export const replicationsByTier = Object.fromEntries(
  (Object.keys(tiers) as TierName[]).map((t) => [t, workloads.filter((w) => w.tier === t).map((w) => w.name)]),
);
export const replicationIds = Object.fromEntries(workloads.map((w, i) => [w.name, replications[i]!.replicationId]));
