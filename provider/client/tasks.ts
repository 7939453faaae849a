/**
 * Waiting for tasks. All ids a client waits for (per site) are polled together with one `POST /tasks/poll` per
 * interval; ids the poll does not return (older appliances, foreign tasks) are read with `GET /tasks/{id}`.
 * When the next poll is due: for a task whose kind of work (`workflowInfo.type`) has finished before, when tasks of
 * that kind usually end (learned from the appliance's own `startTime`/`endTime` of finished tasks, so our polling
 * does not bias it); otherwise, and once a task runs past that, a fraction of its age (between a floor and a
 * ceiling): a task is seen done at most that fraction of its run time late, and long tasks of a real appliance are
 * polled every few seconds only. The earliest task decides; tasks due within a few ms after it share its poll.
 * Each wait has its own deadline. A failed poll is retried at the next interval; only repeated authentication
 * failures (the client already logged in again once for each) end the waits.
 */
import { IN_PROGRESS_TASK_STATES, type Task, TaskPollResponseSchema, TaskSchema, tasksFromPoll } from "../api/task";
import { log } from "../log";
import { type RequestInfo, VcdaApiError, VcdaAuthError, VcdaTaskFailedError, VcdaTimeoutError } from "./errors";
import type { Requester } from "./types";

export interface WaitForTaskOptions {
  /** Give up after this long (ms), with a VcdaTimeoutError naming the task, its last state and progress. */
  timeoutMs: number;
  /** The resource operation waiting; appears in errors and logs. */
  operationId: string;
  /** Called on every observation of the task (each poll that returns it). */
  onProgress?: (task: Task) => void;
  /** The `site` query parameter the task runs on. */
  site?: string;
  /** `workflowInfo.type` of the task (e.g. `start`), when the caller has it: its usual run time is known sooner. */
  workflowType?: string;
}

export interface TaskWaiterOptions {
  /** Shortest poll interval, ms (default 100). */
  minIntervalMs?: number;
  /** Longest poll interval, ms (default 5000). */
  maxIntervalMs?: number;
  /** Interval as a fraction of the youngest waiting task's age (default 0.2). */
  ageFraction?: number;
  /** Consecutive polls refused for authentication before the waits fail (default 3). */
  maxAuthFailures?: number;
}

/** A poll planned for a task's usual end comes this much after it (the wait starts after the appliance's task). */
const EXPECTED_END_SLACK_MS = 5;
/** Tasks due within this window after the earliest one are polled together with it. */
const SHARE_WINDOW_MS = 10;
/** Weight of the newest run time in a kind's usual run time (an exponential moving average). */
const RUN_TIME_WEIGHT = 0.3;

interface Waiter {
  taskId: string;
  opts: WaitForTaskOptions;
  resolve: (t: Task) => void;
  reject: (e: Error) => void;
  deadline: number;
  timer: NodeJS.Timeout;
  last?: Task;
  started: number;
}

interface Group {
  site: string | undefined;
  waiters: Map<string, Waiter[]>;
  timer: NodeJS.Timeout | undefined;
  /** When the scheduled poll fires (ms since epoch). */
  dueAt: number;
  /** Polls in a row that failed authentication. */
  authFailures: number;
  /** A poll is in flight. */
  busy: boolean;
  /** False once the appliance answered the poll endpoint with an error: then only GET /tasks/{id} is used. */
  pollSupported: boolean;
}

let pollSeq = 0;

export class TaskWaiter {
  private readonly groups = new Map<string, Group>();
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly ageFraction: number;
  private readonly maxAuthFailures: number;
  /** Usual run time (ms) per `workflowInfo.type`, from the appliance's startTime/endTime of finished tasks. */
  private readonly runTimes = new Map<string, number>();
  /** Number of `POST /tasks/poll` and `GET /tasks/{id}` requests sent (for tests and debug). */
  readonly stats = { polls: 0, gets: 0 };

  constructor(
    private readonly client: Requester & { currentApiVersion?: () => string | undefined },
    opts: TaskWaiterOptions = {},
  ) {
    this.minIntervalMs = opts.minIntervalMs ?? 100;
    this.maxIntervalMs = opts.maxIntervalMs ?? 5000;
    this.ageFraction = opts.ageFraction ?? 0.2;
    this.maxAuthFailures = opts.maxAuthFailures ?? 3;
  }

