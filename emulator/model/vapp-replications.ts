import { randomUUID } from "node:crypto";
import type { ReplicationsRepo } from "../store/replications-repo.js";
import type { SessionRec } from "../store/sessions-repo.js";
import type { TaskRec } from "../store/tasks-repo.js";
import type { VappReplicationFilter, VappReplicationsRepo } from "../store/vapp-replications-repo.js";
import { checkLimits, type Limits } from "./enforcement.js";
import { BadRequest, VappNotFound, VappReplicationNotFound, VmAlreadyReplicated } from "./errors.js";
import type { Profile } from "./profiles.js";
import { cloudDestination, newReplication, settingsOf } from "./replication-build.js";
import type { Op, OpParams, RecoveryOp } from "./replication-ops.js";
import type { ReplicationRec, VappReplicationRec } from "./replication-types.js";
import { holds, type Replications } from "./replications.js";
import type { CreateVappBody, ReconfigureBody, VappRecoveryBody } from "./schemas.js";
import type { Sessions } from "./sessions.js";
import type { Tasks } from "./tasks.js";
import type { World } from "./world.js";

export interface VappDeps {
  repo: VappReplicationsRepo;
  vms: ReplicationsRepo;
  replications: Replications;
  world: World;
  sessions: Sessions;
  tasks: Tasks;
  limits: Limits;
  profile: Profile;
}

interface OpAction {
  op: Op;
  id: string;
  /** Per VM replication id: what its part of the task applies. */
  params: Record<string, OpParams>;
  /** What every VM shares (the recovered vApp). */
  shared: OpParams;
}

const HEALTH_RANK: Record<string, number> = { GREEN: 0, YELLOW: 1, RED: 2 };

/**
 * vApp replications (`C4VAPP-…`, 4.5/4.6/latest reference): one VM replication per VM of the source vApp, each a
 * normal `/vm-replications` object with `vappReplicationId` set. Every action applies the VM action's rules to each VM;
 * the first VM that refuses refuses the whole action and nothing changes.
 */
export class VappReplications {
  constructor(private readonly d: VappDeps) {
    d.tasks.register("vapp.create", { complete: (t) => this.finishCreate(t), fail: (t) => this.remove(t) });
    d.tasks.register("vapp.op", { complete: (t) => this.finishOp(t), fail: (t) => this.failOp(t) });
    d.replications.members = {
      touched: (r, at) => {
        const v = d.repo.get(r.vappReplicationId);
        if (v && !v.pending) {
          v.lastUpdated = at;
          d.repo.save(v);
        }
      },
      // a vApp replication whose last VM replication was deleted goes with it
      removed: (r) => {
        if (d.repo.get(r.vappReplicationId) && d.vms.byVapp(r.vappReplicationId).length === 0)
          d.repo.delete(r.vappReplicationId);
      },
    };
  }

  // ---------- reads ----------

  get(caller: SessionRec, id: string): VappReplicationRec {
    const v = this.d.repo.get(id);
    if (!v || v.pending || !this.d.replications.visible(caller, v)) throw new VappReplicationNotFound(id);
    return v;
  }

  list(caller: SessionRec, f: VappReplicationFilter): { items: VappReplicationRec[]; total: number } {
    if (!caller.admin) f.scope = { owner: caller.principal, pairs: caller.authenticatedSites };
    return this.d.repo.query(f);
  }

  all(): VappReplicationRec[] {
    return this.d.repo.all();
  }

  /** VappReplicationInfo: the 3.0 reference's top-level fields (the 4.x field lists are cut off). */
  view(v: VappReplicationRec, admin: boolean, now = Date.now()): Record<string, unknown> {
    const vms = this.d.vms.byVapp(v.id).map((m) => this.d.replications.views.memberView(m, admin, now));
    let worst = "GREEN";
    for (const m of vms) {
      const h = String(m.overallHealth);
      if ((HEALTH_RANK[h] ?? 0) > (HEALTH_RANK[worst] ?? 0)) worst = h;
    }
    return {
      id: v.id,
      descriptor: {
        name: v.descriptor.name,
        description: v.descriptor.description,
        metadata: {},
        networks: [],
        ...(this.d.profile.vapp.templateFields ? { enabledTemplateCustomization: false, isGolden: false } : {}),
      },
      owner: v.owner,
      source: v.source,
      destination: v.destination,
      isMigration: v.isMigration,
      lastUpdated: v.lastUpdated,
      overallHealth: worst,
      vmReplications: vms,
    };
  }

  // ---------- create ----------

