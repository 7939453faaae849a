#!/usr/bin/env node
// `npm run pulumi -- <args>`: the demo stack's Pulumi CLI (same engine, backend, PULUMI_HOME and passphrase as
// `npm start`), with the emulator running for the duration unless one already listens on its port.
import { join } from "node:path";
import { ensureBuilt, fail, PORT, portInUse, pulumiEnv, root, runAsync, say, startDemoEmulator } from "./demo-env.mjs";
import { ensureEngine } from "./engine/engine.mjs";

let engine;
try {
  engine = await ensureEngine({ quiet: true });
} catch (err) {
  fail(err.message);
}
ensureBuilt();
const emulator = (await portInUse(PORT)) ? undefined : await startDemoEmulator();
if (!emulator) say(`using the emulator already listening on port ${PORT}`);
const res = await runAsync(join(engine.binDir, "pulumi"), process.argv.slice(2), {
  cwd: root,
  env: pulumiEnv(engine.binDir),
});
await emulator?.close();
process.exit(res.status ?? 1);
