/**
 * Pure mappings of a VM replication: user inputs → API create/reconfigure bodies, and API response → resource outputs.
 *
 * User-facing `type` names say *where* a VM lives (`vcloud` = VMware Cloud Director, `vcenter` = an on-premises
 * vCenter); the API's discriminators also encode the seed (api-digest §3.3, §6 items 27-28, decisions #16):
 *
 * | user source        | API source | user destination                | API destination |
 * |--------------------|------------|---------------------------------|-----------------|
 * | `vcloud`           | `vm`       | `vcloud`                        | `vcloud`        |
 * | `vcenter`          | `vcVm`     | `vcloud` + `seedVmId`           | `vm`            |
 * |                    |            | `vcenter`                       | `vc`            |
 * |                    |            | `vcenter` + `seedVm`            | `vcVm`          |
 */
import {
  type ApiCreateReplication,
  type ApiDestination,
  type ApiSource,
  type ApiVmReplication,
  excludedDisksField,
} from "../api/replication";
import type { ConnectionArgs, VmReplicationInputs } from "../inputs";
import type { CutoverResult } from "./cutover";
import {
  createSettings,
  reflectSettingsDrift,
  type ServerSettings,
  SHARED_INPUT_KEYS,
  sameDiskSet,
  settingsInputsOf,
  toServerSettings,
} from "./settings";

export type { ServerSettings } from "./settings";
export { CUSTOM_SETTINGS_KEYS, sameDiskSet, sameRules, toReconfigureBody } from "./settings";

import type { ReplicationLimits } from "../limits";

/** Everything the VmReplication resource accepts: the shared input contract plus per-resource limit overrides. */
export interface VmReplicationArgs extends VmReplicationInputs {
  /** Overrides of the product limits `check` enforces (decisions #21). */
  limits?: Partial<ReplicationLimits>;
  /** Recorded by the provider once a cutover ran (cutover.ts). */
  cutoverResult?: CutoverResult;
}

/** The six create variants (api-digest §3.3). */
export type ReplicationVariant =
  | "cloud-to-cloud"
  | "cloud-to-cloud-seed"
  | "onprem-to-cloud"
  | "onprem-to-cloud-seed"
  | "cloud-to-onprem"
  | "cloud-to-onprem-seed";

/** Server-reported source vApp details. */
export interface SourceDetails {
  site: string | null;
  org: string | null;
  vdcId: string | null;
  vdcName: string | null;
  vappId: string | null;
  vappName: string | null;
}

/** Server-reported destination details. */
export interface DestinationDetails {
  site: string | null;
  org: string | null;
  vdcId: string | null;
  vdcName: string | null;
  recoveredVappId: string | null;
}

/** A replication as the appliance reports it, flattened: what a lookup (getVmReplication) returns. */
export interface VmReplicationServerState {
  /** Replication id, `C4-<uuid>`; also the resource id. */
  replicationId: string;
  /** VM id as the server reports it. */
  vmId: string | null;
  vmName: string | null;
  owner: string | null;
  sourceDetails: SourceDetails;
  destinationDetails: DestinationDetails;
  storageProfile: string | null;
  storageProfileName: string | null;
  settings: ServerSettings;
  slaProfile: { id: string | null; displayName: string | null } | null;
  isPaused: boolean | null;
  overallHealth: string | null;
  dataConnectionState: string | null;
  /** `sourceState.state`, e.g. `syncing`. */
  sourceState: string | null;
  /** `sourceState.progress.progress`, percent. */
  syncProgress: number | null;
  /** `destinationState.state`, e.g. `fullsync`. */
  destinationState: string | null;
  /** Minutes over the RPO; -1 when the RPO is met. */
  currentRpoViolation: number | null;
  /** `NOT_STARTED`, `TEST` (test failover) or `COMPLETE` (failed over or migrated). */
  recoveryState: string | null;
  recoveryInfo: { vAppId: string | null; vcdVmId: string | null; type: string | null } | null;
  /** Last replication error, or null. */
  lastError: { code: string | null; msg: string | null } | null;
  /** True after an odd number of reverses: the replication now runs from the original destination to the source. */
  isReversed: boolean | null;
  /** Start time (epoch ms) of the latest task on the replication. */
  lastUpdated: number | null;
  vappReplicationId: string | null;
}

/**
 * The server state a VmReplication resource keeps: what users monitor. The rest of {@link VmReplicationServerState}
 * repeats the inputs (vmId, source and destination details, settings) or is detail few read (owner, storage profile
 * name, SLA profile, the source and destination states, lastUpdated); every key registered here costs each resource
 * time in every preview and bytes in every checkpoint, so those stay with the lookup.
 */
