#!/usr/bin/env node
// `npm run emulator`: the emulator alone, with the demo's data file and TLS certificate. Ctrl-C stops it.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureBuilt, HOST, PORT, paths, root } from "./demo-env.mjs";

ensureBuilt();
const args = [
  "--host",
  HOST,
  "--port",
  String(PORT),
  "--data",
  paths.db,
  "--tls",
  "--tls-dir",
  paths.tls,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, [join(root, "dist", "emulator", "cli.js"), ...args], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
