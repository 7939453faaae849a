/**
 * The replication settings every kind shares (a VM and a vApp take the same create fields and the same
 * `C4ReplicationReconfigureSettings` PATCH: guide L4069-4139, L15723-15829; reference …/4.5/data-structures/
 * C4ReplicationReconfigureSettings).
 */

/** Inputs the settings PATCH changes. */
export const SETTINGS_INPUT_KEYS = [
  "description",
  "rpo",
  "dataConnectionType",
  "quiesced",
  "retentionPolicy",
  "slaProfileId",
] as const;
