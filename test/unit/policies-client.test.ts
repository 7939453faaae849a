import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../provider/client/index";
import { handleLogin, json, mockServer, type Recorded } from "./helpers/mock-server";

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

type Policy = Record<string, unknown> & { id: string; orgs?: number };

/** A fake appliance with stored policies and per-policy status lists; records the PUT bodies. */
async function appliance(policies: Policy[], status: Record<string, string[]>) {
  const logins = { n: 0 };
  const puts: Record<string, unknown>[] = [];
  const s = await mockServer((req: Recorded, res) => {
    if (handleLogin(req, res, logins)) return;
    const path = req.path.split("?")[0] ?? "";
    if (req.method === "GET" && path === "/policies") return json(res, 200, policies);
    const m = /^\/policies\/([^/]+)(\/status)?$/.exec(path);
    const p = m && policies.find((x) => x.id === m[1]);
    if (!m || !p) return json(res, 404, { code: "NotFound", msg: "no such policy", args: [] });
    if (m[2])
      return json(
        res,
        200,
        (status[p.id] ?? []).map((org) => ({ org, configuredReplications: 0 })),
      );
    if (req.method === "PUT") {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      puts.push(body);
      Object.assign(p, body);
    }
    json(res, 200, p);
  });
  servers.push(s);
  return { s, puts };
}

const client = (url: string) => createClient({ endpoint: url, password: "pw" });

describe("policy writes", () => {
  it("sends back every field it does not manage, including ones it has never heard of", async () => {
    const gold: Policy = {
      id: "p1",
      displayName: "Gold",
      orgs: 1,
      minRpo: 15,
      allowOutgoingOnpremMigrations: false,
      someFutureFlag: { nested: true },
    };
    const { puts } = await appliance([gold], {}).then(async (a) => {
      await client(a.s.url).policies.update("p1", { minRpo: 30 }, "op");
      return a;
    });
    expect(puts).toEqual([
      {
        displayName: "Gold",
        minRpo: 30,
        allowOutgoingOnpremMigrations: false,
        someFutureFlag: { nested: true },
      },
    ]);
  });

  it("reads a policy that omits settings and keeps what it does not know", async () => {
    const { s } = await appliance([{ id: "p1", displayName: "Gold", extra: 7 }], {});
    const p = await client(s.url).policies.get("p1", "op");
    expect(p).toMatchObject({ id: "p1", displayName: "Gold", extra: 7 });
    expect(p.onpremDataCap).toBeUndefined();
  });
});

describe("which policy an org has", () => {
  const policies = (orgs: number): Policy[] => [
    { id: "default", displayName: "Default Policy", orgs: -1 },
    { id: "p1", displayName: "Gold", orgs },
    { id: "p2", displayName: "Silver", orgs: 1 },
  ];

  it("is the expected policy when its status lists the org (one request)", async () => {
    const { s } = await appliance(policies(1), { p1: ["org2"] });
    expect(await client(s.url).policies.assignmentOf("org2", "p1", "op")).toEqual({ policyId: "p1", seen: "listed" });
    expect(s.requests.filter((r) => r.method !== "POST")).toHaveLength(1);
  });

  it("stays the expected policy when its status leaves orgs out that it counts (orgs without replications)", async () => {
    const { s } = await appliance(policies(2), { p1: ["org3"] });
    expect(await client(s.url).policies.assignmentOf("org2", "p1", "op")).toEqual({ policyId: "p1", seen: "unseen" });
  });

  it("is another policy when the expected one lists all it counts and the other lists the org", async () => {
    const { s } = await appliance(policies(1), { p1: ["org3"], p2: ["org2"] });
    expect(await client(s.url).policies.assignmentOf("org2", "p1", "op")).toEqual({
      policyId: "p2",
      seen: "elsewhere",
    });
  });

  it("is default when the org is certainly not on the expected policy and no status lists it", async () => {
    const { s } = await appliance(policies(0), {});
    expect(await client(s.url).policies.assignmentOf("org2", "p1", "op")).toEqual({
      policyId: "default",
      seen: "fallback",
    });
  });

  it("is default when the expected policy is gone", async () => {
    const { s } = await appliance(
      policies(0).filter((p) => p.id !== "p1"),
      {},
    );
    expect(await client(s.url).policies.assignmentOf("org2", "p1", "op")).toEqual({
      policyId: "default",
      seen: "fallback",
    });
  });

  it("keeps default when default's status (which counts no orgs) does not list the org", async () => {
    const { s } = await appliance(policies(0), {});
    expect(await client(s.url).policies.assignmentOf("org2", "default", "op")).toEqual({
      policyId: "default",
      seen: "unseen",
    });
  });
});
