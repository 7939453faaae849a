/**
 * The client and a provider over HTTPS with the emulator's generated CA.
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import { setStackConfig } from "../../provider/client/connection";
import { createClient, newOperationId, resetClients, VcdaConnectionError } from "../../provider/client/index";
import policyProvider from "../../provider/dynamic/policy";

let emu: Awaited<ReturnType<typeof startEmulator>>;
let caPem: string;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    inMemory: true,
    taskDurationMs: 100,
    tls: true,
    tlsDir: fs.mkdtempSync(path.join(os.tmpdir(), "vcda-tls-")),
  });
  caPem = emu.caPem as string;
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  resetClients();
  setStackConfig({});
});

describe("HTTPS", () => {
  it("verifies the appliance against the configured CA bundle", async () => {
    expect(emu.url.startsWith("https://")).toBe(true);
    const client = createClient({ endpoint: emu.url, password: "password", caCert: caPem });
    expect((await client.policies.list(newOperationId("t"))).some((p) => p.id === "default")).toBe(true);
  });

  it("accepts the CA bundle as a file path", async () => {
    const client = createClient({ endpoint: emu.url, password: "password", caCert: emu.caFile as string });
    expect((await client.policies.get("default", newOperationId("t"))).displayName).toBe("Default Policy");
  });

  it("refuses an unknown CA by default with a hint about caCert and insecure, without retrying", async () => {
    const client = createClient({ endpoint: emu.url, password: "password" });
    const err = await client.policies.list(newOperationId("t")).catch((e) => e);
    expect(err).toBeInstanceOf(VcdaConnectionError);
    expect(err.code).toBe("ConnectionFailed");
    expect(err.message).toContain("TLS verification");
    expect(err.message).toContain("vcda:caCert");
    expect(err.message).toContain("vcda:insecure");
  });

  it("connects without verification only with the explicit insecure opt-in", async () => {
    const client = createClient({ endpoint: emu.url, password: "password", insecure: true });
    expect((await client.policies.list(newOperationId("t"))).length).toBeGreaterThan(0);
  });

  it("runs a Policy create and delete over HTTPS with the per-resource connection", async () => {
    const connection = { endpoint: emu.url, password: "password", caCert: caPem };
    const checked = await policyProvider.check({} as never, { displayName: `Tls ${Date.now()}`, connection } as never);
    expect(checked.failures).toBeUndefined();
    const created = await policyProvider.create(checked.inputs as never);
    expect(created.outs).toMatchObject({ connection, orgs: 0 });
    await policyProvider.delete(created.id, created.outs as never);
    expect((await policyProvider.read(created.id, created.outs as never)).id).toBe("");
  });
});
