/**
 * `tsc --noEmit` of installed projects with their own TypeScript and their own tsconfig.json. Projects that share
 * an install and a tsconfig are checked in one compiler run: TypeScript then reads the declarations of
 * @pulumi/pulumi and pulumi-vcda once (it recognises the same package at several paths) instead of once a project.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileP = promisify(execFile);

export interface Installed {
  /** The project folder. */
  dir: string;
  /** The folder whose `npm install` produced its node_modules (Installer.install). */
  installedBy: string;
}

/** Type-checks the projects; rejects with the compiler's output, which names each failing file. */
export async function typeCheck(projects: Installed[], env: NodeJS.ProcessEnv): Promise<void> {
  const groups = new Map<string, Installed[]>();
  for (const p of projects) {
    const key = `${p.installedBy}\n${readFileSync(join(p.dir, "tsconfig.json"), "utf8")}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    const [first] = group as [Installed];
    // The first project's tsconfig as it is, with the entry files of every project of the group; next to it, so
    // that the default typeRoots (node_modules/@types) are the project's own.
    const config = join(first.dir, "tsconfig.group.json");
    const files = group.flatMap((p) => entryFiles(p.dir).map((f) => join(p.dir, f)));
    writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", files }));
    const tsc = join(first.dir, "node_modules", "typescript", "bin", "tsc");
    if (!existsSync(tsc))
      throw new Error(`no TypeScript in ${first.dir}/node_modules: its package.json lacks typescript`);
    try {
      await execFileP(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", config], { env });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`tsc of ${group.map((p) => p.dir).join(", ")}:\n${err.stdout || err.stderr || err.message}`);
    }
  }
}

/** The `files` of a project's tsconfig.json (the examples and the template list theirs). */
function entryFiles(dir: string): string[] {
  const config = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { files?: string[] };
  if (!config.files?.length) throw new Error(`${dir}/tsconfig.json lists no files`);
  return config.files;
}
