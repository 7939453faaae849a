import { afterEach, describe, expect, it } from "vitest";
import {
  createClient,
  VcdaAuthError,
  VcdaNotFoundError,
  VcdaTaskFailedError,
  VcdaTimeoutError,
} from "../../provider/client/index";
import { setLogSink } from "../../provider/log";
import { handleLogin, json, mockServer, type Recorded } from "./helpers/mock-server";

const COLUMNS = [
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

interface FakeTask {
  id: string;
  state: string;
  progress: number;
  /** Poll count after which it finishes. */
  doneAfter: number;
  final: string;
  /** Left out of poll answers (forces GET /tasks/{id}). */
  hiddenFromPoll?: boolean;
}

const task = (t: FakeTask) => ({
  id: t.id,
  user: "root",
  workflowInfo: { type: "start", resourceType: "vmReplication", resourceId: "C4-1", resourceName: null },
  progress: t.progress,
  state: t.state,
  lastUpdated: 1,
  startTime: 1,
  endTime: t.state === "RUNNING" ? -1 : 2,
  resultType: null,
  result: t.state === "SUCCEEDED" ? { id: "C4-1" } : null,
  error:
    t.state === "FAILED"
      ? { code: "VmNotFound", msg: "VM 'vm-1' was not found.", args: ["vm-1"], stacktrace: null }
      : null,
  warnings: [],
  site: "site2",
});

function advance(t: FakeTask) {
  t.doneAfter--;
  if (t.doneAfter <= 0) {
    t.state = t.final;
    t.progress = 100;
  } else {
    t.progress = Math.min(90, t.progress + 30);
  }
}

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function fakeAppliance(tasks: FakeTask[], opts: { refusePolls?: number } = {}) {
  const logins = { n: 0 };
  const byId = new Map(tasks.map((t) => [t.id, t]));
  let refusals = opts.refusePolls ?? 0;
  const s = await mockServer((req: Recorded, res) => {
    if (handleLogin(req, res, logins)) return;
    if (req.method === "POST" && req.path.startsWith("/tasks/poll") && refusals > 0) {
      refusals--;
      return json(res, 401, { code: "NotAuthenticated", msg: "Authentication required.", args: [] });
    }
    if (req.method === "POST" && req.path.startsWith("/tasks/poll")) {
      const ids = JSON.parse(req.body) as string[];
      const rows = ids
        .map((id) => byId.get(id))
        .filter((t): t is FakeTask => !!t && !t.hiddenFromPoll)
        .map((t) => {
          advance(t);
          const o = task(t) as Record<string, unknown>;
          return COLUMNS.map((c) =>
            c.startsWith("workflowInfo.") ? (o.workflowInfo as Record<string, unknown>)[c.slice(13)] : o[c],
          );
        });
      return json(res, 200, { propertyNames: COLUMNS, values: rows });
    }
    const m = /^\/tasks\/([^?]+)/.exec(req.path);
    if (req.method === "GET" && m) {
      const t = byId.get(m[1] ?? "");
      if (!t) return json(res, 404, { code: "TaskNotFound", msg: `Task '${m[1]}' was not found.`, args: [m[1]] });
      advance(t);
      return json(res, 200, task(t));
    }
    json(res, 404, { code: "NotFound", msg: "no route", args: [] });
  });
  servers.push(s);
  return s;
}

const fastTasks = { tasks: { minIntervalMs: 20, maxIntervalMs: 40 } };

describe("task waiting", () => {
  it("shares one POST /tasks/poll per interval between concurrent waits", async () => {
    const tasks: FakeTask[] = ["a", "b", "c"].map((id) => ({
      id,
      state: "RUNNING",
      progress: 0,
      doneAfter: 3,
      final: "SUCCEEDED",
    }));
    const s = await fakeAppliance(tasks);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const done = await Promise.all(
      tasks.map((t) => client.waitForTask(t.id, { timeoutMs: 5000, operationId: `op-${t.id}` })),
    );
    expect(done.map((t) => t.state)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    const polls = s.requests.filter((r) => r.path.startsWith("/tasks/poll"));
    expect(polls).toHaveLength(3);
    expect(JSON.parse(polls[0]?.body ?? "")).toEqual(["a", "b", "c"]);
    expect(s.requests.filter((r) => r.method === "GET")).toHaveLength(0);
    expect(done[0]?.result).toEqual({ id: "C4-1" });
  });

  it("reads tasks the poll leaves out with GET /tasks/{id}", async () => {
    const s = await fakeAppliance([
      { id: "hidden", state: "RUNNING", progress: 0, doneAfter: 2, final: "SUCCEEDED", hiddenFromPoll: true },
    ]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const t = await client.waitForTask("hidden", { timeoutMs: 5000, operationId: "op-h" });
    expect(t.state).toBe("SUCCEEDED");
    const gets = s.requests.filter((r) => r.method === "GET");
    expect(gets.length).toBe(2);
    expect(gets[0]?.headers.operationid).toBe("op-h");
  });

  it("reports progress changes", async () => {
    const s = await fakeAppliance([{ id: "p", state: "RUNNING", progress: 0, doneAfter: 3, final: "SUCCEEDED" }]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const seen: string[] = [];
    await client.waitForTask("p", {
      timeoutMs: 5000,
      operationId: "op",
      onProgress: (t) => seen.push(`${t.state}:${t.progress}`),
    });
    expect(seen).toEqual(["RUNNING:30", "RUNNING:60", "SUCCEEDED:100"]);
  });

  it("rejects with the task's error code and message when it FAILS", async () => {
    const s = await fakeAppliance([{ id: "f", state: "RUNNING", progress: 0, doneAfter: 1, final: "FAILED" }]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const err = await client.waitForTask("f", { timeoutMs: 5000, operationId: "op-f" }).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaTaskFailedError);
    expect(err.code).toBe("VmNotFound");
    expect(err.taskId).toBe("f");
    expect(err.message).toContain("task f (start vmReplication C4-1) failed: VM 'vm-1' was not found.");
    expect(err.message).toContain("operationID op-f");
  });

  it("ends the wait on a state it does not know, naming the state, instead of waiting until the timeout", async () => {
    const s = await fakeAppliance([{ id: "c", state: "RUNNING", progress: 0, doneAfter: 1, final: "CANCELED" }]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const started = Date.now();
    const err = await client.waitForTask("c", { timeoutMs: 30_000, operationId: "op-c" }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(VcdaTaskFailedError);
    expect(err.state).toBe("CANCELED");
    expect(err.code).toBe("TaskEnded");
    expect(err.message).toContain('ended in state "CANCELED"');
  });

  it("times out naming the task id, its last state and progress", async () => {
    const s = await fakeAppliance([{ id: "slow", state: "RUNNING", progress: 0, doneAfter: 1000, final: "SUCCEEDED" }]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const err = await client.waitForTask("slow", { timeoutMs: 150, operationId: "op-t" }).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaTimeoutError);
    expect(err.code).toBe("TaskTimeout");
    expect(err.taskId).toBe("slow");
    expect(err.lastState).toBe("RUNNING");
    expect(err.message).toMatch(
      /task slow \(start vmReplication C4-1\) did not finish within 150 ms; last state RUNNING, progress \d+%/,
    );
  });

  it("keeps waiting through a refused poll (an expired session), and gives up only after repeated refusals", async () => {
    // Each refused poll costs two 401s: the request and its one retry after logging in again.
    const s = await fakeAppliance([{ id: "x", state: "RUNNING", progress: 0, doneAfter: 2, final: "SUCCEEDED" }], {
      refusePolls: 2,
    });
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    expect((await client.waitForTask("x", { timeoutMs: 5000, operationId: "op" })).state).toBe("SUCCEEDED");

    const never = await fakeAppliance([{ id: "y", state: "RUNNING", progress: 0, doneAfter: 2, final: "SUCCEEDED" }], {
      refusePolls: 1000,
    });
    const other = createClient({ endpoint: never.url, password: "pw" }, fastTasks);
    const err = await other.waitForTask("y", { timeoutMs: 5000, operationId: "op-y" }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(never.requests.filter((r) => r.path.startsWith("/tasks/poll"))).toHaveLength(6);
  });

  it("brings a backed-off poll forward when a new task starts", async () => {
    const s = await fakeAppliance([
      { id: "long", state: "RUNNING", progress: 0, doneAfter: 1000, final: "SUCCEEDED" },
      { id: "short", state: "RUNNING", progress: 0, doneAfter: 1, final: "SUCCEEDED" },
    ]);
    const client = createClient(
      { endpoint: s.url, password: "pw" },
      { tasks: { minIntervalMs: 20, maxIntervalMs: 5000, ageFraction: 20 } },
    );
    const long = client.waitForTask("long", { timeoutMs: 1500, operationId: "op-l" }).catch((e: unknown) => e);
    // After two polls the next one is seconds away (20 × the task's age).
    while (s.requests.filter((r) => r.path.startsWith("/tasks/poll")).length < 2)
      await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await client.waitForTask("short", { timeoutMs: 5000, operationId: "op-s" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await long).toBeInstanceOf(VcdaTimeoutError);
  });

  it("shows a long task's progress on the console now and then, and nothing for quick ones", async () => {
    const lines: string[] = [];
    setLogSink((level, msg) => {
      if (level === "info") lines.push(msg);
    });
    try {
      const quick = await fakeAppliance([{ id: "q", state: "RUNNING", progress: 0, doneAfter: 3, final: "SUCCEEDED" }]);
      await createClient({ endpoint: quick.url, password: "pw" }, fastTasks).waitForTask("q", {
        timeoutMs: 5000,
        operationId: "op-q",
      });
      expect(lines).toEqual([]);

      const slow = await fakeAppliance([{ id: "s", state: "RUNNING", progress: 0, doneAfter: 12, final: "SUCCEEDED" }]);
      await createClient({ endpoint: slow.url, password: "pw" }, { ...fastTasks, progressEveryMs: 100 }).waitForTask(
        "s",
        { timeoutMs: 5000, operationId: "op-s" },
      );
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(
        /^VCDA task s start\/vmReplication C4-1: RUNNING \d+%, running for \d+ s \(operationID op-s\)$/,
      );
    } finally {
      setLogSink(undefined);
    }
  });

  it("rejects a task the appliance does not know with NotFound", async () => {
    const s = await fakeAppliance([]);
    const client = createClient({ endpoint: s.url, password: "pw" }, fastTasks);
    const err = await client.waitForTask("ghost", { timeoutMs: 5000, operationId: "op" }).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaNotFoundError);
    expect(err.code).toBe("TaskNotFound");
  });
});

describe("task waiting, timed by the kind of work", () => {
  /** Tasks that end by the clock: `runMs` after they were made (their startTime/endTime say so, like VCDA's). */
  async function timedAppliance() {
    const logins = { n: 0 };
    const tasks = new Map<string, { type: string; start: number; runMs: number }>();
    const view = (id: string) => {
      const t = tasks.get(id);
      if (!t) return undefined;
      const done = Date.now() >= t.start + t.runMs;
      const o: Record<string, unknown> = {
        ...task({ id, state: done ? "SUCCEEDED" : "RUNNING", progress: done ? 100 : 50, doneAfter: 0, final: "" }),
        startTime: t.start,
        endTime: done ? t.start + t.runMs : -1,
      };
      o.workflowInfo = { ...(o.workflowInfo as object), type: t.type };
      return o;
    };
    const s = await mockServer((req: Recorded, res) => {
      if (handleLogin(req, res, logins)) return;
      if (req.method === "POST" && req.path.startsWith("/tasks/poll")) {
        const rows = (JSON.parse(req.body) as string[]).flatMap((id) => {
          const o = view(id);
          if (!o) return [];
          const wf = o.workflowInfo as Record<string, unknown>;
          return [COLUMNS.map((c) => (c.startsWith("workflowInfo.") ? wf[c.slice(13)] : o[c]))];
        });
        return json(res, 200, { propertyNames: COLUMNS, values: rows });
      }
      json(res, 404, { code: "NotFound", msg: "no route", args: [] });
    });
    servers.push(s);
    /** Starts a task now and returns it as the appliance would answer the request that started it. */
    const start = (id: string, type: string, runMs: number) => {
      tasks.set(id, { type, start: Date.now(), runMs });
      return view(id) as unknown as Parameters<ReturnType<typeof createClient>["waitForTask"]>[0];
    };
    const polls = () => s.requests.filter((r) => r.path.startsWith("/tasks/poll")).length;
    return { s, start, polls };
  }

  it("polls a task once, when tasks of its kind usually end, after it has seen one end", async () => {
    const { s, start, polls } = await timedAppliance();
    const client = createClient({ endpoint: s.url, password: "pw" }, { tasks: { minIntervalMs: 20 } });
    const opts = { timeoutMs: 5000, operationId: "op" };
    // The first task of its kind is polled by its age: several polls before it is seen done.
    await client.waitForTask(start("first", "reconfigure", 300), opts);
    expect(polls()).toBeGreaterThan(2);
    const before = polls();
    const t = await client.waitForTask(start("second", "reconfigure", 300), opts);
    expect(t.state).toBe("SUCCEEDED");
    expect(polls() - before).toBe(1);
  });

  it("still sees a task that runs longer than its kind usually does, polling it by its age after that", async () => {
    const { s, start, polls } = await timedAppliance();
    const client = createClient({ endpoint: s.url, password: "pw" }, { tasks: { minIntervalMs: 20 } });
    const opts = { timeoutMs: 5000, operationId: "op" };
    await client.waitForTask(start("quick", "start", 100), opts);
    const before = polls();
    const t = await client.waitForTask(start("slow", "start", 600), opts);
    expect(t.state).toBe("SUCCEEDED");
    // One poll at its kind's usual end (too early), then by its age until it is done.
    expect(polls() - before).toBeGreaterThan(1);
  });
});
