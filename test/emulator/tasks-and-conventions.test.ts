import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { admin, Client, cloudBody, IDS, MEDIA, openOrg, replicate, sleep, start, TENANT3, tenant } from "./helpers.js";

describe("tasks", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    // Long enough that a loaded machine still sees tasks RUNNING where the tests expect it.
    e = await start({ taskDurationMs: 1000 });
    c = await admin(e);
    await openOrg(c, "org2");
  });
  afterAll(() => e.close());

  it("runs RUNNING with rising progress, then SUCCEEDED with endTime set (decisions #13)", async () => {
    const r = await c.post("/vm-replications", cloudBody(IDS.demoVm(1)));
    // Progress follows the clock: the answer is built a few ms after the task started, so it may already be 1.
    expect(r.body).toMatchObject({ state: "RUNNING", endTime: -1 });
    expect(r.body.progress).toBeGreaterThanOrEqual(0);
    await sleep(300);
    const mid = await c.get(`/tasks/${r.body.id}`);
    expect(mid.body.state).toBe("RUNNING");
    expect(mid.body.progress).toBeGreaterThan(0);
    expect(mid.body.progress).toBeGreaterThanOrEqual(r.body.progress);
    expect(mid.body.progress).toBeLessThan(100);
    const done = await c.wait(r.body.id);
    expect(done.progress).toBe(100);
    expect(done.endTime).toBeGreaterThanOrEqual(done.startTime);
  });

  it("polls with propertyNames and one row per visible task (decisions #14)", async () => {
    const t = await c.post("/policies/sync");
    const p = await c.post("/tasks/poll", [t.body.id, "00000000-0000-4000-8000-000000000000"]);
    expect(p.status).toBe(200);
    expect(p.body.propertyNames).toEqual([
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
    ]);
    expect(p.body.values).toHaveLength(1);
    expect(p.body.values[0][0]).toBe(t.body.id);
    expect(p.body.values[0][2]).toBe("sync");
    expect((await c.post("/tasks/poll", { not: "an array" })).status).toBe(400);
  });

  it("lists tasks with filters, sort, limit and offset; default startTime descending", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await c.post("/policies/sync")).body.id);
      await sleep(3);
    }
    const all = await c.get(`/tasks?ids=${ids.join(",")}`);
    expect(all.body).toMatchObject({ total: 3, offset: 0, limit: 100 });
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual([...ids].reverse());
    const asc = await c.get(`/tasks?ids=${ids.join(",")}&sort=startTime&limit=2&offset=1`);
    expect(asc.body.items.map((t: { id: string }) => t.id)).toEqual(ids.slice(1));
    expect((await c.get(`/tasks?ids=${ids.join(",")}&state=RUNNING`)).body.total).toBe(3);
    expect((await c.get(`/tasks?ids=${ids.join(",")}&type=sync&resourceType=policies&user=root`)).body.total).toBe(3);
    expect((await c.get(`/tasks?ids=${ids.join(",")}&type=start`)).body.total).toBe(0);
    expect((await c.get(`/tasks?ids=${ids.join(",")}&startTimeAfter=${Date.now() + 1000}`)).body.total).toBe(0);
    expect((await c.get(`/tasks?ids=${ids.join(",")}&startTimeBefore=${Date.now() + 1000}`)).body.total).toBe(3);
    for (const id of ids) await c.wait(id);
    expect(
      (
        await c.get(
          `/tasks?ids=${ids.join(",")}&endTimeBefore=${Date.now() + 1000}&endTimeAfter=0&sort=endTime-,state,user`,
        )
      ).body.total,
    ).toBe(3);
    const rep = await replicate(c, cloudBody(IDS.demoVm(2)));
    expect((await c.get(`/tasks?resourceId=${rep}&sourceOrg=org1&destinationOrg=org2`)).body.total).toBe(1);
    expect((await c.get(`/tasks?resourceName=demo-vm-02`)).body.total).toBe(0); // start tasks have no resourceName
    expect((await c.get("/tasks?sort=id")).status).toBe(400);
    expect((await c.get("/tasks?state=DONE")).status).toBe(400);
    expect((await c.get("/tasks?user=root&destinationOrg=org2")).status).toBe(400);
  });

  it("shows a task only to its user; admins see all; tenants may not filter by user (403)", async () => {
    const t2 = await tenant(e, undefined, "site1");
    const r = await t2.post("/vm-replications", cloudBody(IDS.demoVm(3)));
    expect(r.body.user).toBe("org2@site2");
    const t3 = await tenant(e, TENANT3);
    expect((await t3.get(`/tasks/${r.body.id}`)).status).toBe(404);
    expect((await t3.post("/tasks/poll", [r.body.id])).body.values).toEqual([]);
    expect((await t3.get("/tasks")).body.items.map((x: { id: string }) => x.id)).not.toContain(r.body.id);
    expect((await t2.get(`/tasks/${r.body.id}`)).status).toBe(200);
    expect((await c.get(`/tasks/${r.body.id}`)).status).toBe(200);
    expect((await t2.get("/tasks?user=root")).status).toBe(403);
    expect((await t2.get("/tasks")).body.items.every((x: { user: string }) => x.user === "org2@site2")).toBe(true);
    const missing = await c.get("/tasks/00000000-0000-4000-8000-000000000000");
    expect([missing.status, missing.body.code]).toEqual([404, "TaskNotFound"]);
  });
});

