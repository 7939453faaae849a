import { type GeneratedVapps, loadInventory, withGeneratedVapps, withGeneratedVms } from "./inventory/load.js";
import type { Inventory } from "./inventory/types.js";
import { Diagnostics } from "./model/diagnostics.js";
import { DEFAULT_LIMITS, type Limits } from "./model/enforcement.js";
import { seedExample } from "./model/example-replication.js";
import { Counts, type FaultOptions, Faults } from "./model/faults.js";
import { InventoryReads } from "./model/inventory-reads.js";
import type { Clock } from "./model/lifecycle.js";
import { Policies, type Quirks } from "./model/policies.js";
import { type ApiVersion, type Profile, profile } from "./model/profiles.js";
import { Replications } from "./model/replications.js";
import { Sessions } from "./model/sessions.js";
import { SlaProfiles } from "./model/sla-profiles.js";
import { Tasks } from "./model/tasks.js";
import { VappReplications } from "./model/vapp-replications.js";
import { World } from "./model/world.js";
import { type Db, MetaRepo, openDb } from "./store/db.js";
import { SlaAssignmentsRepo, VmPowerRepo } from "./store/inventory-state-repo.js";
import { PoliciesRepo } from "./store/policies-repo.js";
import { InstancesRepo, ReplicationsRepo } from "./store/replications-repo.js";
import { SessionsRepo } from "./store/sessions-repo.js";
import { TasksRepo } from "./store/tasks-repo.js";
import { VappReplicationsRepo } from "./store/vapp-replications-repo.js";

export interface AppOptions {
  dataFile?: string;
  inMemory?: boolean;
  inventory?: Inventory | string;
  generateVms?: number;
  /** Extra vApps of `vmsPerVapp` VMs on the remote cloud site, for vApp benchmarks. */
  generateVapps?: GeneratedVapps;
  taskDurationMs?: number;
  /** How long failover, test failover and migration tasks run; default = taskDurationMs. */
  recoveryMs?: number;
  sessionIdleMinutes?: number;
  /** Emulated minutes per real minute for the replication lifecycle (RPO, retention). Default 1. */
  timeScale?: number;
  /** How long the initial sync takes; default = taskDurationMs. */
  initialSyncMs?: number;
  limits?: Partial<Limits>;
  faults?: FaultOptions;
  address?: string;
  /** API-version profile (model/profiles.ts); default 4.1. */
  apiVersion?: ApiVersion;
  statusOmitsIdleOrgs?: boolean;
}

/** Every model, wired to one database. The HTTP layer only talks to these. */
export interface Models {
  profile: Profile;
  quirks: Quirks;
  db: Db;
  world: World;
  sessions: Sessions;
  tasks: Tasks;
  policies: Policies;
  replications: Replications;
  vappReplications: VappReplications;
  slaProfiles: SlaProfiles;
  inventory: InventoryReads;
  diagnostics: Diagnostics;
  faults: Faults;
  counts: Counts;
  taskDurationMs: number;
  /** Duration of recovery tasks; `null` (or unset) = the task duration. */
  recoveryMs: number | null;
  /** What recovery tasks run for now. */
  readonly effectiveRecoveryMs: number;
  close(): void;
}

export function createModels(o: AppOptions): Models {
  const prof = profile(o.apiVersion);
  const quirks: Quirks = { statusOmitsIdleOrgs: o.statusOmitsIdleOrgs ?? false };
  const db = openDb(o.inMemory || !o.dataFile ? ":memory:" : o.dataFile);
  let inv = loadInventory(o.inventory);
  if (o.generateVms) inv = withGeneratedVms(inv, o.generateVms);
  if (o.generateVapps) inv = withGeneratedVapps(inv, o.generateVapps);
  const power = new VmPowerRepo(db);
  const world = new World(inv, power);
  const faults = new Faults(o.faults);
  let taskDurationMs = o.taskDurationMs ?? 2000;
  let recoveryMs: number | null = o.recoveryMs ?? null;
  const clock: Clock = { minuteMs: 60_000 / (o.timeScale ?? 1), initialSyncMs: o.initialSyncMs ?? taskDurationMs };
  const meta = new MetaRepo(db);
  const sessions = new Sessions(new SessionsRepo(db), world, (o.sessionIdleMinutes ?? 30) * 60_000, prof);
  const tasks = new Tasks(new TasksRepo(db), {
    durationMs: () => taskDurationMs,
    failTask: () => faults.roll(faults.get().taskFailureRate),
  });
  const repRepo = new ReplicationsRepo(db);
  const policies = new Policies(new PoliciesRepo(db), repRepo, world, prof, quirks);
  const instances = new InstancesRepo(db);
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const replications = new Replications({
    repo: repRepo,
    instances,
    world,
    sessions,
    policies,
    tasks,
    clock,
    limits,
    profile: prof,
    recoveryMs: () => recoveryMs ?? taskDurationMs,
  });
  const vappReplications = new VappReplications({
    repo: new VappReplicationsRepo(db),
    vms: repRepo,
    replications,
    world,
    sessions,
    tasks,
    limits,
    profile: prof,
  });
  const slaProfiles = new SlaProfiles(world, new SlaAssignmentsRepo(db), repRepo, prof);
  const diagnostics = new Diagnostics(meta, o.address ?? "127.0.0.1", prof);
  tasks.register("policies.sync", {
    complete: () => {
      policies.sync();
      return { resultType: null, result: null };
    },
  });
  tasks.register("diagnostics.health", {
    complete: () => ({ resultType: "CloudHealthInfo", result: diagnostics.health() }),
  });
  if (inv.exampleReplication && !meta.get("exampleSeeded")) {
    seedExample(repRepo, instances, world, clock);
    meta.set("exampleSeeded", "1");
  }
  tasks.resumeAll();
  const tickMs = Math.max(10, Math.min(1000, clock.minuteMs / 2));
  const ticker = setInterval(() => {
    try {
      replications.tick();
    } catch {
      // a failed tick is retried on the next one
    }
  }, tickMs);
  ticker.unref();
  return {
    profile: prof,
    quirks,
    db,
    world,
    sessions,
    tasks,
    policies,
    replications,
    vappReplications,
    slaProfiles,
    inventory: new InventoryReads(world, sessions, prof),
    diagnostics,
    faults,
    counts: new Counts(),
    get taskDurationMs() {
      return taskDurationMs;
    },
    set taskDurationMs(v: number) {
      taskDurationMs = v;
    },
    get recoveryMs() {
      return recoveryMs;
    },
    set recoveryMs(v: number | null) {
      recoveryMs = v;
    },
    get effectiveRecoveryMs() {
      return recoveryMs ?? taskDurationMs;
    },
    close() {
      clearInterval(ticker);
      tasks.close();
      db.close();
    },
  };
}
