import type { InstanceRec } from "../store/replications-repo.js";
import type { ApiError } from "../store/tasks-repo.js";

export interface RetentionPolicy {
  rules: { numberOfInstances: number; distance: number }[];
}

export type RecoveryState = "NOT_STARTED" | "IN_PROGRESS" | "TEST" | "COMPLETE";

export interface ReplicationSettings {
  description: string;
  rpo: number;
  dataConnectionType: "PLAIN" | "ENCRYPTED" | "ENCRYPTED_COMPRESSED";
  quiesced: boolean;
  retentionPolicy: RetentionPolicy;
  initialSyncTime: number;
  excludedDiskKeys: number[];
}

/** Stored replication: the response fields plus internal lifecycle state (never serialized). */
export interface ReplicationRec {
  id: string;
  owner: string;
  vmId: string;
  vmName: string;
  source: {
    site: string;
    org: string | null;
    vdcId: string | null;
    vdcName: string | null;
    vappId: string | null;
    vappName: string | null;
  };
  destination: {
    site: string;
    org: string | null;
    vdcId: string | null;
    vdcName: string | null;
    recoveredVappId: string | null;
  };
  storageProfile: string | null;
  storageProfileName: string | null;
  vimLocation: {
    vimServer: string | null;
    vimServerInstanceUuid: string | null;
    datastore: string | null;
    datastoreMoref: string | null;
    datastoreName: string | null;
  };
  isPaused: boolean;
  settings: ReplicationSettings;
  startupInfo: { order: number; startAction: string; startDelay: number; stopAction: string; stopDelay: number };
  metadata: Record<string, { key: string; access: string; type: string; value: string }>;
  recoveryInfo: {
    vAppId: string | null;
    vcdVmId: string | null;
    type: string;
    /** IN_PROGRESS while a failover, test failover or migration task runs (RecoveryState enum of the reference). */
    recoveryState: RecoveryState;
  };
  lastError: ApiError | null;
  dataConnectionState: string;
  overallHealth: string;
  lastUpdated: number;
  isReversed: boolean;
  vappReplicationId: string;
  computerName: string | null;
  vmDescription: string | null;
  isMigration: boolean;
  slaProfile: { id: string; displayName: string } | null;
  vappName: string | null;

  // internal
  pending: boolean;
  seq: number;
  sourceType: "vcloud" | "vcenter";
  destinationType: "vcloud" | "vcenter";
  sourceVcUuid: string | null;
  targetDiskType: string;
  hardware: { cpus: number; coresPerSocket: number | null; memoryMB: number; diskMB: Record<string, number> };
  /** Initial sync: null until it can start (powered-off VM needs a manual sync). */
  syncStartAt: number | null;
  syncEndAt: number | null;
  lastInstanceAt: number | null;
  latestInstance: InstanceRec | null;
  instanceSeq: number;
  nextEventAt: number | null;
  createdAt: number;
  /** The instance a running recovery or an active test uses; retention keeps it. */
  recoveryInstance?: string | null;
}

/** Stored vApp replication; its VMs are VM replications whose `vappReplicationId` is this id. */
export interface VappReplicationRec {
  id: string;
  owner: string;
  /** The source vApp as VCD describes it. */
  descriptor: { name: string; description: string };
  source: { site: string; org: string | null; vdcId: string | null; vdcName: string | null; vappId: string };
  destination: {
    site: string;
    org: string | null;
    vdcId: string | null;
    vdcName: string | null;
    recoveredVappId: string | null;
  };
  isMigration: boolean;
  lastUpdated: number;

  // internal
  pending: boolean;
  seq: number;
  sourceType: "vcloud";
  destinationType: "vcloud";
  createdAt: number;
}
