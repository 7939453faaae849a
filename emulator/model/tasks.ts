import { randomUUID } from "node:crypto";
import type { SessionRec } from "../store/sessions-repo.js";
import type { ApiError, TaskAction, TaskFilter, TaskRec, TasksRepo } from "../store/tasks-repo.js";
import { ModelError, TaskNotFound } from "./errors.js";

export const POLL_PROPERTIES = [
  "id",
  "user",
  "workflowInfo.type",
  "workflowInfo.resourceType",
  "workflowInfo.resourceId",
  "workflowInfo.resourceName",
  "progress",
  "state",
  "lastUpdated",
  "startTime",
  "endTime",
  "resultType",
  "result",
  "error",
  "warnings",
  "site",
];

export interface TaskOutcome {
  resultType: string | null;
  result: unknown;
}

interface Handler {
  /** Applies the effect; throwing a ModelError fails the task with that error. */
  complete(task: TaskRec): TaskOutcome;
  /** Undoes what start reserved (e.g. a pending replication) when the task fails. */
  fail?(task: TaskRec): void;
}

export interface StartTask {
  user: string;
  type: string;
  resourceType: string;
  resourceId: string | null;
  resourceName: string | null;
  site: string;
  sourceOrg?: string | null;
  destinationOrg?: string | null;
  /** How long it runs; default the task duration. */
  durationMs?: number;
  action: TaskAction;
}

/**
 * Long-running operations (decisions.md #13): RUNNING with rising progress, then SUCCEEDED or FAILED after
 * the configured duration. Progress is computed from the clock, so a restart resumes where it left off.
 */
