import { randomUUID } from "node:crypto";
import type { Vdc, Vm } from "../inventory/types.js";
import type { InstanceRec, InstancesRepo, ReplicationFilter, ReplicationsRepo } from "../store/replications-repo.js";
import type { SessionRec } from "../store/sessions-repo.js";
import type { TaskRec } from "../store/tasks-repo.js";
import { checkCreate, checkLimits, checkSettings, type Limits } from "./enforcement.js";
import {
  BadRequest,
  InstanceNotFound,
  InvalidReplicationState,
  NoInstanceAvailable,
  ReplicationPaused,
  SeedMismatch,
  StorageProfileNotFound,
  VmAlreadyReplicated,
  VmNotFound,
  VmReplicationNotFound,
} from "./errors.js";
import {
  advance,
  beginInitialSync,
  type Clock,
  connectionState,
  health,
  refresh,
  replicatedMB,
  rpoViolation,
  takeInstance,
} from "./lifecycle.js";
import type { Policies } from "./policies.js";
import type { Profile } from "./profiles.js";
import type { ReplicationRec } from "./replication-types.js";
import type { CreateReplicationBody, ReconfigureBody } from "./schemas.js";
import type { Sessions } from "./sessions.js";
import { hideAdminFields, type Tasks } from "./tasks.js";
import type { World } from "./world.js";

export type RecoveryOp = "failover" | "failoverTest" | "migrate";
export interface RecoveryRequest {
  type: "vcloud" | "vcenter";
  instanceId?: string;
  sync?: boolean;
}

export interface StatsQuery {
  interval?: string;
  start?: number;
  end?: number;
}

