#!/usr/bin/env node
// `npm run engine`: find or build the Pulumi engine (with pulumi-language-yaml), then the Go tools the tests use:
// the SDK generators (scripts/sdkgen) and the Go test program (test/plugin/go-program), each built once and cached.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureEngine } from "./engine.mjs";
import { cachedGoBuild, which } from "./go.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const say = (msg) => process.stderr.write(`[engine] ${msg}\n`);

try {
  const { binDir, version, source, yamlDir } = await ensureEngine();
  console.log(`pulumi ${version} (${source}): ${binDir}`);
  if (yamlDir !== binDir) console.log(`pulumi-language-yaml: ${yamlDir}`);
  const sdk = join(root, "sdk", "go", "vcda");
  const tools = [
    { name: "sdkgen", dir: join(root, "scripts", "sdkgen", "gen") },
    { name: "sdkgen-dotnet", dir: join(root, "scripts", "sdkgen", "dotnet") },
    {
      name: "go-program",
      dir: join(root, "test", "plugin", "go-program"),
      extraDirs: [sdk, join(sdk, "internal"), join(sdk, "config")],
    },
  ];
  for (const tool of tools) console.log(`${tool.name}: ${await cachedGoBuild({ ...tool, say })}`);
  if (!which("python3")) say("python3 is not on PATH: the Python SDK test (py_compile) needs it");
} catch (err) {
  console.error(`[engine] ${err.message}`);
  process.exit(1);
}