  create(caller: SessionRec, siteParam: string | undefined, b: CreateVappBody): TaskRec {
    const { world, sessions } = this.d;
    const site = sessions.resolveSite(caller, siteParam);
    const now = Date.now();
    const src = b.source;
    const dst = b.destination;
    if (world.site(src.site).type !== "cloud")
      throw new BadRequest(`Source type 'vapp' needs a cloud site; '${src.site}' is on-premises.`, [src.site]);
    sessions.requireSite(caller, src.site);
    const vapp = world.vapp(src.site, src.vappId);
    const dstSite = world.site(dst.site);
    if (dst.site === src.site) throw new BadRequest("Source and destination must be different sites.", [src.site]);
    sessions.requireSite(caller, dst.site);
    if (dstSite.type !== "cloud")
      throw new BadRequest(`Destination type 'vcloud' needs a cloud site; '${dst.site}' is on-premises.`, [dst.site]);
    const { vdc: dstVdc, profile, storageProfile } = cloudDestination(world, dst);
    // tenant scope: the caller must hold the source or the destination org; otherwise do not reveal the vApp
    if (!caller.admin && !holds(caller, src.site, vapp.org) && !holds(caller, dst.site, dstVdc.org))
      throw new VappNotFound(src.vappId);
    const excluded = src.vmExcludedDisks ?? {};
    for (const [vmId, keys] of Object.entries(excluded)) {
      const vm = vapp.vms.find((x) => x.id === vmId);
      if (!vm) throw new BadRequest(`VM '${vmId}' is not in vApp '${vapp.id}'.`, [vmId]);
      for (const k of keys)
        if (!vm.disks.some((x) => x.key === k)) throw new BadRequest(`VM '${vm.id}' has no disk with key ${k}.`, [k]);
    }
    for (const vm of vapp.vms) {
      const dup = this.d.vms.byVm(src.site, vm.id);
      if (dup) throw new VmAlreadyReplicated(vm.id, dup.id);
    }
    const sla = b.slaProfileId ? world.slaProfile(b.slaProfileId) : undefined;
    const settings = settingsOf(b, sla, []);
    checkLimits(this.d.limits, settings);
    const isMigration = b.isMigration ?? false;
    // each VM is an incoming replication: quota and limits count every VM
    this.d.replications.checkPolicies({
      isMigration,
      settings,
      custom: !b.slaProfileId,
      onpremDestination: false,
      source: { site: src.site, org: vapp.org },
      destination: { site: dst.site, org: dstVdc.org },
      count: vapp.vms.length,
    });
    const id = `C4VAPP-${randomUUID()}`;
    const srcVdc = vapp.vdcId ? world.vdc(vapp.vdcId) : undefined;
    const poweredOn: Record<string, boolean> = {};
    for (const vm of vapp.vms) {
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
        settings: settingsOf(b, sla, excluded[vm.id] ?? []),
        isMigration,
        sla,
        vappReplicationId: id,
        sourceType: "vcloud",
        destinationType: "vcloud",
        sourceVcUuid: null,
        targetDiskType: b.targetDiskType ?? "THIN",
        now,
      });
      this.d.vms.save(r);
      poweredOn[r.id] = this.d.replications.poweredOn(vm);
    }
    const v: VappReplicationRec = {
      id,
      owner: caller.principal,
      descriptor: { name: vapp.name, description: vapp.description },
      source: {
        site: src.site,
        org: vapp.org,
        vdcId: srcVdc?.id ?? null,
        vdcName: srcVdc?.name ?? null,
        vappId: vapp.id,
      },
      destination: {
        site: dst.site,
        org: dstVdc.org,
        vdcId: dstVdc.id,
        vdcName: dstVdc.name,
        recoveredVappId: null,
      },
      isMigration,
      lastUpdated: now,
      pending: true,
      seq: 0,
      sourceType: "vcloud",
      destinationType: "vcloud",
      createdAt: now,
    };
    this.d.repo.save(v);
    return this.d.tasks.start({
      user: caller.principal,
      type: "start",
      resourceType: "vappReplication",
      resourceId: id,
      resourceName: null,
      site,
      sourceOrg: vapp.org,
      destinationOrg: dstVdc.org,
      action: { kind: "vapp.create", id, poweredOn },
    });
  }

  private finishCreate(t: TaskRec): { resultType: string; result: unknown } {
    const id = String(t.action?.id);
    const v = this.d.repo.get(id);
    if (!v) throw new VappReplicationNotFound(id);
    const now = Date.now();
    const poweredOn = (t.action?.poweredOn ?? {}) as Record<string, boolean>;
    for (const m of this.d.vms.byVapp(id)) this.d.replications.activate(m, t.startTime, poweredOn[m.id] !== false, now);
    v.pending = false;
    v.lastUpdated = t.startTime;
    this.d.repo.save(v);
    return { resultType: "VappReplicationInfo", result: this.view(v, true, now) };
  }

  /** A failed create leaves nothing behind. */
  private remove(t: TaskRec): void {
    const id = String(t.action?.id);
    for (const m of this.d.vms.byVapp(id)) this.d.vms.delete(m.id);
    this.d.repo.delete(id);
  }

  // ---------- actions ----------

  delete(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "stop", () => ({}));
  }

  sync(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "sync", (m) => this.d.replications.ops.checkSync(m));
  }

  pause(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "pause", (m) => this.d.replications.ops.checkPause(m));
  }

  resume(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "resume", (m) => this.d.replications.ops.checkResume(m));
  }

  reconfigure(caller: SessionRec, id: string, site: string | undefined, b: ReconfigureBody): TaskRec {
    const ops = this.d.replications.ops;
    return this.startOp(caller, this.get(caller, id), site, "reconfigure", (m) => ops.checkReconfigure(m, b));
  }

  reverse(caller: SessionRec, id: string, site?: string): TaskRec {
    return this.startOp(caller, this.get(caller, id), site, "reverse", (m) => this.d.replications.ops.checkReverse(m));
  }

  /** Harmless when no VM has a test: 202 and a task that succeeds without change. */
  failoverTestCleanup(caller: SessionRec, id: string, site?: string): TaskRec {
    const ops = this.d.replications.ops;
    return this.startOp(caller, this.get(caller, id), site, "failoverTestCleanup", (m) => ops.checkCleanup(m));
  }

  /** Failover, test failover, migration of every VM, into one recovered (or test) vApp. */
  recover(caller: SessionRec, id: string, site: string | undefined, op: RecoveryOp, b: VappRecoveryBody): TaskRec {
    const v = this.get(caller, id);
    const members = this.d.vms.byVapp(v.id);
    const map = b.instanceMap ?? {};
    if (op === "failoverTest" && b.sync && Object.keys(map).length > 0)
      throw new BadRequest("'sync' and 'instanceMap' cannot be used together.", ["sync", "instanceMap"]);
    for (const rid of Object.keys(map))
      if (!members.some((m) => m.id === rid))
        throw new BadRequest(`'${rid}' is not a VM replication of vApp replication '${v.id}'.`, [rid]);
    for (const vmId of Object.keys(b.vmNetworkSettings ?? {}))
      if (!members.some((m) => m.vmId === vmId))
        throw new BadRequest(`VM '${vmId}' is not replicated by vApp replication '${v.id}'.`, [vmId]);
    const ops = this.d.replications.ops;
    // vApp failover-test: sync defaults to false (4.5 InlineVappFailoverTestSettings2)
    const per = (m: ReplicationRec) => ops.checkRecover(m, op, { type: b.type, instanceId: map[m.id], sync: b.sync });
    const vappId = op === "failoverTest" ? randomUUID() : (v.destination.recoveredVappId ?? randomUUID());
    return this.startOp(caller, v, site, op, per, { vappId });
  }

  private startOp(
    caller: SessionRec,
    v: VappReplicationRec,
    siteParam: string | undefined,
    op: Op,
    check: (m: ReplicationRec) => OpParams,
    shared: OpParams = {},
  ): TaskRec {
    const site = this.d.sessions.resolveSite(caller, siteParam);
    const members = this.d.vms.byVapp(v.id);
    const params: Record<string, OpParams> = {};
    for (const m of members) params[m.id] = check(m);
    const now = Date.now();
    for (const m of members) {
      m.lastUpdated = now;
      this.d.replications.ops.begin(m, op, params[m.id] as OpParams);
      this.d.vms.save(m);
    }
    v.lastUpdated = now;
    this.d.repo.save(v);
    const action: OpAction = { op, id: v.id, params, shared };
    return this.d.tasks.start({
      user: caller.principal,
      type: op,
      resourceType: "vappReplication",
      resourceId: v.id,
      resourceName: v.descriptor.name,
      site,
      sourceOrg: v.source.org,
      destinationOrg: v.destination.org,
      durationMs: this.d.replications.durationOf(op),
      action: { kind: "vapp.op", ...action },
    });
  }

  private finishOp(t: TaskRec): { resultType: string | null; result: unknown } {
    const a = t.action as unknown as OpAction;
    const v = this.d.repo.get(a.id);
    if (!v || v.pending) throw new VappReplicationNotFound(a.id);
    const members = this.d.vms.byVapp(v.id);
    if (a.op === "stop") {
      for (const m of members) this.d.vms.delete(m.id);
      this.d.repo.delete(v.id);
      return { resultType: null, result: null };
    }
    const now = Date.now();
    for (const m of members) {
      const p = a.params[m.id];
      if (!p) continue; // not a member when the task started
      this.d.replications.ops.apply(m, a.op, { ...p, ...a.shared }, now);
      this.d.vms.save(m);
    }
    if (a.op === "failover" || a.op === "migrate") v.destination.recoveredVappId = (a.shared.vappId as string) ?? null;
    if (a.op === "reverse") reverseEnds(v);
    v.lastUpdated = now;
    this.d.repo.save(v);
    return { resultType: "VappReplicationInfo", result: this.view(v, true, now) };
  }

  private failOp(t: TaskRec): void {
    const a = t.action as unknown as OpAction;
    for (const m of this.d.vms.byVapp(a.id)) {
      const p = a.params[m.id];
      if (p && this.d.replications.ops.undo(m, a.op, p)) this.d.vms.save(m);
    }
  }
}

/** After a reverse the recovered vApp is the source and the old source the destination (as for each VM). */
function reverseEnds(v: VappReplicationRec): void {
  const src = v.source;
  const dst = v.destination;
  v.source = {
    site: dst.site,
    org: dst.org,
    vdcId: dst.vdcId,
    vdcName: dst.vdcName,
    vappId: dst.recoveredVappId ?? src.vappId,
  };
  v.destination = { site: src.site, org: src.org, vdcId: src.vdcId, vdcName: src.vdcName, recoveredVappId: null };
}
