/**
 * The emulator as a user starts it: `npx vcda-emulator` in a project that installed the tarball, so the bin, the
 * code and its dependencies (selfsigned for TLS) all come from that install and none from the repository.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const execFileP = promisify(execFile);

export interface PackagedEmulator {
  url: string;
  caPem: string;
  /** Real path of the `vcda-emulator` bin that npx runs. */
  bin: string;
  close(): Promise<void>;
}

/** Where npx finds `vcda-emulator` from `dir` (it must be the project's own install). */
async function whichBin(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileP("npx", ["--no", "-c", "command -v vcda-emulator"], { cwd: dir, env });
  return realpathSync(stdout.trim());
}

/** `npx vcda-emulator --port 0 --tls` in `dir`; resolves once it prints its URL and CA file. */
export async function startPackagedEmulator(
  dir: string,
  env: NodeJS.ProcessEnv,
  tlsDir: string,
): Promise<PackagedEmulator> {
  const bin = await whichBin(dir, env);
  if (relative(realpathSync(join(dir, "node_modules")), bin).startsWith("..")) {
    throw new Error(`npx runs ${bin}, not the vcda-emulator of ${dir}/node_modules`);
  }
  const args = ["--port", "0", "--tls", "--tls-dir", tlsDir, "--task-duration-ms", "50", "--quiet"];
  // As a user types it (whichBin showed npx finds it locally). Its own process group, so closing it stops npx
  // and the node process npx started.
  const child = spawn("npx", ["vcda-emulator", ...args], { cwd: dir, env, detached: true, stdio: "pipe" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const { url, caFile } = await readyLines(child);
  return {
    url,
    caPem: readFileSync(caFile, "utf8"),
    bin,
    async close() {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

/** The CLI prints `VCDA emulator listening on <url>` and, with --tls, `CA certificate: <path>`. */
function readyLines(child: ChildProcess): Promise<{ url: string; caFile: string }> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error("no 'listening' line within 30 s")), 30_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      reject(new Error(`npx vcda-emulator: ${e.message}\nstdout: ${out}\nstderr: ${err}`));
    };
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      const caFile = /CA certificate: (\S+)/.exec(out)?.[1];
      if (url && caFile) {
        clearTimeout(timer);
        resolve({ url, caFile });
      }
    });
    child.once("exit", (code) => fail(new Error(`exited with code ${code}`)));
  });
}
