import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createClient,
  newOperationId,
  type VcdaApiError,
  VcdaAuthError,
  VcdaConnectionError,
  VcdaResponseFormatError,
  VcdaValidationError,
} from "../../provider/client/index";
import { handleLogin, json, mockServer, SESSION } from "./helpers/mock-server";

/** A call these tests expect to fail must not succeed silently. */
const unexpected = (): never => {
  throw new Error("expected the call to fail");
};

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function start(handler: Parameters<typeof mockServer>[0]) {
  const s = await mockServer(handler);
  servers.push(s);
  return s;
}

const conn = (url: string) => ({ endpoint: url, password: "pw-very-secret" });
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 } };

describe("VCDA client requests", () => {
  it("sends the versioned Accept header, the operationID and the session token", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 200, []);
    });
    const client = createClient(conn(s.url), fast);
    await client.request({ method: "GET", path: "/policies", operationId: "op-1" });
    const [login, get] = s.requests;
    expect(JSON.parse(login?.body ?? "")).toEqual({
      type: "localUser",
      localUser: "root",
      localPassword: "pw-very-secret",
    });
    expect(get?.headers.accept).toBe("application/vnd.vmware.h4-v4.1+json;charset=UTF-8");
    expect(get?.headers.operationid).toBe("op-1");
    expect(get?.headers["x-vcav-auth"]).toBe("tok-1");
  });

  it("logs in once for many concurrent requests", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 200, []);
    });
    const client = createClient(conn(s.url), fast);
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => client.request({ method: "GET", path: `/x/${i}`, operationId: `op-${i}` })),
    );
    expect(logins.n).toBe(1);
  });

  it("logs in again once on 401 and repeats the request", async () => {
    const logins = { n: 0 };
    let rejected = false;
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      if (!rejected) {
        rejected = true;
        return json(res, 401, { code: "NotAuthenticated", msg: "Authentication required.", args: [] });
      }
      json(res, 200, { ok: true });
    });
    const client = createClient(conn(s.url), fast);
    expect(
      await client.request({ method: "POST", path: "/policies", body: {}, operationId: "op-1", idempotent: false }),
    ).toEqual({ ok: true });
    expect(logins.n).toBe(2);
    expect(s.requests.at(-1)?.headers["x-vcav-auth"]).toBe("tok-2");
  });

  it("fails with a clear message when the appliance still answers 401 after logging in again", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 401, { code: "NotAuthenticated", msg: "Authentication required.", args: [] });
    });
    const client = createClient(conn(s.url), fast);
    const err = await client
      .request({ method: "GET", path: "/policies", operationId: "op-7" })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.code).toBe("NotAuthenticated");
    expect(err.message).toContain("GET /policies failed: 401 NotAuthenticated: Authentication required.");
    expect(err.message).toContain("still rejects the session after logging in again");
    expect(err.message).toContain("operationID op-7");
    expect(logins.n).toBe(2);
  });

  it("reports a refused login without the password", async () => {
    const s = await start((_req, res) =>
      json(res, 401, { code: "InvalidCredentials", msg: "Wrong password pw-very-secret", args: [] }),
    );
    const client = createClient(conn(s.url), fast);
    const err = await client
      .request({ method: "GET", path: "/policies", operationId: "op-1" })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.message).toContain("Login as root (localUser)");
    expect(err.message).not.toContain("pw-very-secret");
  });

  it("retries 503 honouring Retry-After, then succeeds", async () => {
    const logins = { n: 0 };
    let failures = 0;
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      if (failures++ < 2)
        return json(res, 503, { code: "ServiceUnavailable", msg: "busy", args: [] }, { "Retry-After": "0" });
      json(res, 200, [1]);
    });
    const client = createClient(conn(s.url), fast);
    expect(await client.request({ method: "GET", path: "/policies", operationId: "op" })).toEqual([1]);
    expect(s.requests.filter((r) => r.path === "/policies")).toHaveLength(3);
  });

  it("does not repeat a POST whose connection broke after sending", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      res.socket?.destroy();
    });
    const client = createClient(conn(s.url), fast);
    const err = await client
      .request({
        method: "POST",
        path: "/policies",
        body: { displayName: "x" },
        operationId: "op-c",
        idempotent: false,
      })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaConnectionError);
    expect((err as VcdaConnectionError).outcomeUnknown).toBe(true);
    expect(err.message).toContain("it was not repeated");
    expect(s.requests.filter((r) => r.path === "/policies")).toHaveLength(1);
  });

  it("repeats a GET whose connection broke, within the attempt budget", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      res.socket?.destroy();
    });
    const client = createClient(conn(s.url), fast);
    const err = await client
      .request({ method: "GET", path: "/policies", operationId: "op" })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaConnectionError);
    expect((err as VcdaConnectionError).outcomeUnknown).toBe(false);
    expect(s.requests.filter((r) => r.path === "/policies")).toHaveLength(4);
  });

  it("turns an error body into a typed error naming status, code, msg, method, path and operationID", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 400, { code: "InvalidRequest", msg: "minRpo must be positive.", args: ["minRpo"], stacktrace: "" });
    });
    const client = createClient(conn(s.url), fast);
    const op = newOperationId("policy-create");
    const err = await client
      .request({ method: "POST", path: "/policies", body: {}, operationId: op, idempotent: false })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaValidationError);
    expect(err.message).toBe(
      `VCDA POST /policies failed: 400 InvalidRequest: minRpo must be positive. (operationID ${op}, API 4.1)`,
    );
    expect(err.message).not.toContain("tok-1");
  });

  it("fails with the field's name when a response does not match the schema", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 200, { items: [{ id: 1 }] });
    });
    const client = createClient(conn(s.url), fast);
    const schema = z.object({ items: z.array(z.object({ id: z.string() })) });
    const err = await client
      .request({ method: "GET", path: "/things", schema, operationId: "op-s" })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaResponseFormatError);
    expect(err.code).toBe("UnexpectedResponse");
    expect(err.message).toContain('the response\'s field "items.0.id" is not usable');
  });

  it("extends the session to a configured remote site before a request naming it", async () => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      if (req.path === "/sessions/extend") {
        return json(res, 200, {
          ...SESSION,
          authenticatedSites: [...SESSION.authenticatedSites, { site: "site1", org: "org1" }],
        });
      }
      json(res, 200, []);
    });
    const client = createClient({ ...conn(s.url), sites: { site1: { type: "multisite", org: "org1" } } }, fast);
    await client.request({ method: "GET", path: "/policies", query: { site: "site1" }, operationId: "op" });
    await client.request({ method: "GET", path: "/policies", query: { site: "site1" }, operationId: "op" });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /sessions",
      "POST /sessions/extend",
      "GET /policies?site=site1",
      "GET /policies?site=site1",
    ]);
    expect(JSON.parse(s.requests[1]?.body ?? "")).toEqual({ type: "multisite", site: "site1", org: "org1" });
  });

  it.each([
    ["RemoteAuthenticationFailure", "the reference's code"],
    ["NotAuthenticated", "a plain 401, on a site the session does not list"],
  ])("explains how to configure a remote site the appliance refuses with %s (%s)", async (code) => {
    const logins = { n: 0 };
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      json(res, 401, { code, msg: "The session is not authenticated to site 'site1'.", args: ["site1"] });
    });
    const client = createClient(conn(s.url), fast);
    const err = await client
      .request({ method: "GET", path: "/policies", query: { site: "site1" }, operationId: "op" })
      .then(unexpected, (e: unknown) => e as VcdaApiError);
    expect(err).toBeInstanceOf(VcdaAuthError);
    expect(err.code).toBe(code);
    expect(err.message).toContain('vcda:sites (or VCDA_SITES) = {"site1"');
    // A site problem is not a session problem: no second login.
    expect(logins.n).toBe(1);
  });

  it("logs in again, not to the site, when a 401 says the token is required (WWW-Authenticate)", async () => {
    const logins = { n: 0 };
    let refused = false;
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      if (!refused) {
        refused = true;
        return json(
          res,
          401,
          { code: "NotAuthenticated", msg: "expired", args: [] },
          {
            "WWW-Authenticate": "Authentication Token Required",
          },
        );
      }
      json(res, 200, []);
    });
    const client = createClient({ ...conn(s.url), sites: { site1: { type: "multisite", org: "org1" } } }, fast);
    await client.request({ method: "GET", path: "/policies", query: { site: "site2" }, operationId: "op" });
    expect(logins.n).toBe(2);
  });

  it("re-extends a site the session lists when the appliance says the remote authentication failed", async () => {
    const logins = { n: 0 };
    let extends_ = 0;
    let refused = false;
    const s = await start((req, res) => {
      if (handleLogin(req, res, logins)) return;
      if (req.path === "/sessions/extend") {
        extends_++;
        return json(res, 200, { ...SESSION, authenticatedSites: [...SESSION.authenticatedSites, { site: "site1" }] });
      }
      if (!refused) {
        refused = true;
        return json(res, 401, { code: "RemoteAuthenticationFailure", msg: "remote session gone", args: [] });
      }
      json(res, 200, []);
    });
    const client = createClient({ ...conn(s.url), sites: { site1: { type: "multisite", org: "org1" } } }, fast);
    await client.request({ method: "GET", path: "/policies", query: { site: "site1" }, operationId: "op" });
    expect({ logins: logins.n, extends: extends_ }).toEqual({ logins: 1, extends: 2 });
  });
});
