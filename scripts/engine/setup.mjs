#!/usr/bin/env node
// `npm run engine`: find or build the Pulumi engine and print where it is.
import { ensureEngine } from "./engine.mjs";

try {
  const { binDir, version, source } = await ensureEngine();
  console.log(`pulumi ${version} (${source}): ${binDir}`);
} catch (err) {
  console.error(`[engine] ${err.message}`);
  process.exit(1);
}
