/**
 * Replication policies (guide L2851-3981, api-digest §3.2; reference `ReplicationPolicyInfo` and
 * `NewReplicationPolicyRequest` of 4.5 and latest).
 *
 * Reading is tolerant: only `id` and `displayName` are required (the provider matches on them); every setting is
 * optional, because the reference marks them optional and its examples omit `onpremDataCap`; unknown fields are
 * kept, so a read-modify-write sends back what this package has never heard of.
 */
import { z } from "zod";
import type { Known } from "./known";

const num = z.number().nullish();
const bool = z.boolean().nullish();

/** The twelve settings of the v4.1 guide, in its order (L2901-2983). */
export interface PolicyBaseSettings {
  displayName: string;
  minRpo: number;
  maxInstances: number;
  maxPinnedInstances: number;
  maxIncoming: number;
  allowIncomingProtections: boolean;
  allowOutgoingProtections: boolean;
  allowIncomingMigrations: boolean;
  allowOutgoingMigrations: boolean;
  onpremDataCap: number;
  allowCustomSlaSettings: boolean;
  allowNotificationConfiguration: boolean;
}

/**
 * Flags newer appliances add, with the API version that documents each one first:
 * - `allowAdvancedRetentionRules`, `allowOutgoingOnpremMigrations`: 4.5 (developer.broadcom.com/xapis/
 *   vmware-cloud-director-availability-api/4.5/data-structures/NewReplicationPolicyRequest);
 * - `allowOutgoingOnpremProtections`: the latest reference, 4.7 (…-operations-index/latest/data-structures/
 *   NewReplicationPolicyRequest; no 4.6 policy page is published, so 4.6 may already have it).
 */
export const POLICY_FLAGS_SINCE = {
  allowAdvancedRetentionRules: "4.5",
  allowOutgoingOnpremMigrations: "4.5",
  allowOutgoingOnpremProtections: "4.7",
} as const;

export type PolicyFlag = keyof typeof POLICY_FLAGS_SINCE;
export const POLICY_FLAGS = Object.keys(POLICY_FLAGS_SINCE) as PolicyFlag[];

/** A POST or PUT body: the twelve settings plus whichever newer flags are meant. */
export type PolicySettingsBody = PolicyBaseSettings & Partial<Record<PolicyFlag, boolean>>;

/** A stored policy as read: `id` (UUID or `default`), `orgs` (assigned org count; `-1` for default), the settings. */
export const PolicySchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  orgs: num,
  minRpo: num,
  maxInstances: num,
  maxPinnedInstances: num,
  maxIncoming: num,
  allowIncomingProtections: bool,
  allowOutgoingProtections: bool,
  allowIncomingMigrations: bool,
  allowOutgoingMigrations: bool,
  onpremDataCap: num,
  allowCustomSlaSettings: bool,
  allowNotificationConfiguration: bool,
  allowAdvancedRetentionRules: bool,
  allowOutgoingOnpremMigrations: bool,
  allowOutgoingOnpremProtections: bool,
});

export type Policy = Known<z.infer<typeof PolicySchema>>;

export const PolicyListSchema = z.array(PolicySchema);

/** Fields of a read policy that are not settings (never sent back in a PUT). */
export const POLICY_READ_ONLY_KEYS = ["id", "orgs"] as const;

/** One element of GET /policies/{id}/status: an org assigned the policy, with its compliance counters. */
export const PolicyStatusSchema = z.looseObject({
  org: z.string(),
  configuredReplications: num,
  quotaViolation: num,
  protectionViolation: num,
  migrationViolation: num,
  nonRpoCompliant: z.array(z.string()).nullish(),
  nonInstancesCompliant: z.array(z.string()).nullish(),
});

export type PolicyStatus = Known<z.infer<typeof PolicyStatusSchema>>;

export const PolicyStatusListSchema = z.array(PolicyStatusSchema);

/** The id of the built-in policy (L2983). */
export const DEFAULT_POLICY_ID = "default";

/** The built-in policy's documented values (L2991-3006, decisions.md #11). Also the defaults of omitted Policy fields. */
export const DEFAULT_POLICY_SETTINGS: Readonly<PolicyBaseSettings> = Object.freeze({
  displayName: "Default Policy",
  minRpo: 15,
  maxInstances: 24,
  maxPinnedInstances: 0,
  maxIncoming: 0,
  allowIncomingProtections: false,
  allowOutgoingProtections: false,
  allowIncomingMigrations: true,
  allowOutgoingMigrations: true,
  onpremDataCap: 0,
  allowCustomSlaSettings: true,
  allowNotificationConfiguration: true,
});

/** The twelve setting names, in the guide's order. */
export const POLICY_SETTING_KEYS = Object.keys(DEFAULT_POLICY_SETTINGS) as (keyof PolicyBaseSettings)[];
