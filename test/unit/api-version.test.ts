import { afterEach, describe, expect, it } from "vitest";
import { chooseVersion, versionOfBuild, versionOfMediaType } from "../../provider/api/version";
import { createClient, type VcdaApiError, VcdaResponseFormatError } from "../../provider/client/index";
import { setLogSink } from "../../provider/log";
import { json, mockServer, type Recorded, SESSION } from "./helpers/mock-server";

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  setLogSink(undefined);
  while (servers.length) await servers.pop()?.close();
});

const JSON_TYPE = "application/json;charset=UTF-8";
const vnd = (v: string) => `application/vnd.vmware.h4-v${v}+json;charset=UTF-8`;

interface Appliance {
  /** Content-Type of the login answer. */
  login: string;
  /** Content-Type and buildVersion of GET /diagnostics/about (404 when absent). */
  about?: { type: string; buildVersion: string };
}

/** An appliance answering login, about and `GET /policies` (which echoes the Accept it got). */
async function appliance(a: Appliance) {
  const s = await mockServer((req: Recorded, res) => {
    if (req.method === "POST" && req.path === "/sessions")
      return json(res, 200, SESSION, {
        "Content-Type": a.login,
        "X-VCAV-Auth": "tok",
      });
    if (req.path === "/diagnostics/about") {
      if (!a.about) return json(res, 404, { code: "NotFound", msg: "no", args: [] });
      return json(
        res,
        200,
        { serviceType: "CLOUD", buildVersion: a.about.buildVersion },
        { "Content-Type": a.about.type },
      );
    }
    json(res, 200, [], { "Content-Type": req.headers.accept ?? JSON_TYPE });
  });
  servers.push(s);
  return s;
}

const conn = (url: string, apiVersion?: string) => ({
  endpoint: url,
  password: "pw",
  ...(apiVersion ? { apiVersion } : {}),
});
const routes = (reqs: Recorded[]) => reqs.map((r) => `${r.method} ${r.path}`);

describe("API version negotiation", () => {
  it("takes the version from the login answer when it names one: no extra request", async () => {
    const s = await appliance({ login: vnd("4.6") });
    const client = createClient(conn(s.url));
    await client.request({ method: "GET", path: "/policies", operationId: "op" });
    expect(routes(s.requests)).toEqual(["POST /sessions", "GET /policies"]);
    expect(s.requests[0]?.headers.accept).toBeUndefined();
    expect(s.requests[1]?.headers.accept).toBe(vnd("4.6"));
  });

  it("asks /diagnostics/about once when the login answers plain JSON (as 4.5 and 4.6 document)", async () => {
    const s = await appliance({ login: JSON_TYPE, about: { type: vnd("4.5"), buildVersion: "4.5.0.123-abc" } });
    const client = createClient(conn(s.url));
    for (let i = 0; i < 3; i++) await client.request({ method: "GET", path: "/policies", operationId: `op-${i}` });
    expect(routes(s.requests)).toEqual([
      "POST /sessions",
      "GET /diagnostics/about",
      "GET /policies",
      "GET /policies",
      "GET /policies",
    ]);
    expect(s.requests[2]?.headers.accept).toBe(vnd("4.5"));
    expect(await client.apiVersion("op")).toBe("4.5");
  });

  it("reads buildVersion when about answers plain JSON too (the 4.1 reference's media type)", async () => {
    const s = await appliance({
      login: JSON_TYPE,
      about: { type: JSON_TYPE, buildVersion: "4.1.0.1660207-48e5972493" },
    });
    const client = createClient(conn(s.url));
    await client.request({ method: "GET", path: "/policies", operationId: "op" });
    expect(s.requests.at(-1)?.headers.accept).toBe(vnd("4.1"));
  });

  it("speaks the newest version it knows to a newer appliance", async () => {
    const s = await appliance({ login: JSON_TYPE, about: { type: vnd("4.9"), buildVersion: "4.9.0.1-a" } });
    const client = createClient(conn(s.url));
    await client.request({ method: "GET", path: "/policies", operationId: "op" });
    expect(s.requests.at(-1)?.headers.accept).toBe(vnd("4.7"));
  });

  it("falls back to the guide's 4.1 when the appliance tells nothing, and says so in the debug log", async () => {
    const lines: string[] = [];
    setLogSink((_level, m) => lines.push(m));
    const s = await appliance({ login: JSON_TYPE });
    const client = createClient(conn(s.url));
    await client.request({ method: "GET", path: "/policies", operationId: "op" });
    expect(s.requests.at(-1)?.headers.accept).toBe(vnd("4.1"));
    expect(lines.join("\n")).toMatch(/speaks API 4\.1 \(from nothing the appliance said \(assumed\)\)/);
  });

  it("uses a pinned vcda:apiVersion from the login on, without asking", async () => {
    const s = await appliance({ login: JSON_TYPE, about: { type: vnd("4.7"), buildVersion: "4.7.0.1-a" } });
    const client = createClient(conn(s.url, "4.5"));
    await client.request({ method: "GET", path: "/policies", operationId: "op" });
    expect(routes(s.requests)).toEqual(["POST /sessions", "GET /policies"]);
    expect(s.requests.map((r) => r.headers.accept)).toEqual([vnd("4.5"), vnd("4.5")]);
  });

  it("names the API version in errors and in debug lines", async () => {
    const lines: string[] = [];
    setLogSink((_level, m) => lines.push(m));
    const s = await mockServer((req, res) => {
      if (req.path === "/sessions") return json(res, 200, SESSION, { "Content-Type": vnd("4.6"), "X-VCAV-Auth": "t" });
      json(res, 200, { displayName: "no id" }, { "Content-Type": vnd("4.6") });
    });
    servers.push(s);
    const client = createClient(conn(s.url));
    const err = (await client.policies.get("p1", "op-v").catch((e: unknown) => e)) as VcdaApiError;
    expect(err).toBeInstanceOf(VcdaResponseFormatError);
    expect(err.message).toContain('the response lacks the field "id", which pulumi-vcda needs');
    expect(err.message).toContain("GET /policies/p1");
    expect(err.message).toContain("API 4.6");
    expect(lines.some((l) => l.includes("GET /policies/p1") && l.includes("API 4.6"))).toBe(true);
  });
});

describe("version helpers", () => {
  it("reads versions from media types and build strings", () => {
    expect(versionOfMediaType(vnd("4.5"))).toBe("4.5");
    expect(versionOfMediaType(JSON_TYPE)).toBeUndefined();
    expect(versionOfBuild("4.6.0.6689753-8554b3d026")).toBe("4.6");
    expect(versionOfBuild("4.1.0.e62bde624")).toBe("4.1");
    expect(versionOfBuild("garbage")).toBeUndefined();
  });

  it("chooses the newest known version not newer than the appliance's", () => {
    expect(chooseVersion("4.1")).toBe("4.1");
    expect(chooseVersion("4.3")).toBe("4.1");
    expect(chooseVersion("4.6")).toBe("4.6");
    expect(chooseVersion("5.0")).toBe("4.7");
    expect(chooseVersion("4.0")).toBe("4.0");
  });
});
