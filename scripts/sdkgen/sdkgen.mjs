#!/usr/bin/env node
// `npm run sdk`: writes sdk/schema.json from the resource contracts (through the build in dist/) and the SDKs of
// every language from it: sdk/nodejs, sdk/python and sdk/go with pkg v3.274.1's generators (scripts/sdkgen/gen),
// sdk/dotnet with pkg v3.225.1's (scripts/sdkgen/dotnet). The generators are built once and cached.
// `--check` generates into a temporary folder and fails, naming the files, when sdk/ differs from it.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { cachedGoBuild, run } from "../engine/go.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const sdkDir = join(root, "sdk");
export const LANGUAGES = ["nodejs", "python", "go", "dotnet"];

const say = (msg) => process.stderr.write(`[sdk] ${msg}\n`);

/** The package schema, as the plugin serves it (dist/ must be built: `npm run build`). */
export function schemaText() {
  const require = createRequire(import.meta.url);
  const built = join(root, "dist", "provider", "plugin");
  if (!existsSync(join(built, "schema.js"))) throw new Error("dist/ is not built: run `npm run build` first");
  const { buildSchema } = require(join(built, "schema.js"));
  const { KINDS } = require(join(built, "registry.js"));
  return `${JSON.stringify(buildSchema(KINDS.map((k) => k.contract)), null, 2)}\n`;
}

/** Writes schema.json and the four SDKs into `out`. */
export async function generate(out) {
  const schema = join(out, "schema.json");
  writeFileSync(schema, schemaText());
  const gen = await cachedGoBuild({ name: "sdkgen", dir: join(here, "gen"), say });
  const dotnet = await cachedGoBuild({ name: "sdkgen-dotnet", dir: join(here, "dotnet"), say });
  await run(gen, [schema, out, "nodejs", "python", "go"], {}, say);
  await run(dotnet, [schema, join(out, "dotnet")], {}, say);
}

function files(dir, base = dir) {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [""];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, base) : [relative(base, p)];
  });
}

/** Files that differ between two folders: missing from one, or with other contents. */
export function differences(expected, actual) {
  const want = new Set(files(expected));
  const have = new Set(files(actual));
  const out = [];
  for (const f of want) {
    if (!have.has(f)) out.push(`missing: ${f}`);
    else if (!readFileSync(join(expected, f)).equals(readFileSync(join(actual, f)))) out.push(`differs: ${f}`);
  }
  for (const f of have) if (!want.has(f)) out.push(`not generated: ${f}`);
  return out.sort();
}

async function main(args) {
  const out = mkdtempSync(join(tmpdir(), "vcda-sdk-"));
  try {
    await generate(out);
    if (args.includes("--check")) {
      const diff = ["schema.json", ...LANGUAGES].flatMap((entry) =>
        differences(join(out, entry), join(sdkDir, entry)).map((d) =>
          d.replace(/: (.*)$/, (_m, f) => `: ${f ? `${entry}/${f}` : entry}`),
        ),
      );
      if (diff.length > 0) {
        console.error(`[sdk] sdk/ is not what the contracts generate; run \`npm run sdk\`:\n  ${diff.join("\n  ")}`);
        process.exit(1);
      }
      say("sdk/ is current");
      return;
    }
    for (const entry of ["schema.json", ...LANGUAGES]) {
      rmSync(join(sdkDir, entry), { recursive: true, force: true });
      cpSync(join(out, entry), join(sdkDir, entry), { recursive: true });
    }
    say(`wrote sdk/schema.json and sdk/{${LANGUAGES.join(",")}}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`[sdk] ${e.message}`);
    process.exit(1);
  });
}
