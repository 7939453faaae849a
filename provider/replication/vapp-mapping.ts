/**
 * Pure mappings of a vApp replication: inputs → create body, API object → outputs and drift. A vApp replication
 * holds one VM replication per VM of the vApp (`vmReplications`); VCDA applies the vApp's settings to each, so the
 * first member's settings stand for the vApp's, and each member's excluded disks are its own.
 */
import type { ApiCreateVappReplication, ApiVappReplication, ApiVmReplication } from "../api/replication";
import type { VappReplicationInputs } from "../inputs";
import type { CutoverResult } from "./cutover";
import { type DestinationDetails, destinationDetailsOf, n, pickKeys, stripUndefined } from "./mapping";
import {
  createSettings,
  reflectSettingsDrift,
  type ServerSettings,
  SHARED_INPUT_KEYS,
  sameDiskSet,
  settingsInputsOf,
  toServerSettings,
} from "./settings";

export type VappReplicationArgs = VappReplicationInputs & {
  /** Recorded by the provider once a cutover ran (cutover.ts). */
  cutoverResult?: CutoverResult;
};

/** One VM of the vApp, as outputs report it. */
export interface VappMemberState {
  /** The VM replication's id, `C4-…`. */
  replicationId: string;
  vmId: string | null;
  vmName: string | null;
  isPaused: boolean | null;
  overallHealth: string | null;
  recoveryState: string | null;
  currentRpoViolation: number | null;
  syncProgress: number | null;
  excludedDiskKeys: number[];
  lastError: { code: string | null; msg: string | null } | null;
}

/** A vApp replication as the appliance reports it, flattened: what a lookup (getVappReplication) returns. */
export interface VappReplicationServerState {
  /** `C4VAPP-<uuid>`; also the resource id. */
  replicationId: string;
  vappName: string | null;
  owner: string | null;
  sourceDetails: { site: string | null; org: string | null; vdcId: string | null; vdcName: string | null };
  destinationDetails: DestinationDetails;
  /** The settings VCDA applies to every VM (those of the first VM). */
  settings: ServerSettings;
  slaProfile: { id: string | null; displayName: string | null } | null;
  /** True when every VM is paused. */
  isPaused: boolean | null;
  overallHealth: string | null;
  /** The most telling state of its VMs: IN_PROGRESS, TEST, COMPLETE (any VM recovered), else NOT_STARTED. */
  recoveryState: string | null;
  /** True when a VM's replication was reversed. */
  isReversed: boolean | null;
  lastUpdated: number | null;
  /** Number of VMs replicated. */
  vmCount: number;
  vmReplications: VappMemberState[];
}

/** The server state a VappReplication resource keeps: what users monitor (see VM_STATE_KEYS in mapping.ts). */
export type VappReplicationState = Pick<VappReplicationServerState, (typeof VAPP_OUTPUT_KEYS)[number]>;

export type VappReplicationOutputs = VappReplicationArgs & VappReplicationState;

export const VAPP_INPUT_KEYS = [
  "source",
  "destination",
  "excludedDisks",
  "cutoverResult",
  ...SHARED_INPUT_KEYS,
] as const satisfies ReadonlyArray<keyof VappReplicationArgs>;

/** Server outputs of a vApp replication, the keys a Resource class declares; the rest stays with the lookup. */
export const VAPP_OUTPUT_KEYS = [
  "replicationId",
  "vappName",
  "isPaused",
  "overallHealth",
  "recoveryState",
  "isReversed",
  "vmCount",
  "vmReplications",
] as const satisfies ReadonlyArray<keyof VappReplicationServerState>;

/** Body of POST /vapp-replications: the vApp, its destination vDC, the shared settings. */
export function toVappCreateBody(args: VappReplicationArgs): ApiCreateVappReplication {
  const d = args.destination;
  return {
    source: { type: "vapp", site: args.source.site, vappId: args.source.vappId },
    destination: {
      type: "vcloud",
      site: d.site,
      vdc: d.vdc,
      ...(d.storageProfile !== undefined && d.storageProfile !== null ? { storageProfile: d.storageProfile } : {}),
    },
    ...createSettings(args),
  };
}

const RECOVERY_ORDER = ["IN_PROGRESS", "TEST", "COMPLETE", "NOT_STARTED"];

function member(m: ApiVmReplication): VappMemberState {
  const ds = m.destinationState ?? {};
  return {
    replicationId: m.id,
    vmId: n(m.vmId),
    vmName: n(m.vmName),
    isPaused: n(m.isPaused),
    overallHealth: n(m.overallHealth),
    recoveryState: n(ds.recoveryInfo?.recoveryState),
    currentRpoViolation: n(ds.currentRpoViolation),
    syncProgress: n(m.sourceState?.progress?.progress),
    excludedDiskKeys: [...(m.settings?.excludedDiskKeys ?? [])],
    lastError: ds.lastError ? { code: n(ds.lastError.code), msg: n(ds.lastError.msg) } : null,
  };
}

