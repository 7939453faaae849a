import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig, readEnv, resolveConnection, VcdaConfigError } from "../../provider/client/connection";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("connection resolution", () => {
  it("takes each field from the resource, then stack config, then the environment", () => {
    const c = resolveConnection(
      { username: "admin@org2", authType: "vcdCredentials" },
      { endpoint: "https://vcda:8046/", password: "from-stack" },
      { password: "from-env", username: "root", insecure: true },
    );
    expect(c).toMatchObject({
      endpoint: "https://vcda:8046",
      username: "admin@org2",
      authType: "vcdCredentials",
      password: "from-stack",
      insecure: true,
    });
  });

  it("defaults to localUser root", () => {
    const c = resolveConnection({}, { endpoint: "https://vcda", password: "p" }, {});
    expect(c.authType).toBe("localUser");
    expect(c.username).toBe("root");
  });

  it("names the config key and env var when the endpoint is missing", () => {
    expect(() => resolveConnection({}, {}, {})).toThrow(VcdaConfigError);
    expect(() => resolveConnection({}, {}, {})).toThrow(/vcda:endpoint.*VCDA_ENDPOINT/);
  });

  it("names the config key and env var when the password is missing", () => {
    expect(() => resolveConnection({}, { endpoint: "https://vcda" }, {})).toThrow(/vcda:password.*VCDA_PASSWORD/);
  });

  it("requires a username for SSO and VCD credentials", () => {
    expect(() =>
      resolveConnection({ authType: "ssoCredentials" }, { endpoint: "https://vcda", password: "p" }, {}),
    ).toThrow(/vcda:username.*VCDA_USERNAME/);
  });

  it("never sends one appliance's credentials to another endpoint named by a resource", () => {
    expect(() =>
      resolveConnection(
        { endpoint: "https://other:8046" },
        { endpoint: "https://vcda:8046", password: "stack-pw" },
        {},
      ),
    ).toThrow(/No VCDA password for https:\/\/other:8046/);
    // A layer without an endpoint still contributes.
    const c = resolveConnection(
      { endpoint: "https://other:8046" },
      { endpoint: "https://vcda:8046", password: "stack-pw" },
      { password: "env-pw" },
    );
    expect(c.password).toBe("env-pw");
  });

  it("rejects an unsupported authType and a non-https endpoint", () => {
    expect(() =>
      resolveConnection({ authType: "kerberos" as never }, { endpoint: "https://vcda", password: "p" }, {}),
    ).toThrow(/authType "kerberos" is not supported/);
    expect(() => resolveConnection({ endpoint: "ftp://vcda" }, {}, {})).toThrow(/must start with https:\/\//);
  });

  it("accepts a CA bundle as PEM text or as a file path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vcda-ca-"));
    const file = path.join(dir, "ca.pem");
    fs.writeFileSync(file, PEM);
    expect(resolveConnection({ caCert: PEM }, { endpoint: "https://vcda", password: "p" }, {}).caPem).toBe(PEM);
    expect(resolveConnection({}, { endpoint: "https://vcda", password: "p" }, { caCert: file }).caPem).toBe(PEM);
    expect(() =>
      resolveConnection({ caCert: "/nope/ca.pem" }, { endpoint: "https://vcda", password: "p" }, {}),
    ).toThrow(/neither PEM text nor a readable PEM file: \/nope\/ca.pem/);
  });

  it("reads VCDA_* environment variables, including booleans and the sites JSON", () => {
    const env = readEnv({
      VCDA_ENDPOINT: "https://vcda",
      VCDA_USERNAME: "root",
      VCDA_PASSWORD: "pw",
      VCDA_AUTH_TYPE: "localUser",
      VCDA_INSECURE: "true",
      VCDA_SITES: '{"site1":{"type":"multisite","org":"org1"}}',
    });
    expect(env).toEqual({
      endpoint: "https://vcda",
      username: "root",
      password: "pw",
      authType: "localUser",
      insecure: true,
      sites: { site1: { type: "multisite", org: "org1" } },
    });
    expect(() => readEnv({ VCDA_INSECURE: "maybe" })).toThrow(
      'environment variable vcda:insecure must be true or false, got "maybe"',
    );
    expect(() => readEnv({ VCDA_SITES: '{"site1":{"type":"multisite"}}' })).toThrow(/sites.site1.org is required/);
  });

  it("reads stack config through a ConfigureRequest-like getter", () => {
    const raw: Record<string, string> = {
      "vcda:endpoint": "https://vcda",
      "vcda:password": "pw",
      "vcda:insecure": "false",
    };
    expect(readConfig((k) => raw[k])).toEqual({ endpoint: "https://vcda", password: "pw", insecure: false });
  });
});