export const VM_STATE_KEYS = [
  "replicationId",
  "vmName",
  "isPaused",
  "overallHealth",
  "syncProgress",
  "currentRpoViolation",
  "recoveryState",
  "recoveryInfo",
  "lastError",
  "isReversed",
  "vappReplicationId",
] as const satisfies ReadonlyArray<keyof VmReplicationServerState>;

export type VmReplicationState = Pick<VmReplicationServerState, (typeof VM_STATE_KEYS)[number]>;

/**
 * Outputs: the user's inputs as applied (kept so `diff`, `update` and `delete` have the write-only values the server
 * never returns), plus the server state a resource keeps.
 */
export type VmReplicationOutputs = VmReplicationArgs & VmReplicationState;

/** The keys of `keys` in `from`, in that order. */
export function pickKeys<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

/** Keys of {@link VmReplicationArgs}; everything else in the outputs is server state. */
export const INPUT_KEYS = [
  "source",
  "destination",
  "excludedDisks",
  "cutoverResult",
  ...SHARED_INPUT_KEYS,
] as const satisfies ReadonlyArray<keyof VmReplicationArgs>;

/** Which of the six create variants the inputs describe. */
export function variantOf(args: Pick<VmReplicationArgs, "source" | "destination">): ReplicationVariant {
  const fromCloud = args.source.type === "vcloud";
  const d = args.destination;
  if (d.type === "vcloud") {
    const seeded = d.seedVmId !== undefined && d.seedVmId !== null && d.seedVmId !== "";
    if (fromCloud) return seeded ? "cloud-to-cloud-seed" : "cloud-to-cloud";
    return seeded ? "onprem-to-cloud-seed" : "onprem-to-cloud";
  }
  const seeded = d.seedVm !== undefined && d.seedVm !== null;
  return seeded ? "cloud-to-onprem-seed" : "cloud-to-onprem";
}

/** The API `source` object for the inputs. The excluded disks travel in the source, named per API version. */
export function toApiSource(args: VmReplicationArgs, apiVersion: string): ApiSource {
  const s = args.source;
  const excluded =
    args.excludedDisks !== undefined ? { [excludedDisksField(apiVersion)]: [...args.excludedDisks] } : {};
  if (s.type === "vcenter") return { type: "vcVm", site: s.site, vcUuid: s.vcUuid, vmId: s.vmId, ...excluded };
  return { type: "vm", site: s.site, vmId: s.vmId, ...excluded };
}

/** The API `destination` object for the inputs. */
export function toApiDestination(args: VmReplicationArgs): ApiDestination {
  const d = args.destination;
  if (d.type === "vcloud") {
    const sp = d.storageProfile !== undefined && d.storageProfile !== null ? { storageProfile: d.storageProfile } : {};
    if (d.seedVmId) return { type: "vm", site: d.site, vdc: d.vdc, ...sp, seedVmId: d.seedVmId };
    return { type: "vcloud", site: d.site, vdc: d.vdc, ...sp };
  }
  if (d.seedVm) return { type: "vcVm", site: d.site, seedVm: { vcId: d.seedVm.vcId, moId: d.seedVm.moId } };
  return { type: "vc", site: d.site };
}

/** Body of POST /vm-replications: the source and destination variants, and the shared settings (settings.ts). */
export function toCreateBody(args: VmReplicationArgs, apiVersion: string): ApiCreateReplication {
  return {
    source: toApiSource(args, apiVersion),
    destination: toApiDestination(args),
    ...createSettings(args),
  } as ApiCreateReplication;
}

/** `undefined` as `null` (outputs may not hold `undefined`). */
export const n = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** The destination of a VM or vApp replication as the appliance reports it. */
export function destinationDetailsOf(
  d:
    | {
        site?: string | null;
        org?: string | null;
        vdcId?: string | null;
        vdcName?: string | null;
        recoveredVappId?: string | null;
      }
    | null
    | undefined,
): DestinationDetails {
  return {
    site: n(d?.site),
    org: n(d?.org),
    vdcId: n(d?.vdcId),
    vdcName: n(d?.vdcName),
    recoveredVappId: n(d?.recoveredVappId),
  };
}

