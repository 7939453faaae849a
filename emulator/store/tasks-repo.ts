import type { Db } from "./db.js";

export interface ApiError {
  code: string;
  msg: string;
  args: unknown[];
  stacktrace: string | null;
}

/** What the task does when it ends; kept so a restarted process can finish it. */
export interface TaskAction {
  kind: string;
  [k: string]: unknown;
}

export interface TaskRec {
  id: string;
  user: string;
  workflowInfo: { type: string; resourceType: string; resourceId: string | null; resourceName: string | null };
  state: "RUNNING" | "SUCCEEDED" | "FAILED";
  startTime: number;
  endTime: number;
  lastUpdated: number;
  durationMs: number;
  resultType: string | null;
  result: unknown;
  error: ApiError | null;
  site: string;
  sourceOrg: string | null;
  destinationOrg: string | null;
  action: TaskAction | null;
}

/** GET /tasks filters (guide L1506-1574), already validated. */
export interface TaskFilter {
  user?: string;
  ids?: string[];
  sourceOrg?: string;
  destinationOrg?: string;
  state?: string;
  startTimeBefore?: number;
  startTimeAfter?: number;
  endTimeBefore?: number;
  endTimeAfter?: number;
  type?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  /** [field, descending] with field in startTime | state | endTime | user. */
  sort: [string, boolean][];
  limit: number;
  offset: number;
}

const TASK_SORT: Record<string, string> = {
  startTime: "start_time",
  state: "state",
  endTime: "end_time",
  user: "user",
};

export class TasksRepo {
  private seq = 0;
  constructor(private readonly db: Db) {
    this.seq = (db.prepare("SELECT COALESCE(MAX(seq), 0) AS s FROM tasks").get() as { s: number }).s;
  }
  save(t: TaskRec): void {
    this.db
      .prepare(
        `INSERT INTO tasks(id, user, state, type, resource_type, resource_id, resource_name, source_org, destination_org, start_time, end_time, seq, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, end_time = excluded.end_time, doc = excluded.doc`,
      )
      .run(
        t.id,
        t.user,
        t.state,
        t.workflowInfo.type,
        t.workflowInfo.resourceType,
        t.workflowInfo.resourceId,
        t.workflowInfo.resourceName,
        t.sourceOrg,
        t.destinationOrg,
        t.startTime,
        t.endTime,
        ++this.seq,
        JSON.stringify(t),
      );
  }
  get(id: string): TaskRec | undefined {
    const r = this.db.prepare("SELECT doc FROM tasks WHERE id = ?").get(id) as { doc: string } | undefined;
    return r ? JSON.parse(r.doc) : undefined;
  }
  running(): TaskRec[] {
    return (this.db.prepare("SELECT doc FROM tasks WHERE state = 'RUNNING'").all() as { doc: string }[]).map((r) =>
      JSON.parse(r.doc),
    );
  }
  query(f: TaskFilter): { items: TaskRec[]; total: number } {
    const w: string[] = [];
    const p: (string | number)[] = [];
    const eq = (col: string, v: string | number | undefined) => {
      if (v !== undefined) {
        w.push(`${col} = ?`);
        p.push(v);
      }
    };
    eq("user", f.user);
    eq("source_org", f.sourceOrg);
    eq("destination_org", f.destinationOrg);
    eq("state", f.state);
    eq("type", f.type);
    eq("resource_id", f.resourceId);
    eq("resource_name", f.resourceName);
    eq("resource_type", f.resourceType);
    if (f.ids) {
      w.push(`id IN (${f.ids.map(() => "?").join(",")})`);
      p.push(...f.ids);
    }
    const cmp = (col: string, op: string, v: number | undefined, finished = false) => {
      if (v !== undefined) {
        w.push(finished ? `${col} >= 0 AND ${col} ${op} ?` : `${col} ${op} ?`);
        p.push(v);
      }
    };
    cmp("start_time", "<", f.startTimeBefore);
    cmp("start_time", ">", f.startTimeAfter);
    cmp("end_time", "<", f.endTimeBefore, true);
    cmp("end_time", ">", f.endTimeAfter, true);
    const where = w.length ? `WHERE ${w.join(" AND ")}` : "";
    const order = [...f.sort.map(([k, d]) => `${TASK_SORT[k] ?? "start_time"} ${d ? "DESC" : "ASC"}`), "seq DESC"].join(
      ", ",
    );
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM tasks ${where}`).get(...p) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT doc FROM tasks ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...p, f.limit, f.offset) as { doc: string }[];
    return { items: rows.map((r) => JSON.parse(r.doc)), total };
  }
}
