import { type EnforcementLevel, PolicyPack, type PolicyPackConfig } from "@pulumi/policy";
import type { IncomingCapacityArgs, ReplicationPermissionsArgs } from "./policies/capacity";
import type { EncryptedTrafficArgs } from "./policies/encryption";
import { buildPolicies, factories, orgDependent, type PolicyKey } from "./policies/index";
import type { PolicySanityArgs } from "./policies/policy-sanity";
import type { QuiesceMinRpoArgs } from "./policies/quiesce";
import type { InstancesWithinPolicyArgs, RetentionRulesArgs } from "./policies/retention";
import type { RpoInRangeArgs, RpoMeetsDestinationPolicyArgs } from "./policies/rpo";
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

const built = Object.fromEntries(Object.entries(factories).map(([key, f]) => [key, f()])) as Record<
  PolicyKey,
  ReturnType<(typeof factories)[PolicyKey]>
>;

/**
 * Maps pack args to the engine's initial config: `all` passes through, camelCase keys become policy names.
 * Every per-policy entry carries an explicit level: on the wire an absent level is proto enum 0 (ADVISORY),
 * which the engine would apply (analyzer_plugin.go GetAnalyzerInfo), silently downgrading mandatory policies.
 */
export function getInitialConfig(args: VcdaComplianceArgs = {}): PolicyPackConfig {
  const config: PolicyPackConfig = {};
  if (args.all) config.all = args.all;
  const levelOf = (key: PolicyKey, given?: EnforcementLevel): EnforcementLevel =>
    given ?? args.all ?? built[key].enforcementLevel ?? "advisory";
  const entry = (key: PolicyKey): Record<string, unknown> => {
    const name = built[key].name;
    const current = config[name];
    if (typeof current === "object") return current;
    const fresh: Record<string, unknown> = { enforcementLevel: levelOf(key) };
    config[name] = fresh as PolicyPackConfig[string];
    return fresh;
  };
  for (const [key, value] of Object.entries(args)) {
    if (key === "all" || key === "orgPolicies" || value === undefined) continue;
    if (!(key in built))
      throw new Error(`vcda-compliance: unknown policy "${key}"; known: ${Object.keys(built).join(", ")}`);
    const k = key as PolicyKey;
    const setting = typeof value === "string" ? { enforcementLevel: value } : { ...value };
    Object.assign(entry(k), setting, { enforcementLevel: levelOf(k, setting.enforcementLevel) });
  }
  if (args.orgPolicies) {
    for (const key of orgDependent) {
      const e = entry(key);
      if (e.orgPolicies === undefined) e.orgPolicies = args.orgPolicies;
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
