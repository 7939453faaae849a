#!/usr/bin/env node
// `npm test`: make sure the engine and the build are there, run vitest, and end with the plain
// `N passed, N failed` line that CI reads. Extra arguments go to vitest (e.g. `npm test -- test/unit`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureEngine } from "./engine/engine.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const report = join(root, ".cache", "vitest-report.json");

try {
  const { binDir, version, source } = await ensureEngine();
  process.stderr.write(`[test] engine: pulumi ${version} (${source}) in ${binDir}\n`);
  process.env.PULUMI_VCDA_ENGINE_DIR = binDir;
} catch (err) {
  console.error(`[test] ${err.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const prep = spawnSync(process.execPath, [join(root, "scripts", "prepare.mjs")], { stdio: "inherit" });
if (prep.status !== 0) {
  console.error("[test] the build failed (see above)");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", cwd: root },
);

if (!existsSync(report)) {
  console.error("[test] vitest wrote no report");
  console.log("0 passed, 1 failed");
  process.exit(vitest.status || 1);
}
const r = JSON.parse(readFileSync(report, "utf8"));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
// A test file that fails to load, or whose beforeAll/afterAll fails, has no failed test of its own (its tests are
// missing or skipped): count the file as a failure so it cannot pass silently.
const brokenFiles = (r.testResults ?? []).filter(
  (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
).length;
const failed = r.numFailedTests + brokenFiles;
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || r.numTotalTests === 0 ? 1 : (vitest.status ?? 1));
