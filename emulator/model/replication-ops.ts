import { randomUUID } from "node:crypto";
import type { InstanceRec, InstancesRepo } from "../store/replications-repo.js";
import { checkLimits, checkSettings, type Limits } from "./enforcement.js";
import {
  BadRequest,
  InstanceNotFound,
  InvalidReplicationState,
  NoInstanceAvailable,
  ReplicationPaused,
} from "./errors.js";
import { beginInitialSync, type Clock, refresh, takeInstance } from "./lifecycle.js";
import type { Policies } from "./policies.js";
import type { Profile } from "./profiles.js";
import type { RecoveryState, ReplicationRec } from "./replication-types.js";
import type { ReconfigureBody } from "./schemas.js";
import type { World } from "./world.js";

export type RecoveryOp = "failover" | "failoverTest" | "migrate";
export type Op = RecoveryOp | "stop" | "sync" | "pause" | "resume" | "failoverTestCleanup" | "reverse" | "reconfigure";

export interface RecoveryRequest {
  type: "vcloud" | "vcenter";
  instanceId?: string | null;
  sync?: boolean;
}

/** What a task applies when it ends; kept in the task so a restarted process can finish it. */
export interface OpParams {
  [k: string]: unknown;
  /** Recovery ops: the state before IN_PROGRESS, restored when the task fails. */
  prev?: RecoveryState;
  /** The instance a failover or test recovers (the latest at request time unless one was named). */
  instanceId?: string;
  sync?: boolean;
  /** vApp members: the one vApp the recovered VMs go to. */
  vappId?: string;
  /** Cleanup of a replication without a test: the task succeeds and changes nothing. */
  noop?: boolean;
}

export const isRecovery = (op: string): op is RecoveryOp =>
  op === "failover" || op === "failoverTest" || op === "migrate";

/**
 * The rules of each action on one VM replication (checked when it is requested, nothing changes on a refusal) and its
 * effect when its task ends. VM and vApp replications both go through here, so a vApp applies the VM rules to each VM.
 */
export class ReplicationOps {
  constructor(
    private readonly world: World,
    private readonly instances: InstancesRepo,
    private readonly policies: Policies,
    private readonly clock: Clock,
    private readonly limits: Limits,
    private readonly profile: Profile,
  ) {}

  // ---------- checks ----------

  /** A failover, test failover or migration task is running: everything but delete waits for it. */
  private notBusy(r: ReplicationRec, what: string): void {
    if (r.recoveryInfo.recoveryState === "IN_PROGRESS")
      throw new InvalidReplicationState(r.id, `has a failover, test failover or migration in progress; ${what} waits`);
  }

  checkSync(r: ReplicationRec): OpParams {
    this.notBusy(r, "a sync");
    if (r.isPaused) throw new ReplicationPaused(r.id, "a manual sync");
    if (r.recoveryInfo.recoveryState === "COMPLETE")
      throw new InvalidReplicationState(r.id, "has been recovered; reverse it before syncing");
    return {};
  }

  checkPause(r: ReplicationRec): OpParams {
    this.notBusy(r, "a pause");
    if (r.recoveryInfo.recoveryState === "COMPLETE")
      throw new InvalidReplicationState(r.id, "has been recovered and cannot be paused");
    return {};
  }

  checkResume(r: ReplicationRec): OpParams {
    this.notBusy(r, "a resume");
    return {};
  }

  /** Failover, test failover, migration: the guide's rules (L10171-10179, L12158) and one recovery at a time. */
  checkRecover(r: ReplicationRec, op: RecoveryOp, body: RecoveryRequest): OpParams {
    if (body.type !== r.destinationType) {
      throw new BadRequest(
        `Replication '${r.id}' has a ${r.destinationType} destination; use type '${r.destinationType}'.`,
        [body.type],
      );
    }
    if (op === "failoverTest" && body.sync && body.instanceId)
      throw new BadRequest("'sync' and 'instanceId' cannot be used together.", ["sync", "instanceId"]);
    this.notBusy(r, "another recovery");
    if (r.isPaused && (op === "migrate" || (op === "failoverTest" && body.sync)))
      throw new ReplicationPaused(r.id, op === "migrate" ? "a planned migration" : "a test failover with sync");
    if (r.recoveryInfo.recoveryState === "COMPLETE") throw new InvalidReplicationState(r.id, "is already recovered");
    if (r.recoveryInfo.recoveryState === "TEST")
      throw new InvalidReplicationState(r.id, "has a test failover; clean it up first");
    let instanceId: string | undefined;
    if (body.instanceId) {
      const i = this.findInstance(r.id, body.instanceId);
      if (!i) throw new InstanceNotFound(body.instanceId);
      instanceId = i.key;
    } else if (!r.latestInstance) throw new NoInstanceAvailable(r.id);
    else if (op !== "migrate" && !body.sync) instanceId = r.latestInstance.key;
    return { instanceId, sync: op === "migrate" || Boolean(body.sync), prev: r.recoveryInfo.recoveryState };
  }

