import { randomUUID } from "node:crypto";
import type { Vdc, Vm } from "../inventory/types.js";
import type { InstanceRec, InstancesRepo, ReplicationFilter, ReplicationsRepo } from "../store/replications-repo.js";
import type { SessionRec } from "../store/sessions-repo.js";
import type { TaskRec } from "../store/tasks-repo.js";
import { checkCreate, checkLimits, type Limits } from "./enforcement.js";
import {
  BadRequest,
  InstanceNotFound,
  SeedMismatch,
  VmAlreadyReplicated,
  VmNotFound,
  VmReplicationNotFound,
} from "./errors.js";
import { advance, beginInitialSync, type Clock, replicatedMB } from "./lifecycle.js";
import type { Policies } from "./policies.js";
import type { Profile } from "./profiles.js";
import { cloudDestination, newReplication, settingsOf } from "./replication-build.js";
import {
  isRecovery,
  type Op,
  type OpParams,
  type RecoveryOp,
  type RecoveryRequest,
  ReplicationOps,
} from "./replication-ops.js";
import type { ReplicationRec } from "./replication-types.js";
import { ReplicationViews } from "./replication-view.js";
import type { CreateReplicationBody, ReconfigureBody } from "./schemas.js";
import type { Sessions } from "./sessions.js";
import type { Tasks } from "./tasks.js";
import type { World } from "./world.js";

export type { RecoveryOp, RecoveryRequest } from "./replication-ops.js";

export interface StatsQuery {
  interval?: string;
  start?: number;
  end?: number;
}

const INTERVALS: Record<string, number> = { FIVE_MINUTES: 300_000, HOUR: 3_600_000, DAY: 86_400_000 };

export interface ReplicationDeps {
  repo: ReplicationsRepo;
  instances: InstancesRepo;
  world: World;
  sessions: Sessions;
  policies: Policies;
  tasks: Tasks;
  clock: Clock;
  limits: Limits;
  profile: Profile;
  /** How long a failover, test failover or migration task runs. */
  recoveryMs: () => number;
}

/** Told when a VM replication that belongs to a vApp replication changes or goes away. */
export interface MemberHooks {
  touched(r: ReplicationRec, at: number): void;
  removed(r: ReplicationRec): void;
}

/** VM replications: create variants, reads, actions and the simulated lifecycle (guide L3987-16227). */
export class Replications {
  readonly ops: ReplicationOps;
  readonly views: ReplicationViews;
  members?: MemberHooks;
  private readonly repo: ReplicationsRepo;
  private readonly instances: InstancesRepo;
  private readonly world: World;
  private readonly sessions: Sessions;
  private readonly tasks: Tasks;

  constructor(private readonly d: ReplicationDeps) {
    this.repo = d.repo;
    this.instances = d.instances;
    this.world = d.world;
    this.sessions = d.sessions;
    this.tasks = d.tasks;
    this.ops = new ReplicationOps(d.world, d.instances, d.policies, d.clock, d.limits, d.profile);
    this.views = new ReplicationViews(d.world, d.clock, d.profile);
    d.tasks.register("replication.create", {
      complete: (t) => this.finishCreate(t),
      fail: (t) => this.repo.delete(String(t.action?.id)),
    });
    d.tasks.register("replication.op", { complete: (t) => this.finishOp(t), fail: (t) => this.failOp(t) });
  }

  // ---------- reads ----------

  /** A replication the caller may see (decisions.md #4: others' ids answer 404). */
  get(caller: SessionRec, id: string): ReplicationRec {
    const r = this.repo.get(id);
    if (!r || r.pending || !this.visible(caller, r)) throw new VmReplicationNotFound(id);
    return r;
  }

  visible(caller: SessionRec, r: { owner: string; source: End; destination: End }): boolean {
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
    return this.views.view(r, admin, now);
  }

  listInstances(caller: SessionRec, id: string): Omit<InstanceRec, "disksInfo">[] {
    this.get(caller, id);
    return this.instances.list(id).map(({ disksInfo: _d, ...i }) => i);
  }

