/**
 * The reduced form of `npm run chaos` (scripts/chaos/run.mjs) for CI: two short cycles of up / update / refresh /
 * converge / destroy under injected latency, 5xx, dropped connections, 429, session expiry and task failures.
 * After every step the emulator's replications must match the stack's state, and every fault-free `up` must converge.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

const out = join(repoRoot, ".cache", `chaos-smoke-${process.pid}.json`);

describe("npm run chaos, reduced (2 cycles)", () => {
  afterAll(() => rmSync(out, { force: true }));

  it("injects faults, never loses, duplicates or orphans a replication, and converges", { timeout: 420_000 }, () => {
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, "scripts", "chaos", "run.mjs"),
        ...["--cycles", "2", "--size", "3", "--seconds", "240", "--seed", "7", "--task-ms", "100"],
        ...["--command-timeout-s", "150", "--out", out, "--quiet"],
      ],
      { cwd: repoRoot, encoding: "utf8", timeout: 410_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.mismatches, run.stdout).toBe(0);
    expect(report.notConverged, run.stdout).toBe(0);
    expect(report.cycles).toBe(2);
    // 2 cycles x 5 steps + final converge + final destroy.
    expect(report.operations.total).toBe(12);
    expect(report.operations.cleanFailed, run.stdout).toBe(0);
    expect(report.injected.delayedRequests).toBeGreaterThan(0);
    // Every failure under faults carries an engine diagnostic naming what failed.
    for (const f of report.failures) expect((f.errors ?? []).join("\n"), JSON.stringify(f)).toMatch(/error|failed/i);
    expect(run.stdout).toContain("Mismatches: 0");
  });
});
