import { incomingCapacity, replicationPermissions } from "./capacity";
import type { VcdaPolicy } from "./common";
import { encryptedTraffic } from "./encryption";
import { policySanity } from "./policy-sanity";
import { quiesceMinRpo } from "./quiesce";
import { instancesWithinPolicy, retentionRules } from "./retention";
import { rpoInRange, rpoMeetsDestinationPolicy } from "./rpo";

/** Every policy of the pack, by the camelCase key used in VcdaComplianceArgs. */
export const factories = {
  rpoInRange,
  rpoMeetsDestinationPolicy,
  instancesWithinPolicy,
  retentionRules,
  quiesceMinRpo,
  incomingCapacity,
  replicationPermissions,
  encryptedTraffic,
  policySanity,
} satisfies Record<string, () => VcdaPolicy>;

export type PolicyKey = keyof typeof factories;

/** Policies whose config takes `orgPolicies`. */
export const orgDependent: readonly PolicyKey[] = [
  "rpoMeetsDestinationPolicy",
  "instancesWithinPolicy",
  "incomingCapacity",
  "replicationPermissions",
];

export function buildPolicies(): VcdaPolicy[] {
  return Object.values(factories).map((f) => f());
}