  instance(caller: SessionRec, id: string, key: string): InstanceRec {
    this.get(caller, id);
    const i = this.ops.findInstance(id, key);
    if (!i) throw new InstanceNotFound(key);
    return i;
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
    let profile: { name: string; datastore?: string; datastoreMoref?: string; datastoreName?: string } | undefined;
    let storageProfile: string | null = null;
    let seed: Vm | undefined;
    const cloudDest = dst.type === "vcloud" || dst.type === "vm";
    if (cloudDest) {
      if (dstSite.type !== "cloud")
        throw new BadRequest(`Destination type '${dst.type}' needs a cloud site; '${dst.site}' is on-premises.`, [
          dst.site,
        ]);
      ({ vdc: dstVdc, profile, storageProfile } = cloudDestination(this.world, dst));
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
    if (!caller.admin && !holds(caller, src.site, srcOrg) && !holds(caller, dst.site, dstOrg))
      throw new VmNotFound(src.vmId);
    const excluded = src.excludedDisks ?? [];
    for (const k of excluded)
      if (!vm.disks.some((d) => d.key === k)) throw new BadRequest(`VM '${vm.id}' has no disk with key ${k}.`, [k]);
    if (seed) checkSeed(vm, seed, this.world.powerState(seed), excluded);
    const dup = this.repo.byVm(src.site, vm.id);
    if (dup) throw new VmAlreadyReplicated(vm.id, dup.id);
    // settings
    const sla = b.slaProfileId ? this.world.slaProfile(b.slaProfileId) : undefined;
    const settings = settingsOf(b, sla, excluded);
    checkLimits(this.d.limits, settings);
    const isMigration = b.isMigration ?? false;
    this.checkPolicies({
      isMigration,
      settings,
      custom: !b.slaProfileId,
      onpremDestination: !cloudDest,
      source: { site: src.site, org: srcOrg },
      destination: { site: dst.site, org: dstOrg },
      count: 1,
    });
    const r = newReplication({
      id: `C4-${randomUUID()}`,
      owner: caller.principal,
      vm,
      sourceSite: src.site,
      srcVdc,
      destinationSite: dst.site,
      dstVdc,
      profile,
      storageProfile,
      vcenter: cloudDest ? undefined : this.world.vcenterOf(dst.site),
      settings,
      isMigration,
      sla,
      vappReplicationId: `C4VAPP-${randomUUID()}`,
      sourceType: src.type === "vm" ? "vcloud" : "vcenter",
      destinationType: cloudDest ? "vcloud" : "vcenter",
      sourceVcUuid: src.type === "vcVm" ? src.vcUuid : null,
      targetDiskType: b.targetDiskType ?? "THIN",
      now,
    });
    this.repo.save(r);
    return this.tasks.start({
      user: caller.principal,
      type: "start",
      resourceType: "vmReplication",
      resourceId: r.id,
      resourceName: null,
      site,
      sourceOrg: srcOrg,
      destinationOrg: dstOrg,
      action: { kind: "replication.create", id: r.id, poweredOn: this.poweredOn(vm) },
    });
  }

  poweredOn(vm: Vm): boolean {
    const p = this.world.powerState(vm);
    return p !== "poweredOff" && p !== "suspended";
  }

  /** decisions.md #12 on create for local orgs; `count` VMs at once (a vApp counts each VM against the quota). */
  checkPolicies(c: {
    isMigration: boolean;
    settings: { rpo: number; retentionPolicy: ReplicationRec["settings"]["retentionPolicy"] };
    custom: boolean;
    onpremDestination: boolean;
    source: End;
    destination: End;
    count: number;
  }): void {
    const local = this.world.localSite;
    const { org: dstOrg, site: dstSite } = c.destination;
    const { org: srcOrg, site: srcSite } = c.source;
    checkCreate({
      isMigration: c.isMigration,
      rpo: c.settings.rpo,
      retentionPolicy: c.settings.retentionPolicy,
      custom: c.custom,
      onpremDestination: c.onpremDestination,
      flags: this.d.profile.policy.flags,
      dest:
        dstOrg && dstSite === local
          ? {
              org: dstOrg,
              policy: this.d.policies.policyOf(dstOrg),
              incoming: this.repo.countIncoming(dstSite, dstOrg),
              count: c.count,
            }
          : undefined,
      source: srcOrg && srcSite === local ? { org: srcOrg, policy: this.d.policies.policyOf(srcOrg) } : undefined,
    });
  }

  /** Ends a create: the replication becomes visible and starts its initial sync (a powered-off VM waits). */
  activate(r: ReplicationRec, startTime: number, poweredOn: boolean, now: number): void {
    r.pending = false;
    r.lastUpdated = startTime;
    beginInitialSync(r, now, this.d.clock, poweredOn);
    this.repo.save(r);
  }

  private finishCreate(t: TaskRec): { resultType: string; result: unknown } {
    const r = this.repo.get(String(t.action?.id));
    if (!r) throw new VmReplicationNotFound(String(t.action?.id));
    const now = Date.now();
    this.activate(r, t.startTime, t.action?.poweredOn !== false, now);
    return { resultType: "SingleVmReplicationInfo", result: this.view(r, true, now) };
  }

  // ---------- actions ----------

  /** Task duration of an action: recoveries take `recoveryMs`, the rest the task duration. */
  durationOf(op: Op): number | undefined {
    return isRecovery(op) ? this.d.recoveryMs() : undefined;
  }

  private startOp(caller: SessionRec, r: ReplicationRec, siteParam: string | undefined, op: Op, params: OpParams) {
    const site = this.sessions.resolveSite(caller, siteParam);
    const now = Date.now();
    r.lastUpdated = now;
    this.ops.begin(r, op, params);
    this.repo.save(r);
    this.members?.touched(r, now);
    return this.tasks.start({
      user: caller.principal,
      type: op,
      resourceType: "vmReplication",
      resourceId: r.id,
      resourceName: r.vmName,
      site,
      sourceOrg: r.source.org,
      destinationOrg: r.destination.org,
      durationMs: this.durationOf(op),
      action: { kind: "replication.op", op, id: r.id, params },
    });
  }

  delete(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "stop", {});
  }