  /** Cleaning up where no test is (never run, already cleaned up, or recovered since) changes nothing. */
  checkCleanup(r: ReplicationRec): OpParams {
    this.notBusy(r, "the cleanup");
    return r.recoveryInfo.recoveryState === "TEST" ? {} : { noop: true };
  }

  checkReverse(r: ReplicationRec): OpParams {
    if (r.recoveryInfo.recoveryState !== "COMPLETE")
      throw new InvalidReplicationState(r.id, "must be failed over or migrated before it can be reversed");
    return {};
  }

  checkReconfigure(r: ReplicationRec, b: ReconfigureBody): OpParams {
    this.notBusy(r, "a reconfiguration");
    const sla = b.slaProfileId ? this.world.slaProfile(b.slaProfileId) : undefined;
    const customGiven =
      b.rpo !== undefined ||
      b.dataConnectionType !== undefined ||
      b.quiesced !== undefined ||
      b.retentionPolicy !== undefined;
    const next = {
      rpo: b.rpo ?? r.settings.rpo,
      quiesced: b.quiesced ?? r.settings.quiesced,
      retentionPolicy: b.retentionPolicy ?? r.settings.retentionPolicy,
    };
    checkLimits(this.limits, next);
    const local = (end: { site: string; org: string | null }) =>
      end.org && end.site === this.world.localSite
        ? { org: end.org, policy: this.policies.policyOf(end.org) }
        : undefined;
    checkSettings({
      ...next,
      custom: customGiven,
      flags: this.profile.policy.flags,
      dest: local(r.destination),
      source: local(r.source),
    });
    return { body: b, sla: sla ? { id: sla.id, displayName: sla.displayName } : null, customGiven };
  }

  checkDisks(r: ReplicationRec, keys: number[]): OpParams {
    this.notBusy(r, "a disk change");
    for (const k of keys)
      if (r.hardware.diskMB[String(k)] === undefined)
        throw new BadRequest(`VM '${r.vmId}' has no disk with key ${k}.`, [k]);
    return { disks: [...new Set(keys)] };
  }

  /** Accepts an instance key with or without the `replica-` prefix (the guide's failover examples omit it). */
  findInstance(id: string, key: string): InstanceRec | undefined {
    return this.instances.get(id, key) ?? this.instances.get(id, `replica-${key}`);
  }

  // ---------- effects ----------

  /** When the task starts: a recovery shows IN_PROGRESS until its task ends, and holds its instance. */
  begin(r: ReplicationRec, op: Op, p: OpParams): void {
    if (!isRecovery(op)) return;
    r.recoveryInfo = { ...r.recoveryInfo, recoveryState: "IN_PROGRESS" };
    r.recoveryInstance = p.instanceId ?? null;
  }

  /** A failed task leaves the replication as it was before the recovery started. */
  undo(r: ReplicationRec, op: Op, p: OpParams): boolean {
    if (!isRecovery(op) || r.recoveryInfo.recoveryState !== "IN_PROGRESS") return false;
    r.recoveryInfo = { ...r.recoveryInfo, recoveryState: p.prev ?? "NOT_STARTED" };
    r.recoveryInstance = null;
    return true;
  }

  /** The effect of a finished task (not `stop`: deleting is the caller's). */
  apply(r: ReplicationRec, op: Op, p: OpParams, now: number): void {
    switch (op) {
      case "stop":
        return;
      case "sync":
        if (r.lastInstanceAt === null) {
          if (r.syncStartAt === null) beginInitialSync(r, now, this.clock, true);
        } else if (!r.isPaused) takeInstance(r, now, this.instances, false);
        break;
      case "pause":
        r.isPaused = true;
        break;
      case "resume":
        r.isPaused = false;
        if (r.lastInstanceAt === null && r.syncEndAt !== null && r.syncEndAt < now)
          r.syncEndAt = now + this.clock.initialSyncMs;
        break;
      case "failover":
      case "migrate": {
        if (op === "migrate") {
          // planned migration: sync first, then power the source off (4.5 reference)
          takeInstance(r, now, this.instances, false);
          this.world.setPowerState(
            { site: r.source.site, id: r.vmId, vcUuid: r.sourceVcUuid ?? undefined },
            "poweredOff",
          );
        }
        const ids = this.recoveredIds(r, p.vappId, true);
        r.recoveryInstance = null;
        r.recoveryInfo = { ...r.recoveryInfo, vAppId: ids.vapp, vcdVmId: ids.vm, recoveryState: "COMPLETE" };
        r.destination.recoveredVappId = ids.vapp;
        break;
      }
      case "failoverTest": {
        // the test keeps its instance (the synced one with sync) until its cleanup
        if (p.sync) r.recoveryInstance = takeInstance(r, now, this.instances, false).key;
        const ids = this.recoveredIds(r, p.vappId, false);
        r.recoveryInfo = { ...r.recoveryInfo, vAppId: ids.vapp, vcdVmId: ids.vm, recoveryState: "TEST" };
        break;
      }
      case "failoverTestCleanup":
        if (r.recoveryInfo.recoveryState === "TEST") {
          r.recoveryInfo = { ...r.recoveryInfo, vAppId: null, vcdVmId: null, recoveryState: "NOT_STARTED" };
          r.recoveryInstance = null;
        }
        break;
      case "reverse":
        this.applyReverse(r, now);
        break;
      case "reconfigure":
        if (p.disks) r.settings.excludedDiskKeys = p.disks as number[];
        else
          applyReconfigure(r, p.body as ReconfigureBody, p.sla as ReplicationRec["slaProfile"], Boolean(p.customGiven));
        break;
    }
    refresh(r, now, this.clock);
  }

