/**
 * Replication policies (guide L2851-3981, api-digest §3.2).
 */
import { z } from "zod";

/** The twelve writable fields (POST and PUT bodies; decisions.md #7: PUT needs all of them). */
export const PolicySettingsSchema = z.object({
  displayName: z.string(),
  minRpo: z.number(),
  maxInstances: z.number(),
  maxPinnedInstances: z.number(),
  maxIncoming: z.number(),
  allowIncomingProtections: z.boolean(),
  allowOutgoingProtections: z.boolean(),
  allowIncomingMigrations: z.boolean(),
  allowOutgoingMigrations: z.boolean(),
  onpremDataCap: z.number(),
  allowCustomSlaSettings: z.boolean(),
  allowNotificationConfiguration: z.boolean(),
});

export type PolicySettingsBody = z.infer<typeof PolicySettingsSchema>;

/** A stored policy: the settings plus `id` (UUID or `default`) and `orgs` (assigned org count; `-1` for default). */
export const PolicySchema = PolicySettingsSchema.extend({
  id: z.string(),
  orgs: z.number(),
});

export type Policy = z.infer<typeof PolicySchema>;

export const PolicyListSchema = z.array(PolicySchema);

/** One element of GET /policies/{id}/status: one per org currently assigned the policy (decisions.md #10). */
export const PolicyStatusSchema = z.object({
  org: z.string(),
  configuredReplications: z.number(),
  quotaViolation: z.number(),
  protectionViolation: z.number(),
  migrationViolation: z.number(),
  nonRpoCompliant: z.array(z.string()),
  nonInstancesCompliant: z.array(z.string()),
});

export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

export const PolicyStatusListSchema = z.array(PolicyStatusSchema);

/** The id of the built-in policy (L2983). */
export const DEFAULT_POLICY_ID = "default";

/** The built-in policy's documented values (L2991-3006, decisions.md #11). Also the defaults of omitted Policy fields. */
export const DEFAULT_POLICY_SETTINGS: Readonly<PolicySettingsBody> = Object.freeze({
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

/** The writable field names, in the guide's order. */
export const POLICY_SETTING_KEYS = Object.keys(PolicySettingsSchema.shape) as (keyof PolicySettingsBody)[];