  /** Resolves with the task once SUCCEEDED; rejects with VcdaTaskFailedError (FAILED, any other end state) or VcdaTimeoutError. */
  wait(taskId: string, opts: WaitForTaskOptions): Promise<Task> {
    const key = opts.site ?? "";
    let group = this.groups.get(key);
    if (!group) {
      group = {
        site: opts.site,
        waiters: new Map(),
        timer: undefined,
        dueAt: 0,
        authFailures: 0,
        busy: false,
        pollSupported: true,
      };
      this.groups.set(key, group);
    }
    const g = group;
    return new Promise<Task>((resolve, reject) => {
      const started = Date.now();
      const waiter: Waiter = {
        taskId,
        opts,
        resolve,
        reject,
        started,
        deadline: started + opts.timeoutMs,
        timer: setTimeout(() => this.timeout(g, waiter), opts.timeoutMs),
      };
      const list = g.waiters.get(taskId) ?? [];
      list.push(waiter);
      g.waiters.set(taskId, list);
      // A poll backed off far into the future would delay this new task: bring it forward.
      if (g.timer && g.dueAt > Date.now() + this.minIntervalMs) {
        clearTimeout(g.timer);
        g.timer = undefined;
      }
      if (!g.timer && !g.busy) this.schedule(g);
    });
  }

  private schedule(g: Group): void {
    if (g.waiters.size === 0 || g.timer || g.busy) return;
    const now = Date.now();
    const due: number[] = [];
    for (const list of g.waiters.values()) for (const w of list) due.push(this.dueAt(w, now));
    const first = Math.min(...due);
    // Others due a moment later wait for the same poll; never past a task's own due time by more than the window.
    const shared = Math.max(...due.filter((d) => d <= first + SHARE_WINDOW_MS));
    const interval = Math.max(0, shared - now);
    g.dueAt = now + interval;
    g.timer = setTimeout(() => {
      g.timer = undefined;
      g.busy = true;
      this.tick(g).finally(() => {
        g.busy = false;
        this.schedule(g);
      });
    }, interval);
  }

  /** When `w` wants its next poll (see the module comment). */
  private dueAt(w: Waiter, now: number): number {
    const age = now - w.started;
    const byAge = now + Math.min(this.maxIntervalMs, Math.max(this.minIntervalMs, Math.round(age * this.ageFraction)));
    const type = w.opts.workflowType ?? w.last?.workflowInfo?.type;
    const usual = type ? this.runTimes.get(type) : undefined;
    if (usual === undefined) return byAge;
    const expectedEnd = w.started + usual + EXPECTED_END_SLACK_MS;
    // Before its usual end: poll then (or at the ceiling, so a long wait still shows progress).
    return expectedEnd > now ? Math.min(expectedEnd, now + this.maxIntervalMs) : byAge;
  }

  /** Learns the run time of a finished task's kind from the appliance's own timestamps. */
  private learn(task: Task): void {
    const type = task.workflowInfo?.type;
    const { startTime, endTime } = task;
    if (!type || typeof startTime !== "number" || typeof endTime !== "number" || startTime <= 0) return;
    if (endTime < startTime) return;
    const run = endTime - startTime;
    const prev = this.runTimes.get(type);
    this.runTimes.set(type, prev === undefined ? run : prev + RUN_TIME_WEIGHT * (run - prev));
  }

