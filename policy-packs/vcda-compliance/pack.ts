import { type EnforcementLevel, PolicyPack, type PolicyPackConfig } from "@pulumi/policy";
import type { EncryptedTrafficArgs } from "./policies/encryption";
import { buildPolicies, factories, orgDependent, type PolicyKey } from "./policies/index";
import type { PolicySanityArgs } from "./policies/policy-sanity";
import type { QuiesceMinRpoArgs } from "./policies/quiesce";
import type { InstancesWithinPolicyArgs, RetentionRulesArgs } from "./policies/retention";
import type { RpoInRangeArgs, RpoMeetsDestinationPolicyArgs } from "./policies/rpo";
import type { IncomingCapacityArgs, ReplicationPermissionsArgs } from "./policies/capacity";
import type { OrgPolicies } from "./policies/stack";

/** A level, or a level plus the policy's thresholds. */
export type Setting<T> = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & T);

export interface VcdaComplianceArgs {
  /** One level for every policy; a policy's own setting still wins. */
  all?: EnforcementLevel;
  /** Policies of orgs not assigned in the stack; copied into every org-dependent policy's config. */
  orgPolicies?: OrgPolicies;
  rpoInRange?: Setting<RpoInRangeArgs>;
  rpoMeetsDestinationPolicy?: Setting<RpoMeetsDestinationPolicyArgs>;
  instancesWithinPolicy?: Setting<InstancesWithinPolicyArgs>;
  retentionRules?: Setting<RetentionRulesArgs>;
  quiesceMinRpo?: Setting<QuiesceMinRpoArgs>;
  incomingCapacity?: Setting<IncomingCapacityArgs>;
  replicationPermissions?: Setting<ReplicationPermissionsArgs>;
  encryptedTraffic?: Setting<EncryptedTrafficArgs>;
  policySanity?: Setting<PolicySanityArgs>;
}

const names: Record<PolicyKey, string> = Object.fromEntries(
  Object.entries(factories).map(([key, f]) => [key, f().name]),
) as Record<PolicyKey, string>;

/** Maps pack args to the engine's initial config: `all` passes through, camelCase keys become policy names. */
export function getInitialConfig(args: VcdaComplianceArgs = {}): PolicyPackConfig {
  const config: PolicyPackConfig = {};
  if (args.all) config.all = args.all;
  for (const [key, value] of Object.entries(args)) {
    if (key === "all" || key === "orgPolicies" || value === undefined) continue;
    const name = names[key as PolicyKey];
    if (!name) throw new Error(`vcda-compliance: unknown policy "${key}"; known: ${Object.keys(names).join(", ")}`);
    config[name] = typeof value === "string" ? { enforcementLevel: value } : { ...value };
  }
  if (args.orgPolicies) {
    for (const key of orgDependent) {
      const name = names[key];
      const current = config[name];
      const base = typeof current === "object" ? current : {};
      config[name] = { orgPolicies: args.orgPolicies, ...base };
    }
  }
  return config;
}

/** The pack: always every policy; levels and thresholds come in as initial config (like AwsGuard). */
export class VcdaCompliance extends PolicyPack {
  constructor(name = "vcda-compliance", args: VcdaComplianceArgs = {}) {
    super(name, { policies: buildPolicies() }, getInitialConfig(args));
  }
}
