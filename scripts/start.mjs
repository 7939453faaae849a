#!/usr/bin/env node
// `npm start`: the engine (built once), the emulator with its data in .data/, and a real `pulumi up` of the
// demo stack in Pulumi.yaml. A second run shows no changes. The emulator stops at the end; its data stays.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  DEMO_PASSWORD,
  DEMO_USER,
  ensureBuilt,
  fail,
  paths,
  pulumiEnv,
  root,
  runAsync,
  STACK,
  say,
  stackHasResources,
  startDemoEmulator,
} from "./demo-env.mjs";
import { ensureEngine } from "./engine/engine.mjs";

const started = Date.now();
let engine;
try {
  engine = await ensureEngine();
} catch (err) {
  fail(`${err.message}\n  Then run npm start again.`);
}
ensureBuilt();

if (stackHasResources() && !existsSync(paths.db)) {
  fail(
    `The demo stack records VCDA resources, but the emulator's data (${paths.db}) is gone, so they no longer exist.\n` +
      "  Start over with: npm run demo:reset && npm start",
  );
}

say(`starting the VCDA emulator (data: ${paths.db})`);
const emulator = await startDemoEmulator();
say(`emulator listening on ${emulator.url}`);

const env = pulumiEnv(engine.binDir);
const pulumi = (args, opts = {}) => runAsync(join(engine.binDir, "pulumi"), args, { cwd: root, env, ...opts });

let code = 0;
try {
  if ((await pulumi(["stack", "select", STACK], { capture: true })).status !== 0) {
    say(`creating the local stack "${STACK}" (file backend in ${paths.state})`);
    const init = await pulumi(["stack", "init", STACK], { capture: true });
    if (init.status !== 0) throw new Error(`pulumi stack init failed:\n${init.stderr}`);
  }
  // Point the stack at this emulator. Re-setting an unchanged value changes nothing in the next `up`.
  const wanted = {
    "vcda:endpoint": emulator.url,
    "vcda:authType": "localUser",
    "vcda:username": DEMO_USER,
    "vcda:caCert": emulator.caFile,
  };
  // site1's VMs are replicated from the remote site: the session is extended there (decisions.md #5).
  const sites = JSON.stringify({ site1: { type: "credentials", username: "root@System", password: DEMO_PASSWORD } });
  const current = JSON.parse((await pulumi(["config", "--json", "--show-secrets"], { capture: true })).stdout || "{}");
  for (const [key, value] of Object.entries(wanted)) {
    if (current[key]?.value !== value) await pulumi(["config", "set", key, value], { capture: true });
  }
  if (current["vcda:password"]?.value !== DEMO_PASSWORD) {
    await pulumi(["config", "set", "--secret", "vcda:password", DEMO_PASSWORD], { capture: true });
  }
  if (current["vcda:sites"]?.value !== sites)
    await pulumi(["config", "set", "--secret", "vcda:sites", sites], { capture: true });

  say("running pulumi up");
  const up = await pulumi(["up", "--yes", "--stack", STACK]);
  if (up.status !== 0) {
    code = up.status ?? 1;
    say(
      "pulumi up failed (see above). `npm run pulumi -- refresh` shows what exists; `npm run demo:reset` starts over.",
    );
  } else {
    await pulumi(["stack", "output", "--stack", STACK]);
  }
} catch (err) {
  code = 1;
  say(err.message);
} finally {
  await emulator.close();
  say(`emulator stopped; its data stays in ${paths.db}`);
  say(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.exit(code);