/** Server state of a vApp replication as outputs; absent fields become `null`. */
export function toVappServerState(r: ApiVappReplication): VappReplicationServerState {
  const members = r.vmReplications ?? [];
  const views = members.map(member);
  const first = members[0];
  const states = views.map((v) => v.recoveryState).filter((s): s is string => s !== null);
  return {
    replicationId: r.id,
    vappName: n(r.descriptor?.name),
    owner: n(r.owner),
    sourceDetails: {
      site: n(r.source?.site),
      org: n(r.source?.org),
      vdcId: n(r.source?.vdcId),
      vdcName: n(r.source?.vdcName),
    },
    destinationDetails: destinationDetailsOf(r.destination),
    settings: toServerSettings(first?.settings),
    slaProfile: first?.slaProfile ? { id: n(first.slaProfile.id), displayName: n(first.slaProfile.displayName) } : null,
    isPaused: views.length ? views.every((v) => v.isPaused === true) : null,
    overallHealth: n(r.overallHealth),
    recoveryState: states.length ? (RECOVERY_ORDER.find((s) => states.includes(s)) ?? states[0] ?? null) : null,
    isReversed: members.length ? members.some((m) => m.isReversed === true) : null,
    lastUpdated: n(r.lastUpdated),
    vmCount: members.length,
    vmReplications: views,
  };
}

/** The user's inputs, as stored in outputs: only the input keys, no `undefined`, no `__provider`. */
export function pickVappInputs(props: Record<string, unknown>): VappReplicationArgs {
  const out: Record<string, unknown> = {};
  for (const k of VAPP_INPUT_KEYS) if (props[k] !== undefined) out[k] = props[k];
  return stripUndefined(out) as unknown as VappReplicationArgs;
}

/** Outputs for a vApp replication: the applied inputs plus the server state. */
export function toVappOutputs(inputs: VappReplicationArgs, server: ApiVappReplication): VappReplicationOutputs {
  return {
    ...pickVappInputs(inputs as unknown as Record<string, unknown>),
    ...pickKeys(toVappServerState(server), VAPP_OUTPUT_KEYS),
  };
}

/**
 * Inputs after a refresh: the shared settings (settings.ts), pause, and each managed VM's excluded disks take
 * drifted values; source and destination never do, so a recovery outside the stack is never a replacement.
 */
export function reflectVappDrift(olds: VappReplicationArgs, server: ApiVappReplication): VappReplicationArgs {
  const state = toVappServerState(server);
  const next = reflectSettingsDrift(olds, state);
  if (olds.excludedDisks !== undefined) {
    const disks: Record<string, number[]> = {};
    for (const [vmId, keys] of Object.entries(olds.excludedDisks)) {
      const m = state.vmReplications.find((v) => v.vmId === vmId);
      disks[vmId] = m && !sameDiskSet(keys, m.excludedDiskKeys) ? [...m.excludedDiskKeys] : keys;
    }
    next.excludedDisks = disks;
  }
  return next;
}

/**
 * The inputs that describe a vApp replication the appliance holds, for a read without state (`pulumi import`): the
 * source vApp and destination vDC, the settings VCDA applies to every VM (those of the first VM), each VM's excluded
 * disks, pause (every VM paused), migration. The storage profile `*` (the vDC's default) is left out.
 */
export function inputsOfVapp(r: ApiVappReplication): VappReplicationArgs {
  const state = toVappServerState(r);
  const src = r.source ?? {};
  const dst = r.destination ?? {};
  const profile = r.vmReplications?.[0]?.storageProfile;
  const out: VappReplicationArgs = {
    source: { type: "vcloud", site: src.site ?? "", vappId: src.vappId ?? "", ...(src.org ? { org: src.org } : {}) },
    destination: {
      type: "vcloud",
      site: dst.site ?? "",
      vdc: dst.vdcId ?? "",
      ...(profile && profile !== "*" ? { storageProfile: profile } : {}),
      ...(dst.org ? { org: dst.org } : {}),
    },
    ...settingsInputsOf(state),
  };
  const disks = state.vmReplications.filter((m) => m.vmId !== null && m.excludedDiskKeys.length > 0);
  if (disks.length > 0)
    out.excludedDisks = Object.fromEntries(disks.map((m) => [m.vmId as string, [...m.excludedDiskKeys]]));
  if (r.isMigration === true) out.isMigration = true;
  return out;
}

/** The members kept in outputs, as API objects (the starting point of an update's steps). */
export function vappFromOutputs(id: string, olds: Partial<VappReplicationOutputs>): ApiVappReplication {
  return {
    id,
    vmReplications: (olds.vmReplications ?? []).map((m) => ({
      id: m.replicationId,
      vmId: m.vmId,
      isPaused: m.isPaused,
      settings: { excludedDiskKeys: [...m.excludedDiskKeys] } as ApiVmReplication["settings"],
    })),
  };
}
