// Finds or builds the Pulumi engine this project runs on: `pulumi`, `pulumi-language-nodejs`, the
// `pulumi-resource-pulumi-nodejs` shim that starts dynamic providers, and `pulumi-language-yaml` for YAML programs
// that use the provider plugin. Never uses the official installer.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { goBinary, goEnv, run as runGo, which } from "./go.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

/** The CLI version we build: the newest the Go module proxy serves that is not older than the SDK. */
export const CLI_VERSION = "3.274.1";

/** The pulumi-yaml release whose `pulumi-language-yaml` we build (the proxy serves it when asked for this exact version). */
export const YAML_VERSION = "1.38.1";

/** The @pulumi/pulumi version pinned in package.json: a CLI on PATH must be at least this. */
export function sdkVersion() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return pkg.devDependencies["@pulumi/pulumi"];
}

/** Where built engines are cached, one folder per version. */
export function cacheRoot() {
  if (process.env.PULUMI_VCDA_ENGINE_CACHE) return process.env.PULUMI_VCDA_ENGINE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "pulumi-vcda", "engine");
}

function compareVersions(a, b) {
  const pa = a
    .replace(/^v/, "")
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  const pb = b
    .replace(/^v/, "")
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function versionOf(bin) {
  try {
    return execFileSync(bin, ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    }).trim();
  } catch {
    return undefined;
  }
}

const SHIM = `#!/bin/sh
# Starts a Node.js dynamic provider (the same script the Pulumi release ships as pulumi-resource-pulumi-nodejs).
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" $@
fi
`;

function complete(binDir) {
  return ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"].every((b) =>
    existsSync(join(binDir, b)),
  );
}

function log(msg) {
  process.stderr.write(`[engine] ${msg}\n`);
}

const run = (cmd, args, opts) => runGo(cmd, args, opts, log);

