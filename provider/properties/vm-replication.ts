/**
 * The VmReplication contract for the schema, checked against replication/mapping.ts (VmReplicationArgs, the server
 * state) and inputs.ts. Its provider is provider/dynamic/vm-replication.ts (the replication engine over the VM kind).
 */
import type { CloudDestination, CloudVmSource, RetentionRule, VcenterDestination, VcenterVmSource } from "../inputs";
import type { VmReplicationArgs, VmReplicationState } from "../replication/mapping";
import { LIMITS } from "./connection";
import { cutoverInput, cutoverResultOutput } from "./cutover";
import { connection } from "./policy";
import { objectType, resourceContract } from "./types";

export const SOURCE = objectType<CloudVmSource | VcenterVmSource>(
  "ReplicationSource",
  "The VM to replicate: `type: vcloud` (a VMware Cloud Director VM: `site`, `vmId`, optional `org`) or `type: vcenter` (an on-premises vCenter VM: `site`, `vcUuid`, `vmId`).",
  {
    type: {
      type: "string",
      values: ["vcloud", "vcenter"],
      description: "`vcloud` (a VMware Cloud Director VM) or `vcenter` (an on-premises vCenter VM).",
      required: true,
    },
    site: { type: "string", description: "Site of the VM.", required: true },
    vmId: {
      type: "string",
      description: "VCD VM id (UUID), or the vCenter MoRef (e.g. `vm-42`).",
      required: true,
    },
    org: {
      type: "string",
      description: "Org owning a VCD VM; optional, checked against the appliance and used by the policy pack.",
    },
    vcUuid: { type: "string", description: "vCenter instance UUID (`vcenter`). Write-only: the API never returns it." },
  },
);

const SEED_VM = objectType<{ vcId: string; moId: string }>("VcenterSeedVm", "A seed VM in the destination vCenter.", {
  vcId: { type: "string", description: "vCenter id of the seed VM.", required: true },
  moId: { type: "string", description: "MoRef of the seed VM.", required: true },
});

export const DESTINATION = objectType<CloudDestination | VcenterDestination>(
  "ReplicationDestination",
  "Where to replicate: `type: vcloud` (a VCD org vDC: `site`, `vdc`, optional `storageProfile`, `seedVmId`, `org`) or `type: vcenter` (an on-premises vCenter: `site`, optional `seedVm`).",
  {
    type: {
      type: "string",
      values: ["vcloud", "vcenter"],
      description: "`vcloud` (a VCD org vDC) or `vcenter` (an on-premises vCenter).",
      required: true,
    },
    site: { type: "string", description: "Destination site.", required: true },
    vdc: { type: "string", description: "VCD vDC id (`vcloud`)." },
    storageProfile: { type: "string", description: "Storage profile id or name in the vDC (`vcloud`)." },
    seedVmId: {
      type: "string",
      description: "Seed VM (a powered-off VCD VM; only its disks are kept) (`vcloud`).",
    },
    org: {
      type: "string",
      description: "Org owning the vDC; optional, checked against the appliance and used by the policy pack.",
    },
    seedVm: { type: "object", object: SEED_VM, description: "Seed VM in the vCenter (`vcenter`)." },
  },
);

const RETENTION_RULE = objectType<RetentionRule>("RetentionRule", "One retention rule.", {
  numberOfInstances: { type: "integer", description: "Instances kept at this distance.", required: true },
  distance: { type: "integer", description: "Minutes between two kept instances.", required: true },
});

export const RETENTION_POLICY = objectType<{ rules: RetentionRule[] }>(
  "RetentionPolicy",
  "Which point-in-time instances are kept.",
  {
    rules: {
      type: "array",
      items: { type: "object", object: RETENTION_RULE },
      description: "Up to 5 rules; each rule's distance at least the RPO.",
      required: true,
    },
  },
);

const RECOVERY_INFO = objectType<{ vAppId: string | null; vcdVmId: string | null; type: string | null }>(
  "RecoveryInfo",
  "Where a failed-over or migrated workload runs.",
  {
    vAppId: { type: "string", description: "Recovered vApp id." },
    vcdVmId: { type: "string", description: "Recovered VCD VM id." },
    type: { type: "string", description: "`vcd` or `vc`." },
  },
);

