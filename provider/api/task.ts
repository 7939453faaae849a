/**
 * Task: a long-running operation (guide L1285-1385, api-digest §1.1-1.2).
 */
import { z } from "zod";
import { ApiErrorSchema } from "./error";

/** RUNNING, SUCCEEDED or FAILED (L1301). Unknown states are kept as strings so a newer appliance does not break waits. */
export const TaskStateSchema = z.string();

export const WorkflowInfoSchema = z.looseObject({
  type: z.string().nullish(),
  resourceType: z.string().nullish(),
  resourceId: z.string().nullish(),
  resourceName: z.string().nullish(),
});

export const TaskSchema = z.looseObject({
  /** UUID used for polling. */
  id: z.string(),
  /** Who started it. */
  user: z.string().nullish(),
  workflowInfo: WorkflowInfoSchema.nullish(),
  /** Percent 0-100. */
  progress: z.number().nullish(),
  state: TaskStateSchema,
  lastUpdated: z.number().nullish(),
  startTime: z.number().nullish(),
  /** `-1` while running. */
  endTime: z.number().nullish(),
  resultType: z.string().nullish(),
  /** Populated only when SUCCEEDED and the operation has a result. */
  result: z.unknown().optional(),
  /** Populated when FAILED. */
  error: ApiErrorSchema.nullish(),
  warnings: z.array(z.unknown()).nullish(),
  /** Site the task runs on. */
  site: z.string().nullish(),
});

export type Task = z.infer<typeof TaskSchema>;

/** Paged list of GET /tasks (L1593-1615). */
export const TaskPageSchema = z.looseObject({ items: z.array(TaskSchema), total: z.number().nullish() });

/** `POST /tasks/poll` response (L1470-1491): one array per task, columns in `propertyNames` order (decisions.md #14). */
export const TaskPollResponseSchema = z.looseObject({
  propertyNames: z.array(z.string()),
  values: z.array(z.array(z.unknown())),
});

export type TaskPollResponse = z.infer<typeof TaskPollResponseSchema>;

/**
 * Turns the flattened poll rows back into task objects (`workflowInfo.type` → `workflowInfo: {type}`).
 * Rows that do not parse as a task are skipped (the waiter then falls back to `GET /tasks/{id}`).
 * @internal
 */
export function tasksFromPoll(resp: TaskPollResponse): Task[] {
  const out: Task[] = [];
  for (const row of resp.values) {
    const obj: Record<string, unknown> = {};
    resp.propertyNames.forEach((name, i) => {
      const parts = name.split(".");
      let cur = obj;
      for (let p = 0; p < parts.length - 1; p++) {
        const key = parts[p] as string;
        if (typeof cur[key] !== "object" || cur[key] === null) cur[key] = {};
        cur = cur[key] as Record<string, unknown>;
      }
      cur[parts[parts.length - 1] as string] = row[i];
    });
    const parsed = TaskSchema.safeParse(obj);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * States of a task that is still going. Every other state ends a wait: SUCCEEDED with the task, FAILED with its
 * error, anything else (a state a newer appliance may add, e.g. a cancellation) with an error naming the state.
 */
export const IN_PROGRESS_TASK_STATES: ReadonlySet<string> = new Set(["RUNNING"]);
