import type { ConnectionArgs } from "./client/types";
import type { ProductLimits } from "./limits";

export type { ConnectionArgs, SiteAuthArgs } from "./client/types";

/**
 * Input shapes of the three resources, shared by the providers, the policy pack and the docs.
 * Plain types only (no pulumi.Input wrappers): the Resource classes wrap them.
 */

/**
 * The writable fields of a replication policy: the twelve of the guide (L2901-2983), and the flags newer appliances
 * add (api/policy.ts `POLICY_FLAGS_SINCE`), which are managed only when set.
 */
export interface PolicySettings {
  displayName: string;
  minRpo?: number;
  maxInstances?: number;
  maxPinnedInstances?: number;
  maxIncoming?: number;
  allowIncomingProtections?: boolean;
  allowOutgoingProtections?: boolean;
  allowIncomingMigrations?: boolean;
  allowOutgoingMigrations?: boolean;
  onpremDataCap?: number;
  allowCustomSlaSettings?: boolean;
  allowNotificationConfiguration?: boolean;
  /** API 4.5+: whether orgs may use advanced (several) retention rules. Unset: left as the appliance has it. */
  allowAdvancedRetentionRules?: boolean;
  /** API 4.5+: whether orgs may migrate to on-premises sites. Unset: left as the appliance has it. */
  allowOutgoingOnpremMigrations?: boolean;
  /** API 4.7+: whether orgs may protect to on-premises sites. Unset: left as the appliance has it. */
  allowOutgoingOnpremProtections?: boolean;
}

export interface PolicyInputs extends PolicySettings {
  /** Take over an existing policy of the same displayName instead of failing on the duplicate. */
  adopt?: boolean;
  connection?: ConnectionArgs;
}

/** The built-in `default` policy: the settings other than displayName, which stays "Default Policy". */
export interface DefaultPolicyInputs extends Omit<PolicySettings, "displayName"> {
  connection?: ConnectionArgs;
}

export interface PolicyAssignmentInputs {
  /** Policy id (`default` or a UUID). Changing it updates in place. */
  policyId: string;
  /** Short name of a local VCD org. Changing it replaces the assignment. */
  org: string;
  connection?: ConnectionArgs;
}

export interface SlaProfileAssignmentInputs {
  /** Short name of a local VCD org. */
  org: string;
  /** The SLA profile's id (e.g. from `getSlaProfileOutput({ name: "Gold" }).id`). */
  slaProfileId: string;
  connection?: ConnectionArgs;
}

/** A test failover of a VM or vApp replication (provider/replication/failover-test.ts). */
export interface FailoverTestInputs {
  /** The replication to test: a VM replication (`C4-…`) or a vApp replication (`C4VAPP-…`). */
  replicationId: string;
  /** `latest` (default) or an instance key of the VM replication (`replica-…`). */
  instance?: string;
  /** For a vApp replication: instance key per VM replication id (default: each VM's latest). */
  instanceMap?: Record<string, string>;
  /** Sync first and test the new instance (not with `instance` or `instanceMap`). */
  sync?: boolean;
  /** Power the test VMs on (default true). */
  powerOn?: boolean;
  /** Network settings of the test (guide L12148-12338): `{networkMappings, copySourceNetworks, ...}`. */
  vAppNetworkSettings?: Record<string, unknown>;
  /** Per-VM NIC settings; for a vApp, keyed by VM id. */
  vmNetworkSettings?: Record<string, unknown>;
  /** vCenter destinations: expose the instances as snapshots. */
  exposePITsAsSnapshots?: boolean;
  /** Site the operation runs on (default: the local site). */
  site?: string;
  /** Longest wait for the test or its cleanup, seconds (default 1800). */
  timeoutSeconds?: number;
  connection?: ConnectionArgs;
}

export interface RetentionRule {
  /** Instances kept at this distance. */
  numberOfInstances: number;
  /** Minutes between two kept instances. */
  distance: number;
}

/** A VM in VMware Cloud Director (API `type: "vm"`). */
export interface CloudVmSource {
  type: "vcloud";
  site: string;
  /** VCD VM id (UUID). */
  vmId: string;
  /** Org owning the VM; optional, checked against the server and used by the policy pack. */
  org?: string;
}