  sync(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "sync", this.ops.checkSync(r));
  }

  pause(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "pause", this.ops.checkPause(r));
  }

  resume(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "resume", this.ops.checkResume(r));
  }

  recover(caller: SessionRec, id: string, site: string | undefined, op: RecoveryOp, body: RecoveryRequest): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, op, this.ops.checkRecover(r, op, body));
  }

  /** Harmless without a test: 202 and a task that succeeds without change. */
  failoverTestCleanup(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "failoverTestCleanup", this.ops.checkCleanup(r));
  }

  reverse(caller: SessionRec, id: string, site?: string): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "reverse", this.ops.checkReverse(r));
  }

  reconfigure(caller: SessionRec, id: string, site: string | undefined, b: ReconfigureBody): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "reconfigure", this.ops.checkReconfigure(r, b));
  }

  setExcludedDisks(caller: SessionRec, id: string, site: string | undefined, keys: number[]): TaskRec {
    const r = this.get(caller, id);
    return this.startOp(caller, r, site, "reconfigure", this.ops.checkDisks(r, keys));
  }

  private finishOp(t: TaskRec): { resultType: string | null; result: unknown } {
    const a = t.action as unknown as { op: Op; id: string; params: OpParams };
    const r = this.repo.get(a.id);
    if (!r || r.pending) throw new VmReplicationNotFound(a.id);
    const now = Date.now();
    if (a.op === "stop") {
      this.repo.delete(r.id);
      this.members?.removed(r);
      return { resultType: null, result: null };
    }
    this.ops.apply(r, a.op, a.params, now);
    this.repo.save(r);
    this.members?.touched(r, now);
    return { resultType: "SingleVmReplicationInfo", result: this.view(r, true, now) };
  }

  private failOp(t: TaskRec): void {
    const a = t.action as unknown as { op: Op; id: string; params: OpParams };
    const r = this.repo.get(a.id);
    if (r && this.ops.undo(r, a.op, a.params)) this.repo.save(r);
  }

  // ---------- lifecycle ----------

  /** Moves every replication whose next event is due; called by the ticker. */
  tick(now = Date.now()): number {
    const due = this.repo.due(now, 500);
    for (const r of due) {
      advance(r, now, this.d.clock, this.instances);
      this.repo.save(r);
    }
    return due.length;
  }

  all(): ReplicationRec[] {
    return this.repo.all();
  }
}

type End = { site: string; org: string | null };

/** Whether a session holds `org` at `site`. */
export function holds(caller: SessionRec, site: string, org: string | null): boolean {
  return org !== null && caller.authenticatedSites.some((p) => p.site === site && p.org === org);
}

/** Seeds must be powered off and hold every replicated source disk with the same capacity (guide L4694, L4777). */
function checkSeed(vm: Vm, seed: Vm, seedPower: string, excluded: number[]): void {
  if (seedPower !== "poweredOff") throw new SeedMismatch(seed.id, "it must be powered off");
  for (const d of vm.disks) {
    if (excluded.includes(d.key)) continue;
    const s = seed.disks.find((x) => x.key === d.key);
    if (!s || s.capacityMB !== d.capacityMB)
      throw new SeedMismatch(seed.id, `its disks do not match source disk ${d.key}`);
  }
}