/** Server state of a replication as outputs; absent fields become `null` (outputs may not hold `undefined`). */
export function toServerState(r: ApiVmReplication): VmReplicationServerState {
  const ds = r.destinationState ?? {};
  const ri = ds.recoveryInfo ?? null;
  return {
    replicationId: r.id,
    vmId: n(r.vmId),
    vmName: n(r.vmName),
    owner: n(r.owner),
    sourceDetails: {
      site: n(r.source?.site),
      org: n(r.source?.org),
      vdcId: n(r.source?.vdcId),
      vdcName: n(r.source?.vdcName),
      vappId: n(r.source?.vappId),
      vappName: n(r.source?.vappName),
    },
    destinationDetails: destinationDetailsOf(r.destination),
    storageProfile: n(r.storageProfile),
    storageProfileName: n(r.storageProfileName),
    settings: toServerSettings(r.settings),
    slaProfile: r.slaProfile ? { id: n(r.slaProfile.id), displayName: n(r.slaProfile.displayName) } : null,
    isPaused: n(r.isPaused),
    overallHealth: n(r.overallHealth),
    dataConnectionState: n(r.dataConnectionState),
    sourceState: n(r.sourceState?.state),
    syncProgress: n(r.sourceState?.progress?.progress),
    destinationState: n(ds.state),
    currentRpoViolation: n(ds.currentRpoViolation),
    recoveryState: n(ri?.recoveryState),
    recoveryInfo: ri ? { vAppId: n(ri.vAppId ?? ri.vappId), vcdVmId: n(ri.vcdVmId), type: n(ri.type) } : null,
    lastError: ds.lastError ? { code: n(ds.lastError.code), msg: n(ds.lastError.msg) } : null,
    isReversed: n(r.isReversed),
    lastUpdated: n(r.lastUpdated),
    vappReplicationId: n(r.vappReplicationId),
  };
}

/** Deep copy without `undefined` members (protobuf Structs reject them) and without Pulumi's `__provider`. */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map((v) => stripUndefined(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = stripUndefined(v);
    }
    return out as T;
  }
  return value;
}

/** The user's inputs, as stored in outputs: only the input keys, no `undefined`, no `__provider`. */
export function pickInputs(props: Partial<VmReplicationArgs> & Record<string, unknown>): VmReplicationArgs {
  const out: Record<string, unknown> = {};
  for (const k of INPUT_KEYS) {
    if (props[k] !== undefined) out[k] = props[k];
  }
  return stripUndefined(out) as unknown as VmReplicationArgs;
}

/** Outputs for a replication: the applied inputs plus the server state it keeps. */
export function toOutputs(inputs: VmReplicationArgs, server: ApiVmReplication): VmReplicationOutputs {
  return {
    ...pickInputs(inputs as VmReplicationArgs & Record<string, unknown>),
    ...pickKeys(toServerState(server), VM_STATE_KEYS),
  };
}

/**
 * The inputs that describe an existing replication (`pulumi import`): source and destination as the appliance
 * reports them, and the settings it holds, leaving out what equals the defaults (a storage profile `*`, an empty
 * description, no excluded disks, not paused, not a migration) so the code written for it stays short. With an SLA
 * profile, the profile instead of the settings it sets (the two exclude each other). A vCenter source's `vcUuid`
 * is write-only: the appliance never returns it, so the program has to add it.
 */
export function inputsOfReplication(r: ApiVmReplication): VmReplicationArgs {
  const src = r.source ?? {};
  const dst = r.destination ?? {};
  const s = r.settings ?? {};
  const cloudSource = Boolean(src.org || src.vdcId);
  const source = cloudSource
    ? { type: "vcloud" as const, site: src.site ?? "", vmId: r.vmId ?? "", ...(src.org ? { org: src.org } : {}) }
    : ({ type: "vcenter" as const, site: src.site ?? "", vmId: r.vmId ?? "" } as VmReplicationArgs["source"]);
  const sp = r.storageProfile && r.storageProfile !== "*" ? { storageProfile: r.storageProfile } : {};
  const destination: VmReplicationArgs["destination"] = dst.vdcId
    ? { type: "vcloud", site: dst.site ?? "", vdc: dst.vdcId, ...sp, ...(dst.org ? { org: dst.org } : {}) }
    : { type: "vcenter", site: dst.site ?? "" };
  const out: VmReplicationArgs = { source, destination, ...settingsInputsOf(toServerState(r)) };
  if (s.excludedDiskKeys?.length) out.excludedDisks = [...s.excludedDiskKeys];
  if (r.isMigration === true) out.isMigration = true;
  return out;
}

/** Connection of a resource, if any (it is kept in outputs as a secret so `read` and `delete` can log in). */
export function connectionOf(props: { connection?: ConnectionArgs } | undefined): ConnectionArgs | undefined {
  return props?.connection ?? undefined;
}

/**
 * Inputs after a refresh: the shared settings and pause take drifted values (settings.ts), and so do the excluded
 * disks; source, destination, site and create-only fields keep the user's values, so a failover, migration or
 * reverse done outside the stack never turns into a replacement (terraform-provider-vcd #1259).
 */
export function reflectDrift(olds: VmReplicationArgs, server: VmReplicationServerState): VmReplicationArgs {
  const next = reflectSettingsDrift(olds, server);
  if (olds.excludedDisks !== undefined && !sameDiskSet(olds.excludedDisks, server.settings.excludedDiskKeys)) {
    next.excludedDisks = [...server.settings.excludedDiskKeys];
  }
  return next;
}
