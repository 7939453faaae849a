import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { resetClients } from "../../provider/client/index";
import { getAbout, getHealth } from "../../provider/lookups/diagnostics";

describe.each([
  ["4.1", 200],
  ["4.5", 202],
  ["4.7", 202],
] as const)("appliance lookups against emulator API %s (health answers %i)", (apiVersion, healthStatus) => {
  let emulator: RunningEmulator;
  const connection = () => ({ endpoint: emulator.url, password: "password" });

  beforeAll(async () => {
    resetClients();
    emulator = await startEmulator({ port: 0, inMemory: true, taskDurationMs: 100, apiVersion });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it("reports the product's build and the API version the client speaks", async () => {
    const about = await getAbout({ connection: connection() });
    expect(about.buildVersion?.startsWith(`${apiVersion}.`)).toBe(true);
    expect(about.apiVersion).toBe(apiVersion);
  });

  it("returns a healthy report whether the appliance answers 200 with a finished task or 202 with a running one", async () => {
    emulator.resetCounts();
    const health = await getHealth({ connection: connection() });
    expect(health.problems).toEqual([]);
    expect(health.buildVersion?.startsWith(`${apiVersion}.`)).toBe(true);
    // A 202's running task is waited for; a 200's finished one is not polled.
    const polled =
      (emulator.counts().routes["POST /tasks/poll"] ?? 0) + (emulator.counts().routes["GET /tasks/{taskId}"] ?? 0);
    if (healthStatus === 200) expect(polled).toBe(0);
    else expect(polled).toBeGreaterThan(0);
  });
});
