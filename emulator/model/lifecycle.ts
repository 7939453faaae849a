import { createHash, randomUUID } from "node:crypto";
import type { InstanceRec, InstancesRepo } from "../store/replications-repo.js";
import type { ReplicationRec } from "./replication-types.js";

/**
 * Simulated replication lifecycle: initial sync, then one instance per RPO, pruned by the retention rules.
 * `minuteMs` is how long one emulated minute lasts (60000 / timeScale), so tests can run an RPO in milliseconds.
 */
export interface Clock {
  minuteMs: number;
  initialSyncMs: number;
}

export function replicatedMB(r: ReplicationRec): number {
  let mb = 0;
  for (const [k, v] of Object.entries(r.hardware.diskMB)) if (!r.settings.excludedDiskKeys.includes(Number(k))) mb += v;
  return mb;
}

/** Starts (or restarts) the initial sync; a powered-off VM waits for a manual sync. */
export function beginInitialSync(r: ReplicationRec, now: number, clock: Clock, poweredOn: boolean): void {
  r.lastInstanceAt = null;
  r.latestInstance = null;
  if (!poweredOn) {
    r.syncStartAt = null;
    r.syncEndAt = null;
  } else {
    r.syncStartAt = Math.max(now, Math.max(r.settings.initialSyncTime, now));
    r.syncEndAt = r.syncStartAt + clock.initialSyncMs;
  }
  refresh(r, now, clock);
}

export function rpoViolation(r: ReplicationRec, now: number, clock: Clock): number {
  if (r.recoveryInfo.recoveryState === "COMPLETE" || r.lastInstanceAt === null) return -1;
  const over = now - r.lastInstanceAt - r.settings.rpo * clock.minuteMs;
  return over > 0 ? Math.ceil(over / clock.minuteMs) : -1;
}

export function connectionState(r: ReplicationRec, now: number): string {
  if (r.isPaused) return "PAUSED";
  if (r.recoveryInfo.recoveryState === "COMPLETE") return "FINISHED";
  if (r.lastInstanceAt === null) return r.syncStartAt === null ? "POWERED_OFF" : "INITIAL_SYNCING";
  if (r.syncEndAt !== null && now < r.syncEndAt) return "SYNCING";
  return "OK";
}

export function health(r: ReplicationRec, now: number, clock: Clock): string {
  if (r.lastError) return "RED";
  return rpoViolation(r, now, clock) > 0 ? "YELLOW" : "GREEN";
}

/** Recomputes the stored columns and the next time the ticker must look at this replication. */
export function refresh(r: ReplicationRec, now: number, clock: Clock): void {
  r.dataConnectionState = connectionState(r, now);
  r.overallHealth = health(r, now, clock);
  const rpoMs = r.settings.rpo * clock.minuteMs;
  if (r.recoveryInfo.recoveryState === "COMPLETE") r.nextEventAt = null;
  else if (r.lastInstanceAt === null) r.nextEventAt = r.isPaused ? null : r.syncEndAt;
  else if (r.isPaused)
    r.nextEventAt = r.lastInstanceAt + rpoMs + clock.minuteMs > now ? r.lastInstanceAt + rpoMs + clock.minuteMs : null;
  else r.nextEventAt = r.lastInstanceAt + rpoMs;
}

/** Advances one replication to `now`: finishes the initial sync or takes the instance due at the RPO. */
export function advance(r: ReplicationRec, now: number, clock: Clock, instances: InstancesRepo): void {
  if (!r.isPaused && r.recoveryInfo.recoveryState !== "COMPLETE") {
    if (r.lastInstanceAt === null && r.syncEndAt !== null && now >= r.syncEndAt) {
      takeInstance(r, r.syncEndAt, instances, true);
      prune(r, clock, instances);
    } else if (r.lastInstanceAt !== null && now >= r.lastInstanceAt + r.settings.rpo * clock.minuteMs) {
      takeInstance(r, now, instances, false);
      prune(r, clock, instances);
    }
  }
  refresh(r, now, clock);
}

function pseudo(seed: string, n: number): number {
  const h = createHash("sha1").update(`${seed}:${n}`).digest();
  return h.readUInt32BE(0) / 0xffffffff;
}

export function takeInstance(
  r: ReplicationRec,
  at: number,
  instances: InstancesRepo,
  full: boolean,
  key = `replica-${randomUUID()}`,
): InstanceRec {
  const total = replicatedMB(r) * 1024 * 1024;
  r.instanceSeq += 1;
  const bytes = full ? total : Math.round(total * 0.001 * (0.2 + pseudo(r.id, r.instanceSeq)));
  const inst: InstanceRec = {
    key,
    sequenceNumber: r.instanceSeq,
    timestamp: at,
    transferBytes: bytes,
    transferSeconds: Math.max(1, Math.round(bytes / (100 * 1024 * 1024))),
    quiescedType: r.settings.quiesced ? "fileSystemQuiesced" : "notQuiesced",
    isPinned: false,
    disksInfo: Object.keys(r.hardware.diskMB)
      .map(Number)
      .filter((k) => !r.settings.excludedDiskKeys.includes(k))
      .map((diskKey) => ({ diskKey })),
  };
  instances.insert(r.id, inst);
  r.lastInstanceAt = at;
  r.latestInstance = inst;
  return inst;
}

/**
 * Keeps the latest instance, pinned ones, and for each rule the newest instance in each of the last `n`
 * time buckets of `distance` minutes (buckets are on a fixed grid, so kept instances survive new ones).
 */
export function prune(r: ReplicationRec, clock: Clock, instances: InstancesRepo): void {
  const all = instances.list(r.id);
  const latest = all[0];
  if (!latest) return;
  const keep = new Set<string>([latest.key]);
  for (const rule of r.settings.retentionPolicy.rules) {
    const d = Math.max(1, rule.distance * clock.minuteMs);
    const top = Math.floor(latest.timestamp / d);
    const seen = new Set<number>();
    for (const i of all) {
      const b = Math.floor(i.timestamp / d);
      if (b <= top - rule.numberOfInstances || seen.has(b)) continue;
      seen.add(b);
      keep.add(i.key);
    }
  }
  if (r.recoveryInstance) keep.add(r.recoveryInstance);
  for (const i of all) if (!i.isPinned && !keep.has(i.key)) instances.delete(i.key);
}
