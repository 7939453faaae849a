/**
 * Product limits the policies default to (decisions.md #21, anchors.md §5). Each one is a policy threshold in
 * configSchema, because versions differ.
 */
export interface Limit {
  value: number;
  source: string;
}

export const LIMITS = {
  minRpo: {
    value: 1,
    source:
      "decisions.md #21; VCDA 4.x accepts sub-5-minute RPOs (vapp-replications example rpo: 5, vSphere DR API rpo: 4)",
  },
  maxRpo: { value: 1440, source: "decisions.md #21; vSphere Replication RPO range 5-1440 minutes (VR admin guide)" },
  maxInstances: {
    value: 24,
    source: "decisions.md #21; VCDA 4.6 User Guide 'Edit a replication policy' (up to 24 rotated instances)",
  },
  maxPinnedInstances: {
    value: 24,
    source: "ReplicationPolicyInfo API example (maxPinnedInstances: 24); upper bound not documented (anchors.md §5)",
  },
  maxRetentionRules: { value: 5, source: "decisions.md #21; VCDA 4.7 'Create SLA profile' (up to 5 retention rules)" },
  minQuiesceRpo: {
    value: 15,
    source: "decisions.md #21; vSphere Replication 6.5 admin guide: RPO below 15 minutes not allowed with quiescing",
  },
} as const satisfies Record<string, Limit>;

/** Defaults the guide states for replication inputs that may be omitted (api-digest §5 items 18). */
export const REPLICATION_DEFAULTS = {
  dataConnectionType: "ENCRYPTED_COMPRESSED",
  quiesced: true,
  isMigration: false,
} as const;