  private async tick(g: Group): Promise<void> {
    const ids = [...g.waiters.keys()];
    if (ids.length === 0) return;
    const seen = new Set<string>();
    if (g.pollSupported) {
      const operationId = `vcda-task-poll-${++pollSeq}`;
      const ops = [...new Set([...g.waiters.values()].flat().map((w) => w.opts.operationId))];
      log.debug(`vcda polling ${ids.length} task(s) for ${ops.join(", ")} (operationID ${operationId})`);
      try {
        this.stats.polls++;
        const resp = await this.client.request({
          method: "POST",
          path: "/tasks/poll",
          query: { site: g.site },
          body: ids,
          schema: TaskPollResponseSchema,
          operationId,
          idempotent: true,
        });
        g.authFailures = 0;
        for (const task of tasksFromPoll(resp)) {
          if (!g.waiters.has(task.id)) continue;
          seen.add(task.id);
          this.dispatch(g, task);
        }
      } catch (e) {
        if (e instanceof VcdaAuthError) {
          if (++g.authFailures >= this.maxAuthFailures) return this.failAll(g, e);
          log.debug(`vcda task poll refused (${g.authFailures}/${this.maxAuthFailures}), will retry: ${e.message}`);
          return;
        }
        if (e instanceof VcdaApiError && e.status !== undefined && e.status < 500 && e.status !== 429) {
          log.debug(`vcda POST /tasks/poll answered ${e.status} ${e.code}; reading tasks one by one`);
          g.pollSupported = false;
        } else {
          log.debug(`vcda task poll failed (will retry): ${(e as Error).message}`);
          return;
        }
      }
    }
    for (const id of ids) {
      if (seen.has(id) || !g.waiters.has(id)) continue;
      const first = g.waiters.get(id)?.[0];
      if (!first) continue;
      try {
        this.stats.gets++;
        const task = await this.client.request({
          method: "GET",
          path: `/tasks/${encodeURIComponent(id)}`,
          query: { site: g.site },
          schema: TaskSchema,
          operationId: first.opts.operationId,
          idempotent: true,
        });
        this.dispatch(g, task);
      } catch (e) {
        if (e instanceof VcdaApiError && e.status === 404) {
          for (const w of g.waiters.get(id) ?? []) this.settle(g, w, e);
        } else {
          log.debug(`vcda GET /tasks/${id} failed (will retry): ${(e as Error).message}`);
        }
      }
    }
  }

  private dispatch(g: Group, task: Task): void {
    for (const w of [...(g.waiters.get(task.id) ?? [])]) {
      w.last = task;
      w.opts.onProgress?.(task);
      if (IN_PROGRESS_TASK_STATES.has(task.state)) continue;
      if (task.state === "SUCCEEDED") {
        // Only successes teach a kind's run time: a task that fails early says nothing about the next one.
        this.learn(task);
        this.settle(g, w, task);
        continue;
      }
      const failed = task.state === "FAILED";
      const why = failed ? "failed" : `ended in state ${JSON.stringify(task.state)}, which pulumi-vcda does not know`;
      this.settle(
        g,
        w,
        new VcdaTaskFailedError({
          taskId: task.id,
          code: task.error?.code ?? (failed ? "TaskFailed" : "TaskEnded"),
          msg: `task ${task.id}${describeWorkflow(task)} ${why}${task.error?.msg ? `: ${task.error.msg}` : ""}`,
          args: task.error?.args ?? [],
          request: this.requestInfo(`/tasks/${task.id}`, w.opts.operationId),
          state: task.state,
        }),
      );
    }
  }

  private requestInfo(path: string, operationId: string): RequestInfo {
    const apiVersion = this.client.currentApiVersion?.();
    return { method: "GET", path, operationId, ...(apiVersion ? { apiVersion } : {}) };
  }

  private timeout(g: Group, w: Waiter): void {
    const state = w.last?.state ?? "unknown (never read)";
    const progress = w.last?.progress ?? undefined;
    this.settle(
      g,
      w,
      new VcdaTimeoutError({
        code: "TaskTimeout",
        msg: `task ${w.taskId}${w.last ? describeWorkflow(w.last) : ""} did not finish within ${formatMs(w.opts.timeoutMs)}; last state ${state}${progress !== undefined ? `, progress ${progress}%` : ""}. It may still complete on the appliance`,
        request: this.requestInfo(`/tasks/${w.taskId}`, w.opts.operationId),
        taskId: w.taskId,
        lastState: state,
        ...(progress !== undefined ? { progress } : {}),
      }),
    );
  }

  private settle(g: Group, w: Waiter, outcome: Task | Error): void {
    const list = g.waiters.get(w.taskId);
    if (!list?.includes(w)) return;
    clearTimeout(w.timer);
    const rest = list.filter((x) => x !== w);
    if (rest.length) g.waiters.set(w.taskId, rest);
    else g.waiters.delete(w.taskId);
    if (g.waiters.size === 0 && g.timer) {
      clearTimeout(g.timer);
      g.timer = undefined;
    }
    if (outcome instanceof Error) w.reject(outcome);
    else w.resolve(outcome);
  }

  private failAll(g: Group, e: Error): void {
    for (const list of [...g.waiters.values()]) for (const w of [...list]) this.settle(g, w, e);
  }
}

function describeWorkflow(task: Task): string {
  const wf = task.workflowInfo;
  if (!wf?.type) return "";
  return ` (${wf.type}${wf.resourceType ? ` ${wf.resourceType}` : ""}${wf.resourceId ? ` ${wf.resourceId}` : ""})`;
}

function formatMs(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