async function build(target) {
  const go = goBinary();
  if (!go) {
    throw new Error(
      `No Pulumi CLI >= ${sdkVersion()} on PATH and no Go toolchain to build one.\n` +
        "  Either install the Pulumi CLI (any version >= the SDK's) and put it on PATH,\n" +
        "  or install Go >= 1.26 (it builds pulumi from the Go module proxy; about 5-15 minutes on 2 cores, once).",
    );
  }
  const tmp = `${target}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, "bin"), { recursive: true });
  const env = goEnv();
  const flags = ["-trimpath", "-tags", "osusergo,grpcnotrace"];
  const started = Date.now();
  log(`building pulumi v${CLI_VERSION} from the Go module proxy into ${target} (first time only; takes minutes)`);
  await run(
    go,
    [
      "build",
      ...flags,
      "-ldflags",
      `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${CLI_VERSION}`,
      "-o",
      join(tmp, "bin", "pulumi"),
      "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    ],
    { cwd: join(here, "cli"), env },
  );
  log(`building pulumi-language-nodejs (scripts/engine/language-host)`);
  await run(
    go,
    [
      "build",
      ...flags,
      "-ldflags",
      `-s -w -X main.version=v${CLI_VERSION}`,
      "-o",
      join(tmp, "bin", "pulumi-language-nodejs"),
      ".",
    ],
    {
      cwd: join(here, "language-host"),
      env,
    },
  );
  writeFileSync(join(tmp, "bin", "pulumi-resource-pulumi-nodejs"), SHIM);
  chmodSync(join(tmp, "bin", "pulumi-resource-pulumi-nodejs"), 0o755);
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Builds `pulumi-language-yaml` into `binDir` from the pinned wrapper module in scripts/engine/yaml-host (pulumi-yaml
 * against the engine's pkg/sdk), and stamps the version next to it so a new pin rebuilds it.
 */
async function buildYamlHost(binDir) {
  const go = goBinary();
  if (!go)
    throw new Error(
      "No Go toolchain to build pulumi-language-yaml: install Go >= 1.26 (or put a Pulumi CLI with its bundled pulumi-language-yaml on PATH).",
    );
  mkdirSync(binDir, { recursive: true });
  const out = join(binDir, `pulumi-language-yaml.partial-${process.pid}`);
  const started = Date.now();
  log(
    `building pulumi-language-yaml v${YAML_VERSION} (github.com/pulumi/pulumi-yaml) into ${binDir} (first time only; takes minutes)`,
  );
  await run(
    go,
    [
      "build",
      "-trimpath",
      "-tags",
      "osusergo,grpcnotrace",
      "-ldflags",
      `-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v${YAML_VERSION}`,
      "-o",
      out,
      "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    ],
    { cwd: join(here, "yaml-host"), env: goEnv() },
  );
  renameSync(out, join(binDir, "pulumi-language-yaml"));
  writeFileSync(join(binDir, YAML_STAMP), `v${YAML_VERSION}\n`);
  log(`built pulumi-language-yaml in ${Math.round((Date.now() - started) / 1000)} s`);
}

const YAML_STAMP = ".pulumi-language-yaml.version";

/**
 * The folder holding `pulumi-language-yaml`: beside the engine when it is there (an official CLI bundles it, our
 * build adds it), else a cache folder of its own, so a CLI on PATH is never shadowed by our other binaries.
 */
async function ensureYamlHost(binDir, source, say) {
  const ours = source === "cache" || source === "built";
  if (!ours && existsSync(join(binDir, "pulumi-language-yaml"))) return binDir;
  const dir = ours ? binDir : join(cacheRoot(), `language-yaml-v${YAML_VERSION}`, "bin");
  const stamp = join(dir, YAML_STAMP);
  const current =
    existsSync(join(dir, "pulumi-language-yaml")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8").trim() === `v${YAML_VERSION}`;
  if (current) {
    if (!ours) say(`using cached pulumi-language-yaml in ${dir}`);
    return dir;
  }
  await buildYamlHost(dir);
  return dir;
}

/**
 * Returns the folder holding pulumi, pulumi-language-nodejs and the dynamic-provider shim, and the folder holding
 * pulumi-language-yaml (the same one, unless the engine is someone else's without it).
 * Order: PULUMI_VCDA_ENGINE_DIR, a `pulumi` on PATH at least as new as the SDK (with its plugins beside it),
 * the cache, and last a build from source.
 */
export async function ensureEngine({ quiet = false } = {}) {
  const say = quiet ? () => {} : log;
  const core = await ensureCore(say);
  return { ...core, yamlDir: await ensureYamlHost(core.binDir, core.source, say) };
}

async function ensureCore(say) {
  if (process.env.PULUMI_VCDA_ENGINE_DIR) {
    const dir = process.env.PULUMI_VCDA_ENGINE_DIR;
    if (!complete(dir))
      throw new Error(
        `PULUMI_VCDA_ENGINE_DIR=${dir} lacks pulumi, pulumi-language-nodejs or pulumi-resource-pulumi-nodejs`,
      );
    return { binDir: dir, version: versionOf(join(dir, "pulumi")), source: "PULUMI_VCDA_ENGINE_DIR" };
  }
  const onPath = which("pulumi");
  if (onPath) {
    const v = versionOf(onPath);
    const dir = dirname(onPath);
    if (v && compareVersions(v, sdkVersion()) >= 0 && complete(dir)) {
      say(`using ${onPath} (${v})`);
      return { binDir: dir, version: v, source: "PATH" };
    }
    say(`ignoring ${onPath} (${v ?? "unknown version"}): need >= v${sdkVersion()} with its Node.js plugins beside it`);
  }
  const target = join(cacheRoot(), `v${CLI_VERSION}`);
  const binDir = join(target, "bin");
  if (complete(binDir) && versionOf(join(binDir, "pulumi")) === `v${CLI_VERSION}`) {
    say(`using cached engine ${binDir}`);
    return { binDir, version: `v${CLI_VERSION}`, source: "cache" };
  }
  await build(target);
  return { binDir, version: versionOf(join(binDir, "pulumi")), source: "built" };
}

/** Environment for running the engine: its folder and this project's Node first on PATH, no network calls. */
export function engineEnv(binDir, extra = {}) {
  const nodeBin = join(root, "node_modules", ".bin");
  return {
    ...process.env,
    PATH: [binDir, nodeBin, process.env.PATH].join(delimiter),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    ...extra,
  };
}