  /** The VM (and, for VCD, the vApp) a recovery creates; a real one keeps the vApp it recovered into. */
  private recoveredIds(
    r: ReplicationRec,
    vappId: string | undefined,
    real: boolean,
  ): { vapp: string | null; vm: string } {
    if (r.destinationType === "vcloud")
      return { vapp: vappId ?? (real ? r.destination.recoveredVappId : null) ?? randomUUID(), vm: randomUUID() };
    return { vapp: null, vm: `vm-${1000 + r.seq}` };
  }

  /** decisions.md #17: same id, source and destination swapped, isReversed flipped, a new initial sync. */
  private applyReverse(r: ReplicationRec, now: number): void {
    const oldSrc = r.source;
    const oldDst = r.destination;
    const newDstVdc = oldSrc.vdcId ? this.world.vdc(oldSrc.vdcId) : undefined;
    const profile = newDstVdc?.storageProfiles[0];
    r.vmId = r.recoveryInfo.vcdVmId ?? r.vmId;
    r.source = {
      site: oldDst.site,
      org: oldDst.org,
      vdcId: oldDst.vdcId,
      vdcName: oldDst.vdcName,
      vappId: oldDst.recoveredVappId,
      vappName: oldSrc.vappName,
    };
    r.destination = {
      site: oldSrc.site,
      org: oldSrc.org,
      vdcId: oldSrc.vdcId,
      vdcName: oldSrc.vdcName,
      recoveredVappId: null,
    };
    [r.sourceType, r.destinationType] = [r.destinationType, r.sourceType];
    r.storageProfile = profile ? "*" : null;
    r.storageProfileName = profile?.name ?? null;
    r.vimLocation = {
      vimServer: newDstVdc?.vimServer ?? r.sourceVcUuid,
      vimServerInstanceUuid: newDstVdc?.vimServerInstanceUuid ?? r.sourceVcUuid,
      datastore: profile?.datastore ?? null,
      datastoreMoref: profile?.datastoreMoref ?? null,
      datastoreName: profile?.datastoreName ?? null,
    };
    r.isReversed = !r.isReversed;
    r.isPaused = false;
    r.recoveryInfo = {
      vAppId: null,
      vcdVmId: null,
      type: r.destinationType === "vcloud" ? "vcd" : "vc",
      recoveryState: "NOT_STARTED",
    };
    this.instances.deleteAll(r.id);
    r.settings.initialSyncTime = 0;
    beginInitialSync(r, now, this.clock, true);
  }
}

function applyReconfigure(
  r: ReplicationRec,
  b: ReconfigureBody,
  sla: ReplicationRec["slaProfile"],
  customGiven: boolean,
): void {
  const s = r.settings;
  if (b.description !== undefined) s.description = b.description;
  if (b.rpo !== undefined) s.rpo = b.rpo;
  if (b.dataConnectionType !== undefined) s.dataConnectionType = b.dataConnectionType;
  if (b.quiesced !== undefined) s.quiesced = b.quiesced;
  if (b.retentionPolicy !== undefined) s.retentionPolicy = b.retentionPolicy;
  if (b.initialSyncTime !== undefined) s.initialSyncTime = b.initialSyncTime;
  // guide L15829: custom settings without a profile discard the old profile
  if (sla) r.slaProfile = sla;
  else if (customGiven) r.slaProfile = null;
  const sr = b.sourceReconfigure;
  if (sr) {
    if (sr.vappName !== undefined) r.vappName = sr.vappName;
    if (sr.vmStartupInfo) r.startupInfo = { ...r.startupInfo, ...sr.vmStartupInfo };
  }
}