export const LAST_ERROR = objectType<{ code: string | null; msg: string | null }>(
  "ReplicationError",
  "The last replication error.",
  {
    code: { type: "string", description: "VCDA error code." },
    msg: { type: "string", description: "Message." },
  },
);

const str = (description: string) => ({ type: "string", description }) as const;

export const VM_REPLICATION = resourceContract<
  Omit<VmReplicationArgs, "cutoverResult">,
  VmReplicationState & Pick<VmReplicationArgs, "cutoverResult">
>({
  name: "VmReplication",
  description:
    "A VM replication by VMware Cloud Director Availability: a protection, or a migration with `isMigration: true`, in any of the six create variants (cloud → cloud, on-premises → cloud, cloud → on-premises, each with or without a seed). Deleting it removes the replica disks at the destination. A failover, migration or reverse done outside the stack shows in `recoveryState` and `isReversed` and never causes a replacement. Import by replication id (`C4-…`).",
  inputs: {
    site: {
      type: "string",
      description: "Site the operation runs on. Defaults to the appliance's local site. Replaces.",
    },
    source: { type: "object", object: SOURCE, description: "The VM to replicate. Replaces.", required: true },
    destination: {
      type: "object",
      object: DESTINATION,
      description: "Where to replicate it. Replaces.",
      required: true,
    },
    description: { type: "string", description: "Description. Updates in place." },
    rpo: { type: "integer", description: "RPO in minutes (1-1440). Default: the appliance's. Updates in place." },
    dataConnectionType: {
      type: "string",
      values: ["PLAIN", "ENCRYPTED", "ENCRYPTED_COMPRESSED"],
      description: "`PLAIN`, `ENCRYPTED` or `ENCRYPTED_COMPRESSED` (default). Updates in place.",
    },
    quiesced: {
      type: "boolean",
      description: "Guest quiescing (default true; needs an RPO of 15+). Updates in place.",
    },
    retentionPolicy: {
      type: "object",
      object: RETENTION_POLICY,
      description: "Retention rules. Default: the appliance's. Updates in place.",
    },
    targetDiskType: {
      type: "string",
      values: ["THIN", "PREALLOCATED", "PREALLOCATED_ZEROS"],
      description: "`THIN` (default), `PREALLOCATED` or `PREALLOCATED_ZEROS`. Replaces.",
    },
    initialSyncTime: {
      type: "integer",
      description: "Start of the initial sync (epoch ms); past, 0 or negative starts it now. Create-only.",
    },
    isMigration: { type: "boolean", description: "A migration instead of a protection (default false). Replaces." },
    slaProfileId: {
      type: "string",
      description: "SLA profile id; excludes rpo, quiesced, retentionPolicy and dataConnectionType. Updates in place.",
    },
    excludedDisks: {
      type: "array",
      items: { type: "integer" },
      description: "Device keys of source disks not to replicate (the full set). Updates in place.",
    },
    paused: { type: "boolean", description: "Pause (true) or resume (false) the replication." },
    cutover: cutoverInput,
    timeoutSeconds: { type: "integer", description: "Longest wait for one VCDA task of this resource (default 1800)." },
    adopt: {
      type: "boolean",
      description: "Take over an existing replication of the same source VM instead of failing.",
    },
    limits: {
      type: "object",
      object: LIMITS,
      description: "Per-resource overrides of the product limits `check` enforces.",
    },
    connection,
  },
  outputs: {
    replicationId: {
      type: "string",
      description: "Replication id, `C4-<uuid>` (also the resource id).",
      required: true,
    },
    vmName: str("VM name."),
    isPaused: { type: "boolean", description: "Whether the replication is paused." },
    overallHealth: str("`GREEN`, `YELLOW`, `RED`, …"),
    syncProgress: { type: "number", description: "Sync progress, percent." },
    currentRpoViolation: { type: "integer", description: "Minutes over the RPO; -1 when met." },
    recoveryState: str("`NOT_STARTED`, `TEST` (test failover) or `COMPLETE` (failed over or migrated)."),
    recoveryInfo: { type: "object", object: RECOVERY_INFO, description: "Where a recovered workload runs." },
    lastError: { type: "object", object: LAST_ERROR, description: "The last replication error, if any." },
    isReversed: { type: "boolean", description: "True after an odd number of reverses." },
    vappReplicationId: str("The vApp replication this VM belongs to."),
    cutoverResult: cutoverResultOutput,
  },
  alwaysOutput: ["source", "destination"],
});
