#!/usr/bin/env node
// `npm run engine`: find or build the Pulumi engine and print where it is.
import { ensureEngine } from "./engine.mjs";

try {
  const { binDir, version, source, yamlDir } = await ensureEngine();
  console.log(`pulumi ${version} (${source}): ${binDir}`);
  if (yamlDir !== binDir) console.log(`pulumi-language-yaml: ${yamlDir}`);
} catch (err) {
  console.error(`[engine] ${err.message}`);
  process.exit(1);
}
