// Go builds of this project: the engine (engine.mjs), the SDK generators (scripts/sdkgen) and the Go test program
// (test/plugin/go-program). Each tool is built once into a cache folder named after a hash of its sources, so a
// changed go.mod, go.sum or .go file builds it again and anything else reuses it.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export function which(cmd) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

export function goBinary() {
  return which("go") || (existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined);
}

/** Static binaries from the pinned go.mod and go.sum; never a toolchain download. */
export function goEnv(extra = {}) {
  return {
    ...process.env,
    CGO_ENABLED: "0",
    GOTOOLCHAIN: process.env.GOTOOLCHAIN || "local",
    GOFLAGS: "-modcacherw -mod=mod",
    ...extra,
  };
}

/** Runs a command with inherited output, saying every 30 s that it still runs. */
export function run(cmd, args, opts = {}, log = (m) => process.stderr.write(`${m}\n`)) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
    const beat = setInterval(
      () => log(`  still running ${cmd} ${args[0]} (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    child.on("error", (err) => {
      clearInterval(beat);
      reject(err);
    });
    child.on("exit", (code) => {
      clearInterval(beat);
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with code ${code}`));
    });
  });
}

/** Where built tools are cached (`PULUMI_VCDA_TOOLS_CACHE`, else ~/.cache/pulumi-vcda/tools). */
export function toolsCache() {
  if (process.env.PULUMI_VCDA_TOOLS_CACHE) return process.env.PULUMI_VCDA_TOOLS_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "pulumi-vcda", "tools");
}

/** Hash of what a build depends on: the Go version and the module's go.mod, go.sum and .go files. */
function sourceHash(go, dir, extraDirs) {
  const h = createHash("sha256");
  h.update(execFileSync(go, ["version"], { encoding: "utf8" }));
  for (const d of [dir, ...extraDirs]) {
    for (const f of readdirSync(d).sort()) {
      if (f === "go.mod" || f === "go.sum" || f.endsWith(".go")) h.update(`${f}\0`).update(readFileSync(join(d, f)));
    }
  }
  return h.digest("hex").slice(0, 16);
}

/**
 * The path of `name` built from the Go module in `dir` (package `pkg`), building it first when its sources changed.
 * `extraDirs` are folders whose .go files the build also reads (a local replace).
 */
export async function cachedGoBuild({ name, dir, pkg = ".", extraDirs = [], say = () => {} }) {
  const go = goBinary();
  if (!go) throw new Error(`No Go toolchain to build ${name}: install Go >= 1.26.`);
  const target = join(toolsCache(), `${name}-${sourceHash(go, dir, extraDirs)}`, name);
  if (existsSync(target)) return target;
  mkdirSync(join(target, ".."), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const started = Date.now();
  say(`building ${name} (${dir}) into ${target} (once; a cold Go cache takes minutes)`);
  await run(go, ["build", "-trimpath", "-o", partial, pkg], { cwd: dir, env: goEnv() }, say);
  renameSync(partial, target);
  say(`built ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}
