import type { InstanceRec } from "../store/replications-repo.js";
import { type Clock, connectionState, health, replicatedMB, rpoViolation } from "./lifecycle.js";
import type { Profile } from "./profiles.js";
import type { ReplicationRec } from "./replication-types.js";
import { hideAdminFields } from "./tasks.js";
import type { World } from "./world.js";

/** The fields SingleVmReplicationInfo adds to VmReplicationInfo (4.2 reference); vApp members leave them out. */
const SINGLE_ONLY = ["owner", "source", "destination", "vappReplicationId"];

/** VM replications as the API shows them (SingleVmReplicationInfo; VmReplicationInfo inside a vApp). */
export class ReplicationViews {
  constructor(
    private readonly world: World,
    private readonly clock: Clock,
    private readonly profile: Profile,
  ) {}

  view(r: ReplicationRec, admin: boolean, now = Date.now()): Record<string, unknown> {
    const total = replicatedMB(r) * 1024 * 1024;
    const syncing = r.lastInstanceAt === null && r.syncStartAt !== null && !r.isPaused;
    const frac =
      syncing && r.syncEndAt !== null
        ? Math.max(
            0,
            Math.min(1, (now - (r.syncStartAt as number)) / Math.max(1, r.syncEndAt - (r.syncStartAt as number))),
          )
        : 1;
    const done = Math.floor(total * frac);
    const rp = this.profile.replication;
    const out = {
      id: r.id,
      owner: r.owner,
      vmId: r.vmId,
      vmName: r.vmName,
      source: r.source,
      destination: rp.destinationCatalogItemId ? { ...r.destination, destinationCatalogItemId: null } : r.destination,
      storageProfile: r.storageProfile,
      storageProfileName: r.storageProfileName,
      vimLocation: r.vimLocation,
      isPaused: r.isPaused,
      settings: rp.targetDiskTypeShown ? { ...r.settings, targetDiskType: r.targetDiskType } : r.settings,
      startupInfo: r.startupInfo,
      metadata: r.metadata,
      sourceState: {
        state: r.isPaused ? "paused" : syncing ? "syncing" : "idle",
        progress: {
          progress: Math.floor(frac * 100),
          bytesTransferred: done,
          bytesToTransfer: total,
          checksumTotalBytes: total,
          checksumComparedBytes: done,
        },
        stateAge: Math.max(0, now - r.lastUpdated),
      },
      destinationState: {
        currentRpoViolation: rpoViolation(r, now, this.clock),
        latestInstance: r.latestInstance ? withoutDisks(r.latestInstance) : null,
        state: syncing ? "fullsync" : "idle",
        recoveryInfo: this.recoveryView(r),
        lastError: r.lastError,
        stateAge: Math.max(0, now - r.lastUpdated),
        spaceRequirement: total,
        isMovingReplica: false,
      },
      dataConnectionState: connectionState(r, now),
      overallHealth: health(r, now, this.clock),
      lastUpdated: r.lastUpdated,
      isReversed: r.isReversed,
      vappReplicationId: r.vappReplicationId,
      computerName: r.computerName,
      vmDescription: r.vmDescription,
      isMigration: r.isMigration,
      slaProfile: r.slaProfile,
      ...(rp.vcdPolicies ? VCD_POLICIES : {}),
    };
    return admin ? out : hideAdminFields(out);
  }

  /** A VM of a vApp replication (VmReplicationInfo: the vApp carries owner, source and destination). */
  memberView(r: ReplicationRec, admin: boolean, now = Date.now()): Record<string, unknown> {
    const v = this.view(r, admin, now);
    for (const k of SINGLE_ONLY) delete v[k];
    return v;
  }

  private recoveryView(r: ReplicationRec): Record<string, unknown> {
    const rp = this.profile.replication;
    const out: Record<string, unknown> = { ...r.recoveryInfo };
    if (rp.optimizeUntil) out.optimizeUntil = null;
    if (rp.recoveryStorageProfile && r.recoveryInfo.type === "vcd") {
      // where the recovered VM was placed: the replication's storage profile once a recovery ran
      const state = r.recoveryInfo.recoveryState;
      const placed = (state === "TEST" || state === "COMPLETE") && r.destination.vdcId;
      const sp = placed
        ? this.world
            .findVdc(r.destination.vdcId as string)
            ?.storageProfiles.find((p) => p.name === r.storageProfileName)
        : undefined;
      out.storageProfileId = sp?.id ?? null;
      out.storageProfileName = sp?.name ?? null;
    }
    return out;
  }
}

function withoutDisks(i: InstanceRec): Omit<InstanceRec, "disksInfo"> {
  const { disksInfo: _d, ...rest } = i;
  return rest;
}

/** 4.5 on: VCD placement, sizing and guest customization of the recovered VM; the emulator sets none of them. */
const VCD_POLICIES = {
  guestCustomization: {
    adminAutoLogonCount: 0,
    adminPassword: null,
    adminPasswordAuto: false,
    adminPasswordEnabled: false,
    changeSid: false,
    computerName: null,
    customizationScript: null,
    domainName: null,
    domainOrgUnit: null,
    domainUserName: null,
    domainUserPassword: null,
    enabled: false,
    joinDomainEnabled: false,
    resetPasswordRequired: false,
    useOrgSettings: false,
  },
  placementPolicy: null,
  placementPolicyName: null,
  sizingPolicy: null,
  sizingPolicyName: null,
};