describe("conventions and diagnostics", () => {
  let e: RunningEmulator;
  let c: Client;
  beforeAll(async () => {
    e = await start();
    c = await admin(e, []);
  });
  afterAll(() => e.close());

  it("serves the v4.1 media type as asked, application/json and */* as plain JSON; newer versions get 406 with an error body (decisions #20)", async () => {
    const asked = await c.call("GET", "/diagnostics/about", undefined, { Accept: MEDIA });
    expect(asked.headers.get("content-type")).toBe(MEDIA);
    for (const accept of ["application/json", "*/*"]) {
      const r = await c.call("GET", "/diagnostics/about", undefined, { Accept: accept });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    }
    const r = await c.call("GET", "/diagnostics/about", undefined, {
      Accept: "application/vnd.vmware.h4-v4.5+json;charset=UTF-8",
    });
    expect(r.status).toBe(406);
    expect(Object.keys(r.body)).toEqual(["code", "msg", "args", "stacktrace"]);
  });

  it("echoes operationID and logs it", async () => {
    const lines: string[] = [];
    const e2 = await start({ log: (l) => lines.push(l) });
    try {
      const x = new Client(e2.url);
      const r = await x.call(
        "POST",
        "/sessions",
        { type: "localUser", localUser: "root", localPassword: "password" },
        { operationID: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba" },
      );
      expect(r.headers.get("operationid")).toBe("2bfb7696-3aa1-49d3-bb40-d9e97df1baba");
      const line = JSON.parse(lines[0] as string);
      expect(line).toMatchObject({
        method: "POST",
        path: "/sessions",
        status: 200,
        operationID: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba",
      });
      expect(typeof line.ms).toBe("number");
    } finally {
      await e2.close();
    }
  });

  it("answers bad input with 4xx error bodies, never 500", async () => {
    const bad = await c.call("POST", "/policies", "{not json", {});
    expect([bad.status, bad.body.code]).toEqual([400, "BadRequest"]);
    expect(bad.body.msg).toMatch(/Malformed JSON/);
    const big = await c.call("POST", "/policies", JSON.stringify({ displayName: "x".repeat(1_100_000) }));
    expect([big.status, big.body.code]).toEqual([413, "PayloadTooLarge"]);
    const route = await c.get("/nope");
    expect([route.status, route.body.code]).toEqual([404, "NotFound"]);
    const method = await c.call("PUT", "/sessions");
    expect(method.status).toBe(405);
    expect((await c.get("/vm-replications/%E0%A4%A")).status).toBe(400);
    for (const body of ["null", "[]", "42", '"s"'])
      expect((await c.call("POST", "/vm-replications", body)).status).toBe(400);
  });

  it("returns /diagnostics/about as documented", async () => {
    const r = await c.get("/diagnostics/about");
    expect(Object.keys(r.body)).toEqual(["serviceType", "productName", "instanceId", "buildVersion", "buildDate"]);
    expect(r.body).toMatchObject({
      serviceType: "CLOUD",
      productName: "VMware Cloud Director Availability Cloud Service",
      buildVersion: "4.1.0.1660207-48e5972493",
    });
    expect((await (await tenant(e)).get("/diagnostics/about")).status).toBe(200);
  });

  it("returns /diagnostics/health as a 200 task with CloudHealthInfo, admins only", async () => {
    const r = await c.get("/diagnostics/health");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      state: "SUCCEEDED",
      progress: 100,
      resultType: "CloudHealthInfo",
      workflowInfo: { type: "healthInfo", resourceType: "cloudService" },
    });
    expect(Object.keys(r.body.result)).toEqual([
      "productName",
      "buildVersion",
      "buildDate",
      "instanceId",
      "runtimeId",
      "currentTime",
      "address",
      "tunnelError",
      "vcdError",
      "managerError",
      "managerHealth",
      "lsError",
      "dbError",
      "ntpError",
      "diskUsage",
    ]);
    expect((await c.get(`/tasks/${r.body.id}`)).status).toBe(200);
    expect((await (await tenant(e)).get("/diagnostics/health")).status).toBe(403);
  });

  it("answers support bundle calls with 501 and an error body", async () => {
    const r = await c.post("/diagnostics/bundles");
    expect([r.status, r.body.code]).toEqual([501, "NotImplemented"]);
    expect((await (await tenant(e)).get("/diagnostics/bundles")).status).toBe(403);
  });
});
