import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { Client, ROOT, sleep, start, TENANT2 } from "./helpers.js";

describe("sessions", () => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await start();
  });
  afterAll(() => e.close());

  it("logs in root with the guide's example credentials and returns the token in X-VCAV-Auth", async () => {
    const c = new Client(e.url);
    const r = await c.login(ROOT);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-vcav-auth")).toMatch(/^[A-Za-z0-9+/=]{28}$/);
    expect(Object.keys(r.body).sort()).toEqual(["authenticatedSites", "roles", "user"]);
    expect(r.body.roles).toEqual(["ADMINISTRATORS", "EVERYONE"]);
    expect(r.headers.get("content-type")).toBe("application/vnd.vmware.h4-v4.1+json;charset=UTF-8");
  });

  it.each([
    [{ type: "ssoCredentials", username: "ssoUser", password: "ssoPass" }, true],
    [
      {
        type: "ssoToken",
        samlToken: "<saml2:Assertion xmlns:saml2=...>...</saml2:Assertion>",
        timestamp: 1,
        nonce: "n",
        signature: "s",
      },
      true,
    ],
    [{ type: "vcdCredentials", vcdUser: "root@System", vcdPassword: "password" }, true],
    [TENANT2, false],
    [{ type: "vcdAccessToken", vcdAccessToken: "eyJhbGciOiJSUzI1NiJ9....", context: "acme-dr" }, false],
  ])("accepts login %j with the right roles", async (body, isAdmin) => {
    const c = new Client(e.url);
    const r = await c.login(body);
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(isAdmin ? ["ADMINISTRATORS", "EVERYONE"] : ["EVERYONE"]);
    expect(r.body.authenticatedSites[0].site).toBe("site2");
  });

  it("rejects wrong passwords, unknown tokens and unknown types", async () => {
    const c = new Client(e.url);
    const bad = await c.login({ ...ROOT, localPassword: "nope" });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe("NotAuthenticated");
    expect((await c.login({ type: "vcdAccessToken", vcdAccessToken: "x" })).status).toBe(401);
    const weird = await c.login({ type: "magic" });
    expect(weird.status).toBe(400);
    expect(weird.body.code).toBe("BadRequest");
  });

  it("answers 401 NotAuthenticated without a token or with an unknown one", async () => {
    const c = new Client(e.url);
    expect((await c.get("/sessions")).status).toBe(401);
    c.token = "bogus";
    const r = await c.get("/sessions");
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: "NotAuthenticated", args: [], stacktrace: expect.any(String) });
  });

  it("extends a tenant session by credentials, access token and multisite, and forgets a site", async () => {
    for (const ext of [
      { type: "credentials", site: "site1", vcdUsername: "admin1@org2", vcdPassword: "password" },
      { type: "accessToken", site: "site1", accessToken: "eyJhbGciOiJSUzI1NiJ9....", context: "acme-dr" },
      { type: "multisite", site: "site1", org: "org1" },
    ]) {
      const c = new Client(e.url);
      await c.login(TENANT2);
      const r = await c.post("/sessions/extend", ext);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.authenticatedSites).toEqual([
        { site: "site2", org: "org2" },
        { site: "site1", org: "org1" },
      ]);
      const g = await c.get("/sessions");
      expect(g.body.authenticatedSites).toHaveLength(2);
      const d = await c.del("/sessions/site1");
      expect(d.status).toBe(200);
      expect(d.body.authenticatedSites).toEqual([{ site: "site2", org: "org2" }]);
    }
  });

  it("refuses multisite extension to an org that is not associated", async () => {
    const c = new Client(e.url);
    await c.login({ type: "vcdCredentials", vcdUser: "admin3@org3", vcdPassword: "password" });
    const r = await c.post("/sessions/extend", { type: "multisite", site: "site1", org: "org1" });
    expect(r.status).toBe(401);
  });

  it("requires the site in the session for ?site= (401 RemoteAuthenticationFailure) and knows unknown sites (404)", async () => {
    const c = new Client(e.url);
    await c.login(ROOT);
    const r = await c.get("/policies?site=site1");
    expect(r.status).toBe(401);
    expect(r.body.code).toBe("RemoteAuthenticationFailure");
    const u = await c.get("/policies?site=mars");
    expect(u.status).toBe(404);
    expect(u.body.code).toBe("SiteNotFound");
  });

  it("logs out with 204 and the token stops working", async () => {
    const c = new Client(e.url);
    await c.login(ROOT);
    expect((await c.del("/sessions")).status).toBe(204);
    expect((await c.get("/sessions")).status).toBe(401);
  });

  it("expires idle sessions after the configured time", async () => {
    const e2 = await start({ sessionIdleMinutes: 0.005 }); // 300 ms
    try {
      const c = new Client(e2.url);
      await c.login(ROOT);
      expect((await c.get("/sessions")).status).toBe(200);
      await sleep(450);
      const r = await c.get("/sessions");
      expect(r.status).toBe(401);
      expect(r.body.msg).toMatch(/idle/);
    } finally {
      await e2.close();
    }
  });
});
