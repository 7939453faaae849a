import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { createTestStack, type TestStack } from "../helpers/engine";
import { VcdaAdmin } from "../helpers/vcda-admin";

const examples = join(__dirname, "..", "..", "examples");

describe("examples/", () => {
  let emulator: RunningEmulator;
  let admin: VcdaAdmin;
  const stacks: TestStack[] = [];

  const stackOf = async (example: string, config: Record<string, string> = {}) => {
    const t = await createTestStack({
      workDir: join(examples, example),
      stackName: `examples-${process.pid}`,
      config: {
        "vcda:endpoint": { value: emulator.url },
        "vcda:password": { value: "password", secret: true },
        "vcda:caCert": { value: emulator.caPem ?? "" },
        "vcda:sites": {
          value: JSON.stringify({ site1: { type: "credentials", username: "root@System", password: "password" } }),
          secret: true,
        },
        ...Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v }])),
      },
    });
    stacks.push(t);
    return t;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, inMemory: true, tls: true, taskDurationMs: 50 });
    admin = new VcdaAdmin({ url: emulator.url, caPem: emulator.caPem });
  });
  afterAll(async () => {
    for (const t of stacks) await t.dispose();
    await emulator?.close();
  });

  it("quickstart: up creates the replication, destroy removes it", async () => {
    const t = await stackOf("quickstart");
    const started = Date.now();
    const preview = await t.stack.preview();
    console.log("preview", Date.now() - started);
    const up = await t.stack.up();
    console.log("up", Date.now() - started);
    console.log(JSON.stringify(up.outputs, null, 1));
    const d = await t.stack.destroy();
    console.log("destroy", Date.now() - started);
    const { body } = await admin.call("GET", "/vm-replications");
    console.log(JSON.stringify(body).slice(0, 500));
  });
});