/** A VM in an on-premises vCenter (API `type: "vcVm"`). */
export interface VcenterVmSource {
  type: "vcenter";
  site: string;
  /** vCenter instance UUID. Write-only: the API never returns it. */
  vcUuid: string;
  /** vCenter MoRef, e.g. `vm-42`. */
  vmId: string;
}

/** Replicate into a VCD org vDC (API `type: "vcloud"`, or `type: "vm"` with a seed). */
export interface CloudDestination {
  type: "vcloud";
  site: string;
  /** VCD vDC id. */
  vdc: string;
  storageProfile?: string;
  /** Seed VM (VCD VM id, powered off); it is destroyed and only its disks are kept. */
  seedVmId?: string;
  /** Org owning the vDC; optional, checked against the server and used by the policy pack. */
  org?: string;
}

/** Replicate to an on-premises vCenter (API `type: "vc"`, or `"vcVm"` with a seed). */
export interface VcenterDestination {
  type: "vcenter";
  site: string;
  seedVm?: { vcId: string; moId: string };
}

/**
 * Options of a planned migration (guide L14064-14904): a `vcloud` destination takes powerOn, consolidate,
 * connectVmNics (4.4+) and network settings; a `vcenter` one powerOn, snapshotOptions and customVirtualHardware.
 */
export interface CutoverInputs {
  powerOn?: boolean;
  consolidate?: boolean;
  connectVmNics?: boolean;
  vAppNetworkSettings?: Record<string, unknown>;
  vmNetworkSettings?: Record<string, unknown>;
  snapshotOptions?: "DO_NOTHING" | "EXPOSE_PITS" | "CONSOLIDATE";
  customVirtualHardware?: Record<string, unknown>;
}

/** What every kind of replication (a VM, a vApp) takes besides its source, destination and disks. */
export interface ReplicationSettingsInputs {
  /** Site the operation runs on (the `site` query parameter). Defaults to the appliance's local site. */
  site?: string;
  description?: string;
  /** Minutes. */
  rpo?: number;
  dataConnectionType?: "PLAIN" | "ENCRYPTED" | "ENCRYPTED_COMPRESSED";
  quiesced?: boolean;
  retentionPolicy?: { rules: RetentionRule[] };
  targetDiskType?: "THIN" | "PREALLOCATED" | "PREALLOCATED_ZEROS";
  /** Epoch milliseconds; past, 0 or negative starts the sync now. Create-only. */
  initialSyncTime?: number;
  isMigration?: boolean;
  slaProfileId?: string;
  /** Pause (true) or resume (false) the replication. */
  paused?: boolean;
  /**
   * With `isMigration: true`: cut over. The next `up` runs the planned migration once, with these options, and
   * records the outcome in `cutoverResult`. Preview says so. Removing it afterwards changes nothing.
   */
  cutover?: CutoverInputs;
  /** Longest wait for one VCDA task of this resource, in seconds. */
  timeoutSeconds?: number;
  /** Take over an existing replication of the same source instead of failing. */
  adopt?: boolean;
  /** Per-resource override of the product limits `check` enforces (defaults: decisions.md #21, then `vcda:limits`). */
  limits?: Partial<ProductLimits>;
  connection?: ConnectionArgs;
}

export interface VmReplicationInputs extends ReplicationSettingsInputs {
  source: CloudVmSource | VcenterVmSource;
  destination: CloudDestination | VcenterDestination;
  /** Device keys of source disks not to replicate. */
  excludedDisks?: number[];
}

/** A vApp in VMware Cloud Director (API `type: "vapp"`). */
export interface CloudVappSource {
  type: "vcloud";
  site: string;
  /** VCD vApp id (UUID). */
  vappId: string;
  /** Org owning the vApp; optional, checked against the server and used by the policy pack. */
  org?: string;
}

/** The destination of a vApp replication: a VCD org vDC (API `type: "vcloud"`); vApps take no seed. */
export type VappDestination = Omit<CloudDestination, "seedVmId">;

export interface VappReplicationInputs extends ReplicationSettingsInputs {
  source: CloudVappSource;
  destination: VappDestination;
  /** Per member VM (VCD VM id), device keys of disks not to replicate (PATCH /vm-replications/{member}/disks). */
  excludedDisks?: Record<string, number[]>;
}
