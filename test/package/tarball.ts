/**
 * `npm pack` of the repository and what a user's tools need from the tarball: every entry point and its types,
 * type declarations that import only what the package ships or depends on, source maps that carry their sources,
 * and nothing of the test suite.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/engine";

const execFileP = promisify(execFile);

export interface Packed {
  /** Path of the .tgz. */
  file: string;
  /** Bytes of the .tgz and of its contents. */
  size: number;
  unpackedSize: number;
  /** Paths inside the package (`dist/provider/index.js`, …). */
  files: string[];
  /** Where the tarball was unpacked: `<root>/<path>` is a file of the package. */
  root: string;
}

/**
 * Packs the repository as `npm publish` would, without its lifecycle scripts: `prepare` would rebuild and
 * reinstall node_modules/pulumi-vcda while other test files use it (npm test has built dist/ already).
 */
export async function pack(dest: string, env: NodeJS.ProcessEnv): Promise<Packed> {
  const { stdout } = await execFileP("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], {
    cwd: repoRoot,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [info] = JSON.parse(stdout) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    files: Array<{ path: string }>;
  }>;
  if (!info) throw new Error(`npm pack printed no package: ${stdout}`);
  const file = join(dest, info.filename);
  const root = join(dest, "unpacked");
  mkdirSync(root, { recursive: true });
  await execFileP("tar", ["-xzf", file, "-C", root, "--strip-components=1"]);
  return { file, size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path), root };
}

interface Manifest {
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | { types?: string; default?: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function manifest(p: Packed): Manifest {
  return JSON.parse(readFileSync(join(p.root, "package.json"), "utf8")) as Manifest;
}

const norm = (path: string) => posix.normalize(path.replace(/^\.\//, ""));

/** Entry points of package.json (main, types, bin, exports with `*` expanded) that the tarball lacks. */
export function missingEntryPoints(p: Packed): string[] {
  const m = manifest(p);
  const has = new Set(p.files);
  const targets = [m.main, m.types, ...Object.values(m.bin ?? {})];
  for (const [key, value] of Object.entries(m.exports ?? {})) {
    const conditions = typeof value === "string" ? [value] : [value.types, value.default];
    for (const target of conditions) {
      if (!target) continue;
      if (!key.includes("*")) {
        targets.push(target);
        continue;
      }
      // "./dynamic/*": every shipped module under the folder needs both its code and its types.
      const [prefix, suffix] = norm(target).split("*") as [string, string];
      const matched = p.files.filter((f) => f.startsWith(prefix) && f.endsWith(suffix));
      if (matched.length === 0) targets.push(target);
    }
  }
  return targets.filter((t): t is string => t !== undefined).filter((t) => !has.has(norm(t)));
}

/** .js modules without a .d.ts next to them: a TypeScript user importing them would get `any`. */
export function modulesWithoutTypes(p: Packed): string[] {
  const has = new Set(p.files);
  return p.files.filter((f) => f.endsWith(".js") && !has.has(f.replace(/\.js$/, ".d.ts")));
}

/**
 * Imports in the .d.ts files that a user's compiler could not resolve: relative ones to files the tarball lacks,
 * and bare ones that are neither Node built-ins nor dependencies or peer dependencies of the package.
 */
export function unresolvedTypeImports(p: Packed): string[] {
  const m = manifest(p);
  const has = new Set(p.files);
  const declared = new Set([...Object.keys(m.dependencies ?? {}), ...Object.keys(m.peerDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const problems: string[] = [];
  for (const file of p.files.filter((f) => f.endsWith(".d.ts"))) {
    const source = readFileSync(join(p.root, file), "utf8");
    const references = [...source.matchAll(/^\/\/\/\s*<reference\s+types="([^"]+)"/gm)].map((m) => m[1]);
    // Without comments: doc comments quote code such as require("pulumi-vcda/dynamic/…").
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const imports = [...code.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    for (const spec of [...imports, ...references]) {
      if (!spec) continue;
      if (spec.startsWith(".")) {
        const base = norm(posix.join(posix.dirname(file), spec)).replace(/\.js$/, "");
        if (![`${base}.d.ts`, `${base}/index.d.ts`].some((c) => has.has(c))) problems.push(`${file}: ${spec}`);
        continue;
      }
      const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);
      // `node` is @types/node, which a TypeScript program on Node declares itself (as the examples do).
      if (spec.startsWith("node:") || spec === "node" || builtins.has(pkg) || declared.has(pkg)) continue;
      problems.push(`${file}: ${spec}`);
    }
  }
  return problems;
}

/** Files of the test suite: test folders, *.test.* and *.spec.* files. */
export function testFiles(p: Packed): string[] {
  return p.files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f));
}

/**
 * Source-map references that lead nowhere: a `sourceMappingURL` to a map the tarball lacks, or a map source that is
 * neither shipped nor embedded (`sourcesContent`), which debuggers and `node --enable-source-maps` would look for.
 */
export function brokenSourceMaps(p: Packed): string[] {
  const has = new Set(p.files);
  const problems: string[] = [];
  for (const file of p.files.filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(p.root, file), "utf8");
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (url && !url.startsWith("data:") && !has.has(norm(posix.join(posix.dirname(file), url)))) {
      problems.push(`${file}: sourceMappingURL ${url}`);
    }
  }
  for (const file of p.files.filter((f) => f.endsWith(".map"))) {
    const map = JSON.parse(readFileSync(join(p.root, file), "utf8")) as {
      sourceRoot?: string;
      sources: string[];
      sourcesContent?: Array<string | null>;
    };
    map.sources.forEach((source, i) => {
      const path = norm(posix.join(posix.dirname(file), map.sourceRoot ?? "", source));
      if (!has.has(path) && typeof map.sourcesContent?.[i] !== "string") problems.push(`${file}: ${source}`);
    });
  }
  return problems;
}
