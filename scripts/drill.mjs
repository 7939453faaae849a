#!/usr/bin/env node
// `npm run drill -- <vcda-drill args>`: vcda-drill on the demo stack, with the demo's engine, backend, PULUMI_HOME
// and passphrase, and the emulator running for the duration unless one already listens on its port.
import { join } from "node:path";
import {
  ensureBuilt,
  fail,
  PORT,
  portInUse,
  pulumiEnv,
  root,
  runAsync,
  STACK,
  say,
  startDemoEmulator,
} from "./demo-env.mjs";
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
const args = process.argv.slice(2);
// The package as installed, so the drill stack's providers are a require of it, as in a user's project.
const cli = join(root, "node_modules", "pulumi-vcda", "dist", "provider", "drill", "cli.js");
const res = await runAsync(process.execPath, [cli, ...(args.includes("--stack") ? [] : ["--stack", STACK]), ...args], {
  cwd: root,
  env: pulumiEnv(engine.binDir),
});
await emulator?.close();
process.exit(res.status ?? 1);
