import { loadInventory, withGeneratedVms } from "./inventory/load.js";
import type { Inventory } from "./inventory/types.js";
import { Diagnostics } from "./model/diagnostics.js";
import { DEFAULT_LIMITS, type Limits } from "./model/enforcement.js";
import { Counts, type FaultOptions, Faults } from "./model/faults.js";
import type { Clock } from "./model/lifecycle.js";
import { Policies, type Quirks } from "./model/policies.js";
import { type ApiVersion, type Profile, profile } from "./model/profiles.js";
import { Replications } from "./model/replications.js";
import { Sessions } from "./model/sessions.js";
import { Tasks } from "./model/tasks.js";
import { World } from "./model/world.js";
import { type Db, MetaRepo, openDb } from "./store/db.js";
import { PoliciesRepo } from "./store/policies-repo.js";
import { InstancesRepo, ReplicationsRepo } from "./store/replications-repo.js";
import { SessionsRepo } from "./store/sessions-repo.js";
import { TasksRepo } from "./store/tasks-repo.js";

export interface AppOptions {
  dataFile?: string;
  inMemory?: boolean;
  inventory?: Inventory | string;
  generateVms?: number;
  taskDurationMs?: number;
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
  diagnostics: Diagnostics;
  faults: Faults;
  counts: Counts;
  taskDurationMs: number;
  close(): void;
}

export function createModels(o: AppOptions): Models {
  const prof = profile(o.apiVersion);
  const quirks: Quirks = { statusOmitsIdleOrgs: o.statusOmitsIdleOrgs ?? false };
  const db = openDb(o.inMemory || !o.dataFile ? ":memory:" : o.dataFile);
  let inv = loadInventory(o.inventory);
  if (o.generateVms) inv = withGeneratedVms(inv, o.generateVms);
  const world = new World(inv);
  const faults = new Faults(o.faults);
  let taskDurationMs = o.taskDurationMs ?? 2000;
  const clock: Clock = { minuteMs: 60_000 / (o.timeScale ?? 1), initialSyncMs: o.initialSyncMs ?? taskDurationMs };
  const meta = new MetaRepo(db);
  const sessions = new Sessions(new SessionsRepo(db), world, (o.sessionIdleMinutes ?? 30) * 60_000, prof);
  const tasks = new Tasks(new TasksRepo(db), {
    durationMs: () => taskDurationMs,
    failTask: () => faults.roll(faults.get().taskFailureRate),
  });
  const repRepo = new ReplicationsRepo(db);
  const policies = new Policies(new PoliciesRepo(db), repRepo, world, prof, quirks);
  const replications = new Replications(
    repRepo,
    new InstancesRepo(db),
    world,
    sessions,
    policies,
    tasks,
    clock,
    { ...DEFAULT_LIMITS, ...o.limits },
    prof,
  );
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
    replications.seedExample();
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
    diagnostics,
    faults,
    counts: new Counts(),
    get taskDurationMs() {
      return taskDurationMs;
    },
    set taskDurationMs(v: number) {
      taskDurationMs = v;
    },
    close() {
      clearInterval(ticker);
      tasks.close();
      db.close();
    },
  };
}
