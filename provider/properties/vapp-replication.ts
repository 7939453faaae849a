/**
 * The VappReplication contract for the schema, checked against replication/vapp-mapping.ts (VappReplicationArgs,
 * the server state) and inputs.ts. Its provider is provider/dynamic/vapp-replication.ts (the replication engine over
 * the vApp kind). The settings every kind shares are VmReplication's own properties, not copies of them.
 */
import type { CloudVappSource, VappDestination } from "../inputs";
import type { VappMemberState, VappReplicationArgs, VappReplicationState } from "../replication/vapp-mapping";
import { cutoverResultOutput } from "./cutover";
import { objectType, resourceContract } from "./types";
import { LAST_ERROR, VM_REPLICATION } from "./vm-replication";

export const VAPP_SOURCE = objectType<CloudVappSource>(
  "VappReplicationSource",
  "The vApp to replicate: a VMware Cloud Director vApp (`type: vcloud`, `site`, `vappId`, optional `org`).",
  {
    type: {
      type: "string",
      values: ["vcloud"],
      description: "`vcloud`: a vApp replication runs between VMware Cloud Director sites.",
      required: true,
    },
    site: { type: "string", description: "Site of the vApp.", required: true },
    vappId: { type: "string", description: "VCD vApp id (UUID).", required: true },
    org: {
      type: "string",
      description: "Org owning the vApp; optional, checked against the appliance and used by the policy pack.",
    },
  },
);

export const VAPP_DESTINATION = objectType<VappDestination>(
  "VappReplicationDestination",
  "Where to replicate the vApp: a VCD org vDC (`type: vcloud`, `site`, `vdc`, optional `storageProfile`, `org`); vApps take no seed.",
  {
    type: {
      type: "string",
      values: ["vcloud"],
      description: "`vcloud`: a VCD org vDC.",
      required: true,
    },
    site: { type: "string", description: "Destination site.", required: true },
    vdc: { type: "string", description: "VCD vDC id.", required: true },
    storageProfile: { type: "string", description: "Storage profile id or name in the vDC." },
    org: {
      type: "string",
      description: "Org owning the vDC; optional, checked against the appliance and used by the policy pack.",
    },
  },
);

const str = (description: string) => ({ type: "string", description }) as const;

const MEMBER = objectType<VappMemberState>("VappMember", "One VM of a vApp replication, as the appliance reports it.", {
  replicationId: { type: "string", description: "The VM replication's id, `C4-…`.", required: true },
  vmId: str("VCD VM id of the source VM."),
  vmName: str("VM name."),
  isPaused: { type: "boolean", description: "Whether the VM's replication is paused." },
  overallHealth: str("`GREEN`, `YELLOW`, `RED`, …"),
  recoveryState: str("`NOT_STARTED`, `TEST` (test failover) or `COMPLETE` (failed over or migrated)."),
  currentRpoViolation: { type: "integer", description: "Minutes over the RPO; -1 when met." },
  syncProgress: { type: "number", description: "Sync progress, percent." },
  excludedDiskKeys: {
    type: "array",
    items: { type: "integer" },
    description: "Device keys of the VM's disks not replicated.",
    required: true,
  },
  lastError: { type: "object", object: LAST_ERROR, description: "The last replication error of the VM, if any." },
});

/** VmReplication's inputs, for the settings every kind of replication shares (replication/settings.ts). */
const vm = VM_REPLICATION.inputs;

export const VAPP_REPLICATION = resourceContract<
  Omit<VappReplicationArgs, "cutoverResult">,
  VappReplicationState & Pick<VappReplicationArgs, "cutoverResult">
>({
  name: "VappReplication",
  description:
    "A vApp replication by VMware Cloud Director Availability: one VM replication per VM of a VMware Cloud Director vApp, with the vApp's settings, failed over together; a protection, or a migration with `isMigration: true`. The replication covers the VMs the vApp has when it is created (the API cannot leave a VM out or add one later). Deleting it removes every VM's replica disks at the destination. A failover, migration or reverse done outside the stack shows in `recoveryState`, `isReversed` and `vmReplications` and never causes a replacement. Import by vApp replication id (`C4VAPP-…`).",
  inputs: {
    site: vm.site,
    source: { type: "object", object: VAPP_SOURCE, description: "The vApp to replicate. Replaces.", required: true },
    destination: {
      type: "object",
      object: VAPP_DESTINATION,
      description: "Where to replicate it. Replaces.",
      required: true,
    },
    description: vm.description,
    rpo: vm.rpo,
    dataConnectionType: vm.dataConnectionType,
    quiesced: vm.quiesced,
    retentionPolicy: vm.retentionPolicy,
    targetDiskType: vm.targetDiskType,
    initialSyncTime: vm.initialSyncTime,
    isMigration: vm.isMigration,
    slaProfileId: vm.slaProfileId,
    excludedDisks: {
      type: "map",
      values: { type: "array", items: { type: "integer" } },
      description:
        "Per VM of the vApp (VCD VM id), the device keys of disks not to replicate (the full set of that VM). Updates in place (PATCH of that VM's replication).",
    },
    paused: vm.paused,
    cutover: vm.cutover,
    timeoutSeconds: vm.timeoutSeconds,
    adopt: {
      type: "boolean",
      description: "Take over an existing replication of the same source vApp instead of failing.",
    },
    limits: vm.limits,
    connection: vm.connection,
  },
  outputs: {
    replicationId: {
      type: "string",
      description: "vApp replication id, `C4VAPP-<uuid>` (also the resource id).",
      required: true,
    },
    vappName: str("vApp name."),
    isPaused: { type: "boolean", description: "Whether every VM's replication is paused." },
    overallHealth: str("`GREEN`, `YELLOW`, `RED`, …: the worst of the VMs'."),
    recoveryState: str(
      "The most telling state of the VMs: `IN_PROGRESS`, `TEST`, `COMPLETE` (a VM failed over or migrated), else `NOT_STARTED`.",
    ),
    isReversed: { type: "boolean", description: "True when a VM's replication was reversed." },
    vmCount: { type: "integer", description: "Number of VMs replicated.", required: true },
    vmReplications: {
      type: "array",
      items: { type: "object", object: MEMBER },
      description:
        "One entry per VM: its replication id, health, pause, recovery state, RPO violation, progress, excluded disks.",
      required: true,
    },
    cutoverResult: cutoverResultOutput,
  },
  alwaysOutput: ["source", "destination"],
});