const INTERVALS: Record<string, number> = { FIVE_MINUTES: 300_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** VM replications: create variants, reads, actions and the simulated lifecycle (guide L3987-16227). */
export class Replications {
  constructor(
    private readonly repo: ReplicationsRepo,
    private readonly instances: InstancesRepo,
    private readonly world: World,
    private readonly sessions: Sessions,
    private readonly policies: Policies,
    private readonly tasks: Tasks,
    private readonly clock: Clock,
    private readonly limits: Limits,
    private readonly profile: Profile,
  ) {
    tasks.register("replication.create", {
      complete: (t) => this.finishCreate(t),
      fail: (t) => this.repo.delete(String(t.action?.id)),
    });
    tasks.register("replication.op", { complete: (t) => this.finishOp(t) });
  }

  // ---------- reads ----------

  /** A replication the caller may see (decisions.md #4: others' ids answer 404). */
  get(caller: SessionRec, id: string): ReplicationRec {
    const r = this.repo.get(id);
    if (!r || r.pending || !this.visible(caller, r)) throw new VmReplicationNotFound(id);
    return r;
  }

  private visible(caller: SessionRec, r: ReplicationRec): boolean {
    if (caller.admin || r.owner === caller.principal) return true;
    return caller.authenticatedSites.some(
      (p) =>
        (p.site === r.source.site && p.org === r.source.org) ||
        (p.site === r.destination.site && p.org === r.destination.org),
    );
  }

  list(caller: SessionRec, f: ReplicationFilter): { items: ReplicationRec[]; total: number } {
    if (!caller.admin) f.scope = { owner: caller.principal, pairs: caller.authenticatedSites };
    return this.repo.query(f);
  }

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
        state: r.isPaused ? "paused" : syncing ? "syncing" : r.lastInstanceAt === null ? "idle" : "idle",
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
        latestInstance: r.latestInstance ? { ...r.latestInstance, disksInfo: undefined } : null,
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
    if (out.destinationState.latestInstance)
      delete (out.destinationState.latestInstance as Partial<InstanceRec>).disksInfo;
    return admin ? out : hideAdminFields(out);
  }

  private recoveryView(r: ReplicationRec): Record<string, unknown> {
    const rp = this.profile.replication;
    const out: Record<string, unknown> = { ...r.recoveryInfo };
    if (rp.optimizeUntil) out.optimizeUntil = null;
    if (rp.recoveryStorageProfile && r.recoveryInfo.type === "vcd") {
      // where the recovered VM was placed: the replication's storage profile once a recovery ran
      const placed = r.recoveryInfo.recoveryState !== "NOT_STARTED" && r.destination.vdcId;
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

  listInstances(caller: SessionRec, id: string): Omit<InstanceRec, "disksInfo">[] {
    this.get(caller, id);
    return this.instances.list(id).map(({ disksInfo: _d, ...i }) => i);
  }

  instance(caller: SessionRec, id: string, key: string): InstanceRec {
    this.get(caller, id);
    const i = this.findInstance(id, key);
    if (!i) throw new InstanceNotFound(key);
    return i;
  }

  /** Accepts an instance key with or without the `replica-` prefix (the guide's failover examples omit it). */
  private findInstance(id: string, key: string): InstanceRec | undefined {
    return this.instances.get(id, key) ?? this.instances.get(id, `replica-${key}`);
  }

  stats(caller: SessionRec, id: string, q: StatsQuery, kind: "traffic" | "disk-usage"): Record<string, unknown> {
    const r = this.get(caller, id);
    const interval = q.interval ?? "HOUR";
    const step = INTERVALS[interval];
    if (!step) throw new BadRequest(`interval must be one of FIVE_MINUTES, HOUR, DAY; got '${interval}'.`, [interval]);
    const end = q.end ?? Date.now();
    const start = q.start ?? end - 86_400_000;
    if (start >= end) throw new BadRequest(`start (${start}) must be before end (${end}).`, [start, end]);
    if ((end - start) / step > 10_000)
      throw new BadRequest("The time range holds more than 10000 samples; use a larger interval.", [
        start,
        end,
        interval,
      ]);
    const samples: { timestamp: number; bytes: number }[] = [];
    const total = replicatedMB(r) * 1024 * 1024;
    for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
      let bytes = 0;
      if (t >= r.createdAt - step) {
        const h = (Math.sin(t / step + r.seq) + 1) / 2;
        bytes =
          kind === "traffic"
            ? Math.round(total * 0.0005 * (step / 300_000) * (0.5 + h))
            : Math.round(total * (1 + 0.05 * h));
      }
      samples.push({ timestamp: t, bytes: bytes + 0.0 });
    }
    return { label: r.id, interval, start, end, samples };
  }

  virtualHardware(caller: SessionRec, id: string): Record<string, unknown> {
    const r = this.get(caller, id);
    return {
      cpus: r.hardware.cpus,
      coresPerSocket: r.hardware.coresPerSocket,
      memoryMB: r.hardware.memoryMB,
      storageMB: replicatedMB(r),
    };
  }

  // ---------- create ----------

  create(caller: SessionRec, siteParam: string | undefined, b: CreateReplicationBody): TaskRec {
    const site = this.sessions.resolveSite(caller, siteParam);
    const now = Date.now();
    const src = b.source;
    const dst = b.destination;
    // source
    const srcSite = this.world.site(src.site);
    this.sessions.requireSite(caller, src.site);
    let vm: Vm;
    let srcVdc: Vdc | undefined;
    if (src.type === "vm") {
      if (srcSite.type !== "cloud")
        throw new BadRequest(`Source type 'vm' needs a cloud site; '${src.site}' is on-premises.`, [src.site]);
      vm = this.world.cloudVm(src.site, src.vmId);
      srcVdc = vm.vdcId ? this.world.vdc(vm.vdcId) : undefined;
    } else {
      this.world.vcenter(src.vcUuid, src.site);
      vm = this.world.vcVm(src.vcUuid, src.vmId);
    }
    // destination
    const dstSite = this.world.site(dst.site);
    if (dst.site === src.site) throw new BadRequest("Source and destination must be different sites.", [src.site]);
    this.sessions.requireSite(caller, dst.site);
    let dstVdc: Vdc | undefined;
    let profile:
      | { id: string; name: string; datastore?: string; datastoreMoref?: string; datastoreName?: string }
      | undefined;
    let storageProfile: string | null = null;
    let seed: Vm | undefined;
    const cloudDest = dst.type === "vcloud" || dst.type === "vm";
    if (cloudDest) {
      if (dstSite.type !== "cloud")
        throw new BadRequest(`Destination type '${dst.type}' needs a cloud site; '${dst.site}' is on-premises.`, [
          dst.site,
        ]);
      dstVdc = this.world.vdc(dst.vdc, dst.site);
      const sp = dst.storageProfile;
      profile =
        !sp || sp === "*"
          ? dstVdc.storageProfiles[0]
          : dstVdc.storageProfiles.find((p) => p.id === sp || p.name === sp);
      if (!profile) throw new StorageProfileNotFound(sp ?? "*");
      storageProfile = sp ?? "*";
      if (dst.type === "vm") seed = this.world.cloudVm(dst.site, dst.seedVmId);
    } else {
      if (dstSite.type !== "onprem")
        throw new BadRequest(
          `Destination type '${dst.type}' needs an on-premises site; '${dst.site}' is a cloud site.`,
          [dst.site],
        );
      if (dst.seedVm) {
        this.world.vcenter(dst.seedVm.vcId, dst.site);
        seed = this.world.vcVm(dst.seedVm.vcId, dst.seedVm.moId);
      }
    }
    const srcOrg = vm.org ?? null;
    const dstOrg = dstVdc?.org ?? null;
    // tenant scope: the caller must hold the source or the destination org; otherwise do not reveal the VM
    if (!caller.admin) {
      const mine = (s: string, o: string | null) =>
        o !== null && caller.authenticatedSites.some((p) => p.site === s && p.org === o);
      if (!mine(src.site, srcOrg) && !mine(dst.site, dstOrg)) throw new VmNotFound(src.vmId);
    }
    const excluded = src.excludedDisks ?? [];
    for (const k of excluded)
      if (!vm.disks.some((d) => d.key === k)) throw new BadRequest(`VM '${vm.id}' has no disk with key ${k}.`, [k]);
    if (seed) checkSeed(vm, seed, excluded);
    const dup = this.repo.byVm(src.site, vm.id);
    if (dup) throw new VmAlreadyReplicated(vm.id, dup.id);
    // settings
    const sla = b.slaProfileId ? this.world.slaProfile(b.slaProfileId) : undefined;
    const rpo = b.rpo ?? sla?.rpo ?? 60;
    const settings = {
      description: b.description ?? "",
      rpo,
      dataConnectionType: b.dataConnectionType ?? sla?.dataConnectionType ?? "ENCRYPTED_COMPRESSED",
      quiesced: b.quiesced ?? sla?.quiesced ?? true,
      retentionPolicy: b.retentionPolicy ??
        sla?.retentionPolicy ?? { rules: [{ numberOfInstances: 1, distance: Math.max(rpo, 60) }] },
      initialSyncTime: b.initialSyncTime ?? 0,
      excludedDiskKeys: excluded,
    };
    checkLimits(this.limits, settings);
    const isMigration = b.isMigration ?? false;
    const local = this.world.localSite;
    checkCreate({
      isMigration,
      rpo,
      retentionPolicy: settings.retentionPolicy,
      custom: !b.slaProfileId,
      onpremDestination: !cloudDest,
      flags: this.profile.policy.flags,
      dest:
        dstOrg && dst.site === local
          ? { org: dstOrg, policy: this.policies.policyOf(dstOrg), incoming: this.repo.countIncoming(dst.site, dstOrg) }
          : undefined,
      source: srcOrg && src.site === local ? { org: srcOrg, policy: this.policies.policyOf(srcOrg) } : undefined,
    });

    const id = `C4-${randomUUID()}`;
    const vcenter = cloudDest ? undefined : this.world.vcenterOf(dst.site);
    const r: ReplicationRec = {
      id,
      owner: caller.principal,
      vmId: vm.id,
      vmName: vm.name,
      source: {
        site: src.site,
        org: srcOrg,
        vdcId: srcVdc?.id ?? null,
        vdcName: srcVdc?.name ?? null,
        vappId: vm.vappId ?? null,
        vappName: vm.vappName ?? null,
      },
      destination: {
        site: dst.site,
        org: dstOrg,
        vdcId: dstVdc?.id ?? null,
        vdcName: dstVdc?.name ?? null,
        recoveredVappId: null,
      },
      storageProfile,
      storageProfileName: profile?.name ?? null,
      vimLocation: {
        vimServer: dstVdc?.vimServer ?? vcenter?.uuid ?? null,
        vimServerInstanceUuid: dstVdc?.vimServerInstanceUuid ?? vcenter?.uuid ?? null,
        datastore: profile?.datastore ?? null,
        datastoreMoref: profile?.datastoreMoref ?? null,
        datastoreName: profile?.datastoreName ?? null,
      },
      isPaused: false,
      settings,
      startupInfo: { order: 0, startAction: "powerOn", startDelay: 0, stopAction: "powerOff", stopDelay: 0 },
      metadata: {},
      recoveryInfo: { vAppId: null, vcdVmId: null, type: cloudDest ? "vcd" : "vc", recoveryState: "NOT_STARTED" },
      lastError: null,
      dataConnectionState: "INITIAL_SYNCING",
      overallHealth: "GREEN",
      lastUpdated: now,
      isReversed: false,
      vappReplicationId: `C4VAPP-${randomUUID()}`,
      computerName: vm.computerName ?? null,
      vmDescription: vm.description ?? null,
      isMigration,
      slaProfile: sla ? { id: sla.id, displayName: sla.displayName } : null,
      vappName: null,
      pending: true,
      seq: 0,
      sourceType: src.type === "vm" ? "vcloud" : "vcenter",
      destinationType: cloudDest ? "vcloud" : "vcenter",
      sourceVcUuid: src.type === "vcVm" ? src.vcUuid : null,
      targetDiskType: b.targetDiskType ?? "THIN",
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
      createdAt: now,
    };
    this.repo.save(r);
    return this.tasks.start({
      user: caller.principal,
      type: "start",
      resourceType: "vmReplication",
      resourceId: id,
      resourceName: null,
      site,
      sourceOrg: srcOrg,
      destinationOrg: dstOrg,
      action: {
        kind: "replication.create",
        id,
        poweredOn: vm.powerState !== "poweredOff" && vm.powerState !== "suspended",
      },
    });
  }

  private finishCreate(t: TaskRec): { resultType: string; result: unknown } {
    const r = this.repo.get(String(t.action?.id));
    if (!r) throw new VmReplicationNotFound(String(t.action?.id));
    const now = Date.now();
    r.pending = false;
    r.lastUpdated = t.startTime;
    beginInitialSync(r, now, this.clock, t.action?.poweredOn !== false);
    this.repo.save(r);
    return { resultType: "SingleVmReplicationInfo", result: this.view(r, true, now) };
  }

  // ---------- actions ----------

  private startOp(
    caller: SessionRec,
    r: ReplicationRec,
    siteParam: string | undefined,
    op: string,
    params: Record<string, unknown> = {},
  ): TaskRec {
    const site = this.sessions.resolveSite(caller, siteParam);
    r.lastUpdated = Date.now();
    this.repo.save(r);
    return this.tasks.start({
      user: caller.principal,
      type: op,
      resourceType: "vmReplication",
      resourceId: r.id,
      resourceName: r.vmName,
      site,
      sourceOrg: r.source.org,
      destinationOrg: r.destination.org,
      action: { kind: "replication.op", op, id: r.id, params },
    });
  }

  delete(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "stop");
  }

  sync(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    if (r.isPaused) throw new ReplicationPaused(id, "a manual sync");
    if (r.recoveryInfo.recoveryState === "COMPLETE")
      throw new InvalidReplicationState(id, "has been recovered; reverse it before syncing");
    return this.startOp(caller, r, site, "sync");
  }

  pause(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    if (r.recoveryInfo.recoveryState === "COMPLETE")
      throw new InvalidReplicationState(id, "has been recovered and cannot be paused");
    return this.startOp(caller, r, site, "pause");
  }

  resume(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "resume");
  }

  recover(caller: SessionRec, id: string, site: string | undefined, op: RecoveryOp, body: RecoveryRequest): TaskRec {
    const r = this.get(caller, id);
    if (body.type !== r.destinationType) {
      throw new BadRequest(
        `Replication '${id}' has a ${r.destinationType} destination; use type '${r.destinationType}'.`,
        [body.type],
      );
    }
    if (op === "failoverTest" && body.sync && body.instanceId)
      throw new BadRequest("'sync' and 'instanceId' cannot be used together.", ["sync", "instanceId"]);
    if (r.isPaused && (op === "migrate" || (op === "failoverTest" && body.sync)))
      throw new ReplicationPaused(id, op === "migrate" ? "a planned migration" : "a test failover with sync");
    if (r.recoveryInfo.recoveryState === "COMPLETE") throw new InvalidReplicationState(id, "is already recovered");
    if (r.recoveryInfo.recoveryState === "TEST")
      throw new InvalidReplicationState(id, "has a test failover; clean it up first");
    if (body.instanceId) {
      const i = this.findInstance(id, body.instanceId);
      if (!i) throw new InstanceNotFound(body.instanceId);
      body.instanceId = i.key;
    } else if (!r.latestInstance) throw new NoInstanceAvailable(id);
    return this.startOp(caller, r, site, op, { ...body });
  }

  failoverTestCleanup(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    if (r.recoveryInfo.recoveryState !== "TEST")
      throw new InvalidReplicationState(id, "has no test failover to clean up");
    return this.startOp(caller, r, site, "failoverTestCleanup");
  }

  reverse(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    if (r.recoveryInfo.recoveryState !== "COMPLETE")
      throw new InvalidReplicationState(id, "must be failed over or migrated before it can be reversed");
    return this.startOp(caller, r, site, "reverse");
  }

  reconfigure(caller: SessionRec, id: string, site: string | undefined, b: ReconfigureBody): TaskRec {
    const r = this.get(caller, id);
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
    return this.startOp(caller, r, site, "reconfigure", {
      body: b,
      sla: sla ? { id: sla.id, displayName: sla.displayName } : null,
      customGiven,
    });
  }

  setExcludedDisks(caller: SessionRec, id: string, site: string | undefined, keys: number[]): TaskRec {
    const r = this.get(caller, id);
    for (const k of keys)
      if (r.hardware.diskMB[String(k)] === undefined)
        throw new BadRequest(`VM '${r.vmId}' has no disk with key ${k}.`, [k]);
    return this.startOp(caller, r, site, "reconfigure", { disks: [...new Set(keys)] });
  }

  private finishOp(t: TaskRec): { resultType: string | null; result: unknown } {
    const a = t.action as unknown as { op: string; id: string; params: Record<string, unknown> };
    const r = this.repo.get(a.id);
    if (!r || r.pending) throw new VmReplicationNotFound(a.id);
    const now = Date.now();
    const p = a.params;
    switch (a.op) {
      case "stop":
        this.repo.delete(r.id);
        return { resultType: null, result: null };
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
        if (a.op === "migrate") takeInstance(r, now, this.instances, false);
        const ids = this.recoveredIds(r);
        r.recoveryInfo = { ...r.recoveryInfo, vAppId: ids.vapp, vcdVmId: ids.vm, recoveryState: "COMPLETE" };
        r.destination.recoveredVappId = ids.vapp;
        break;
      }
      case "failoverTest": {
        if (p.sync) takeInstance(r, now, this.instances, false);
        const ids = this.recoveredIds(r);
        r.recoveryInfo = { ...r.recoveryInfo, vAppId: ids.vapp, vcdVmId: ids.vm, recoveryState: "TEST" };
        break;
      }
      case "failoverTestCleanup":
        r.recoveryInfo = { ...r.recoveryInfo, vAppId: null, vcdVmId: null, recoveryState: "NOT_STARTED" };
        break;
      case "reverse":
        this.applyReverse(r, now);
        break;
      case "reconfigure":
        if (p.disks) r.settings.excludedDiskKeys = p.disks as number[];
        else
          this.applyReconfigure(
            r,
            p.body as ReconfigureBody,
            p.sla as ReplicationRec["slaProfile"],
            Boolean(p.customGiven),
          );
        break;
    }
    refresh(r, now, this.clock);
    this.repo.save(r);
    return { resultType: "SingleVmReplicationInfo", result: this.view(r, true, now) };
  }

  private recoveredIds(r: ReplicationRec): { vapp: string | null; vm: string } {
    if (r.destinationType === "vcloud")
      return { vapp: r.destination.recoveredVappId ?? randomUUID(), vm: randomUUID() };
    return { vapp: null, vm: `vm-${1000 + r.seq}` };
  }

  private applyReconfigure(
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

  // ---------- lifecycle ----------

  /** Moves every replication whose next event is due; called by the ticker. */
  tick(now = Date.now()): number {
    const due = this.repo.due(now, 500);
    for (const r of due) {
      advance(r, now, this.clock, this.instances);
      this.repo.save(r);
    }
    return due.length;
  }

  all(): ReplicationRec[] {
    return this.repo.all();
  }

  /** The guide's example replication (L9090-9187), placed into an empty database once. */
  seedExample(): void {
    const id = "C4-ec991bd5-af9d-446a-8599-5b693842c4a3";
    if (this.repo.get(id)) return;
    const vm = this.world.cloudVm("site1", "4e7fa4b1-e8d9-45bd-a91d-852c46b7a0da");
    const srcVdc = this.world.vdc("f61d60d2-698a-46dc-a266-88df27644956");
    const dstVdc = this.world.vdc("5ee9224f-305d-46f6-865f-b605e70acef8");
    const sp = dstVdc.storageProfiles[0];
    const now = Date.now();
    const r: ReplicationRec = {
      id,
      owner: "org1@site1",
      vmId: vm.id,
      vmName: vm.name,
      source: {
        site: "site1",
        org: "org1",
        vdcId: srcVdc.id,
        vdcName: srcVdc.name,
        vappId: vm.vappId ?? null,
        vappName: vm.vappName ?? null,
      },
      destination: {
        site: dstVdc.site,
        org: dstVdc.org,
        vdcId: dstVdc.id,
        vdcName: dstVdc.name,
        recoveredVappId: null,
      },
      storageProfile: "*",
      storageProfileName: sp?.name ?? null,
      vimLocation: {
        vimServer: dstVdc.vimServer ?? null,
        vimServerInstanceUuid: dstVdc.vimServerInstanceUuid ?? null,
        datastore: sp?.datastore ?? null,
        datastoreMoref: sp?.datastoreMoref ?? null,
        datastoreName: sp?.datastoreName ?? null,
      },
      isPaused: false,
      settings: {
        description: "A vm replication",
        rpo: 5,
        dataConnectionType: "ENCRYPTED_COMPRESSED",
        quiesced: true,
        retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
        initialSyncTime: 4102444800,
        excludedDiskKeys: [],
      },
      startupInfo: { order: 0, startAction: "powerOn", startDelay: 0, stopAction: "powerOff", stopDelay: 0 },
      metadata: { val1: { key: "val1", access: "READONLY", type: "STRING", value: "Hello, world!" } },
      recoveryInfo: { vAppId: null, vcdVmId: null, type: "vcd", recoveryState: "NOT_STARTED" },
      lastError: null,
      dataConnectionState: "OK",
      overallHealth: "GREEN",
      lastUpdated: now,
      isReversed: false,
      vappReplicationId: "C4VAPP-ccbe771e-b685-46c7-8c7a-4ed36915d963",
      computerName: vm.computerName ?? null,
      vmDescription: vm.description ?? null,
      isMigration: false,
      slaProfile: { id: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba", displayName: "Gold" },
      vappName: null,
      pending: false,
      seq: 0,
      sourceType: "vcloud",
      destinationType: "vcloud",
      sourceVcUuid: null,
      targetDiskType: "THIN",
      hardware: {
        cpus: vm.cpus ?? -1,
        coresPerSocket: vm.coresPerSocket ?? null,
        memoryMB: vm.memoryMB ?? -1,
        diskMB: Object.fromEntries(vm.disks.map((d) => [String(d.key), d.capacityMB])),
      },
      syncStartAt: now,
      syncEndAt: now,
      lastInstanceAt: null,
      latestInstance: null,
      instanceSeq: 0,
      nextEventAt: null,
      createdAt: now,
    };
    this.repo.save(r);
    // pinned, so retention keeps it and the guide's failover examples (instanceId 2bfb7696-...) keep working
    const pinned = takeInstance(r, now, this.instances, true, "replica-2bfb7696-3aa1-49d3-bb40-d9e97df1baba");
    pinned.isPinned = true;
    this.instances.delete(pinned.key);
    this.instances.insert(r.id, pinned);
    refresh(r, now, this.clock);
    this.repo.save(r);
  }
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

/** Seeds must be powered off and hold every replicated source disk with the same capacity (guide L4694, L4777). */
function checkSeed(vm: Vm, seed: Vm, excluded: number[]): void {
  if (seed.powerState !== "poweredOff") throw new SeedMismatch(seed.id, "it must be powered off");
  for (const d of vm.disks) {
    if (excluded.includes(d.key)) continue;
    const s = seed.disks.find((x) => x.key === d.key);
    if (!s || s.capacityMB !== d.capacityMB)
      throw new SeedMismatch(seed.id, `its disks do not match source disk ${d.key}`);
  }
}
