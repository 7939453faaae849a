// Runs on `npm install` (npm's prepare step) and before tests: compile, install the package into
// node_modules by name, and install the policy pack's own dependencies.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];

function step(msg) {
  process.stderr.write(`[prepare] ${msg}\n`);
}

step("compiling TypeScript (tsc) into a clean dist/");
// A module removed from the sources must not linger in dist/, and so in the published tarball.
rmSync(join(root, "dist"), { recursive: true, force: true });
rmSync(join(root, "tsconfig.tsbuildinfo"), { force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")],
  {
    stdio: "inherit",
  },
);
step("installing pulumi-vcda into node_modules by name");
execFileSync(process.execPath, [join(root, "scripts", "link-self.mjs")], { stdio: "inherit" });

const pack = join(root, "policy-packs", "vcda-compliance");
if (existsSync(join(pack, "package.json")) && process.env.PULUMI_VCDA_SKIP_PACK_INSTALL !== "1") {
  const lock = join(pack, "package-lock.json");
  const marker = join(pack, "node_modules", ".package-lock.json");
  const fresh = existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs);
  if (!fresh) {
    step("installing the policy pack's dependencies (policy-packs/vcda-compliance)");
    const [cmd, ...pre] = npm;
    execFileSync(cmd, [...pre, existsSync(lock) ? "ci" : "install", "--no-audit", "--no-fund"], {
      cwd: pack,
      stdio: "inherit",
    });
  } else {
    // The install built bin/ once; sources may have changed since, so compile again (engine runs load bin/).
    step("compiling the policy pack");
    execFileSync(
      process.execPath,
      [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(pack, "tsconfig.json")],
      {
        stdio: "inherit",
      },
    );
  }
}
