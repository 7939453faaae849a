import type { SlaProfile, StorageProfile, Vcenter, Vdc, Vm } from "../inventory/types.js";
import { StorageProfileNotFound } from "./errors.js";
import type { ReplicationRec, ReplicationSettings } from "./replication-types.js";
import type { CreateReplicationBody } from "./schemas.js";
import type { World } from "./world.js";

/** Settings of a create body that a VM and a vApp create share. */
export type SettingsBody = Pick<
  CreateReplicationBody,
  "description" | "rpo" | "dataConnectionType" | "quiesced" | "retentionPolicy" | "initialSyncTime"
>;

/** Defaults: rpo = SLA profile's or 60, retention = profile's or 1 × max(rpo, 60), quiesced, ENCRYPTED_COMPRESSED. */
export function settingsOf(b: SettingsBody, sla: SlaProfile | undefined, excluded: number[]): ReplicationSettings {
  const rpo = b.rpo ?? sla?.rpo ?? 60;
  return {
    description: b.description ?? "",
    rpo,
    dataConnectionType: b.dataConnectionType ?? sla?.dataConnectionType ?? "ENCRYPTED_COMPRESSED",
    quiesced: b.quiesced ?? sla?.quiesced ?? true,
    retentionPolicy: b.retentionPolicy ??
      sla?.retentionPolicy ?? { rules: [{ numberOfInstances: 1, distance: Math.max(rpo, 60) }] },
    initialSyncTime: b.initialSyncTime ?? 0,
    excludedDiskKeys: excluded,
  };
}

/** A cloud destination's vDC and storage profile (`*` or none = the vDC's first). */
export function cloudDestination(
  world: World,
  dst: { site: string; vdc: string; storageProfile?: string },
): { vdc: Vdc; profile: StorageProfile; storageProfile: string } {
  const vdc = world.vdc(dst.vdc, dst.site);
  const sp = dst.storageProfile;
  const profile =
    !sp || sp === "*" ? vdc.storageProfiles[0] : vdc.storageProfiles.find((p) => p.id === sp || p.name === sp);
  if (!profile) throw new StorageProfileNotFound(sp ?? "*");
  return { vdc, profile, storageProfile: sp ?? "*" };
}

export interface NewReplication {
  id: string;
  owner: string;
  vm: Vm;
  sourceSite: string;
  srcVdc?: Vdc;
  destinationSite: string;
  dstVdc?: Vdc;
  profile?: { name: string; datastore?: string; datastoreMoref?: string; datastoreName?: string };
  storageProfile: string | null;
  /** The vCenter of an on-prem destination. */
  vcenter?: Vcenter;
  settings: ReplicationSettings;
  isMigration: boolean;
  sla?: SlaProfile;
  vappReplicationId: string;
  sourceType: "vcloud" | "vcenter";
  destinationType: "vcloud" | "vcenter";
  sourceVcUuid: string | null;
  targetDiskType: string;
  now: number;
}

/** A pending replication record (its create task makes it visible). */
export function newReplication(n: NewReplication): ReplicationRec {
  const { vm, srcVdc, dstVdc, profile, vcenter } = n;
  return {
    id: n.id,
    owner: n.owner,
    vmId: vm.id,
    vmName: vm.name,
    source: {
      site: n.sourceSite,
      org: vm.org ?? null,
      vdcId: srcVdc?.id ?? null,
      vdcName: srcVdc?.name ?? null,
      vappId: vm.vappId ?? null,
      vappName: vm.vappName ?? null,
    },
    destination: {
      site: n.destinationSite,
      org: dstVdc?.org ?? null,
      vdcId: dstVdc?.id ?? null,
      vdcName: dstVdc?.name ?? null,
      recoveredVappId: null,
    },
    storageProfile: n.storageProfile,
    storageProfileName: profile?.name ?? null,
    vimLocation: {
      vimServer: dstVdc?.vimServer ?? vcenter?.uuid ?? null,
      vimServerInstanceUuid: dstVdc?.vimServerInstanceUuid ?? vcenter?.uuid ?? null,
      datastore: profile?.datastore ?? null,
      datastoreMoref: profile?.datastoreMoref ?? null,
      datastoreName: profile?.datastoreName ?? null,
    },
    isPaused: false,
    settings: n.settings,
    startupInfo: { order: 0, startAction: "powerOn", startDelay: 0, stopAction: "powerOff", stopDelay: 0 },
    metadata: {},
    recoveryInfo: {
      vAppId: null,
      vcdVmId: null,
      type: n.destinationType === "vcloud" ? "vcd" : "vc",
      recoveryState: "NOT_STARTED",
    },
    lastError: null,
    dataConnectionState: "INITIAL_SYNCING",
    overallHealth: "GREEN",
    lastUpdated: n.now,
    isReversed: false,
    vappReplicationId: n.vappReplicationId,
    computerName: vm.computerName ?? null,
    vmDescription: vm.description ?? null,
    isMigration: n.isMigration,
    slaProfile: n.sla ? { id: n.sla.id, displayName: n.sla.displayName } : null,
    vappName: null,
    pending: true,
    seq: 0,
    sourceType: n.sourceType,
    destinationType: n.destinationType,
    sourceVcUuid: n.sourceVcUuid,
    targetDiskType: n.targetDiskType,
    hardware: {
      cpus: vm.cpus ?? -1,
      coresPerSocket: vm.coresPerSocket ?? null,
      memoryMB: vm.memoryMB ?? -1,
      diskMB: Object.fromEntries(vm.disks.map((d) => [String(d.key), d.capacityMB])),
    },
    syncStartAt: null,
    syncEndAt: null,
    lastInstanceAt: null,
    latestInstance: null,
    instanceSeq: 0,
    nextEventAt: null,
    createdAt: n.now,
  };
}
