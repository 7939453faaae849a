/**
 * A user's machine, as far as Node and npm can tell: a folder outside the repository with no node_modules above it,
 * projects copied into it that depend on the packed tarball, and `npm install` run with nothing of this
 * repository's npm run environment (npm_config_local_prefix would send npm and npx back to the repository).
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/engine";

const execFileP = promisify(execFile);

const inside = (dir: string, path: string) => !relative(dir, path).startsWith("..");

/** What `npm run` and the test runner add about this repository; npm's own settings (cache, registry) stay. */
const REPOSITORY_VARS =
  /^(npm_package_.*|npm_lifecycle_.*|npm_config_local_prefix|npm_config_call|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE_PATH|NODE_OPTIONS|PULUMI_VCDA_ENGINE_DIR)$/i;

/** Environment of a user's shell: this Node (>= 22) first on PATH, nothing pointing into the repository. */
export function userEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!REPOSITORY_VARS.test(k)) env[k] = v;
  const path = (process.env.PATH ?? "").split(delimiter).filter((d) => d && !inside(repoRoot, d));
  env.PATH = [...extraPath, dirname(process.execPath), ...path].join(delimiter);
  return env;
}

/** The first node_modules that Node would search from a program in `dir`, if any. */
export function nodeModulesAbove(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules"))) return join(d, "node_modules");
    if (dirname(d) === d) return undefined;
  }
}

/** A new temporary folder outside the repository; fails if Node could find packages above it. */
export function freshFolder(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "vcda-user-")));
  if (inside(repoRoot, dir)) throw new Error(`${dir} is inside the repository ${repoRoot}`);
  const above = nodeModulesAbove(dir);
  if (above) throw new Error(`${above} exists: programs in ${dir} could load packages that no project declares`);
  return dir;
}

/**
 * Copies a project folder as a user would (no node_modules, no stack files, no outputs) and points its
 * pulumi-vcda dependency at the tarball, the way one installs a package that is not on the registry.
 */
export function copyProject(from: string, to: string, tarball: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const name = basename(src);
      return name !== "node_modules" && name !== ".preview" && !/^Pulumi\..+\.yaml$/.test(name);
    },
  });
  pointAtTarball(to, tarball);
}

/** Rewrites the project's `pulumi-vcda` dependency (wherever it is declared) to the tarball. */
export function pointAtTarball(dir: string, tarball: string): void {
  const file = join(dir, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string> | undefined>;
  for (const field of ["dependencies", "devDependencies"]) {
    const deps = pkg[field];
    if (deps?.["pulumi-vcda"]) deps["pulumi-vcda"] = `file:${tarball}`;
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** What decides a project's node_modules: its package.json without the fields npm does not install from. */
function dependencyKey(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
  for (const field of ["name", "description", "version", "main", "private"]) delete pkg[field];
  return JSON.stringify(pkg);
}

/** Hard-links a folder tree (symlinks stay symlinks): a copy of an installed node_modules in no time. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    const stat = lstatSync(src);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (stat.isDirectory()) linkTree(src, dst);
    else linkSync(src, dst);
  }
}

/**
 * `npm install` for each project with its own package.json. Projects whose package.json declares exactly the same
 * dependencies get the same node_modules, so the first one installs and the others receive a hard-linked copy of
 * its node_modules: one download and extraction of the heavy packages (@pulumi/pulumi, typescript), while a project
 * that declares less than another still gets an install of its own.
 */
export class Installer {
  private readonly installs = new Map<string, Promise<string>>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Installs the project's dependencies; resolves to the folder whose `npm install` produced them. */
  async install(dir: string): Promise<string> {
    const key = dependencyKey(dir);
    const first = this.installs.get(key);
    if (first) {
      const source = await first;
      linkTree(join(source, "node_modules"), join(dir, "node_modules"));
      return source;
    }
    const done = this.npmInstall(dir).then(() => dir);
    this.installs.set(key, done);
    return done;
  }

  /** How many distinct `npm install` runs there were. */
  get runs(): number {
    return this.installs.size;
  }

  private async npmInstall(dir: string): Promise<void> {
    try {
      await execFileP("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd: dir,
        env: this.env,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`npm install in ${dir} failed: ${err.stderr || err.message}`);
    }
  }
}