export class Tasks {
  private readonly handlers = new Map<string, Handler>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly repo: TasksRepo,
    /** `failTask` draws whether a finishing task fails (the fault switch). */
    private readonly opts: { durationMs: () => number; failTask: () => boolean; onChange?: () => void },
  ) {}

  register(kind: string, h: Handler): void {
    this.handlers.set(kind, h);
  }

  start(t: StartTask): TaskRec {
    const now = Date.now();
    const rec: TaskRec = {
      id: randomUUID(),
      user: t.user,
      workflowInfo: {
        type: t.type,
        resourceType: t.resourceType,
        resourceId: t.resourceId,
        resourceName: t.resourceName,
      },
      state: "RUNNING",
      startTime: now,
      endTime: -1,
      lastUpdated: now,
      durationMs: Math.max(0, t.durationMs ?? this.opts.durationMs()),
      resultType: null,
      result: null,
      error: null,
      site: t.site,
      sourceOrg: t.sourceOrg ?? null,
      destinationOrg: t.destinationOrg ?? null,
      action: t.action,
    };
    this.repo.save(rec);
    this.schedule(rec);
    return rec;
  }

  /** A task that is already finished (GET /diagnostics/health answers with one). */
  finished(t: Omit<StartTask, "action">, outcome: TaskOutcome): TaskRec {
    const now = Date.now();
    const rec: TaskRec = {
      id: randomUUID(),
      user: t.user,
      workflowInfo: {
        type: t.type,
        resourceType: t.resourceType,
        resourceId: t.resourceId,
        resourceName: t.resourceName,
      },
      state: "SUCCEEDED",
      startTime: now,
      endTime: now,
      lastUpdated: now,
      durationMs: 0,
      resultType: outcome.resultType,
      result: outcome.result,
      error: null,
      site: t.site,
      sourceOrg: null,
      destinationOrg: null,
      action: null,
    };
    this.repo.save(rec);
    return rec;
  }

  /** Re-arms every task that was RUNNING when the process stopped. */
  resumeAll(): number {
    const running = this.repo.running();
    for (const t of running) this.schedule(t);
    return running.length;
  }

  private schedule(t: TaskRec): void {
    const due = t.startTime + t.durationMs - Date.now();
    const timer = setTimeout(() => this.finish(t.id), Math.max(0, due));
    this.timers.set(t.id, timer);
  }

  private finish(id: string): void {
    this.timers.delete(id);
    if (this.closed) return;
    const t = this.repo.get(id);
    if (t?.state !== "RUNNING") return;
    const h = t.action ? this.handlers.get(t.action.kind) : undefined;
    // A timer may fire a millisecond early by the wall clock: a task never ends before its duration has passed.
    const now = Math.max(Date.now(), t.startTime + t.durationMs);
    t.endTime = now;
    t.lastUpdated = now;
    try {
      if (this.opts.failTask()) {
        throw new ModelError("TaskFailed", "The task failed (fault injected by the emulator).", [t.id]);
      }
      const out = h ? h.complete(t) : { resultType: null, result: null };
      t.state = "SUCCEEDED";
      t.resultType = out.resultType;
      t.result = out.result;
    } catch (e) {
      t.state = "FAILED";
      t.error = toApiError(e);
      try {
        h?.fail?.(t);
      } catch {
        // the failure is already recorded; an undo error must not leave the task RUNNING
      }
    }
    this.repo.save(t);
    this.opts.onChange?.();
  }

  /** Task as the API shows it; progress rises with time while RUNNING. */
  view(t: TaskRec, admin: boolean): Record<string, unknown> {
    let progress = 100;
    let lastUpdated = t.lastUpdated;
    if (t.state === "RUNNING") {
      const now = Date.now();
      progress = t.durationMs > 0 ? Math.min(99, Math.floor(((now - t.startTime) / t.durationMs) * 100)) : 99;
      lastUpdated = now;
    }
    let result = t.result;
    if (!admin && result && typeof result === "object") {
      const r = result as Record<string, unknown>;
      if (t.resultType === "SingleVmReplicationInfo") result = hideAdminFields(r);
      else if (t.resultType === "VappReplicationInfo" && Array.isArray(r.vmReplications))
        result = { ...r, vmReplications: r.vmReplications.map((m) => hideAdminFields(m as Record<string, unknown>)) };
    }
    return {
      id: t.id,
      user: t.user,
      workflowInfo: t.workflowInfo,
      progress,
      state: t.state,
      lastUpdated,
      startTime: t.startTime,
      endTime: t.endTime,
      resultType: t.resultType,
      result,
      error: t.error,
      warnings: [],
      site: t.site,
    };
  }

  get(caller: SessionRec, id: string): TaskRec {
    const t = this.repo.get(id);
    if (!t || (!caller.admin && t.user !== caller.principal)) throw new TaskNotFound(id);
    return t;
  }

  /** POST /tasks/poll (decisions.md #14): one row per visible task, columns in POLL_PROPERTIES order. */
  poll(caller: SessionRec, ids: string[]): { propertyNames: string[]; values: unknown[][] } {
    const values: unknown[][] = [];
    for (const id of ids) {
      const t = this.repo.get(id);
      if (!t || (!caller.admin && t.user !== caller.principal)) continue;
      const v = this.view(t, caller.admin);
      const w = v.workflowInfo as TaskRec["workflowInfo"];
      values.push([
        v.id,
        v.user,
        w.type,
        w.resourceType,
        w.resourceId,
        w.resourceName,
        v.progress,
        v.state,
        v.lastUpdated,
        v.startTime,
        v.endTime,
        v.resultType,
        v.result,
        v.error,
        v.warnings,
        v.site,
      ]);
    }
    return { propertyNames: POLL_PROPERTIES, values };
  }

  list(caller: SessionRec, f: TaskFilter): { items: TaskRec[]; total: number } {
    if (!caller.admin) f.user = caller.principal;
    return this.repo.query(f);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ModelError) return { code: e.code, msg: e.message, args: e.args, stacktrace: null };
  return {
    code: "GeneralServerFailure",
    msg: `Operation aborted due to an unexpected error: ${e instanceof Error ? e.message : String(e)}`,
    args: [],
    stacktrace: null,
  };
}

/** vimLocation.datastore* are visible only to administrators (guide L4360-4372). */
export function hideAdminFields(r: Record<string, unknown>): Record<string, unknown> {
  const vim = r.vimLocation as Record<string, unknown> | undefined;
  if (!vim) return r;
  return { ...r, vimLocation: { ...vim, datastore: null, datastoreMoref: null, datastoreName: null } };
}
