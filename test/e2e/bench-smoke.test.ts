/**
 * The reduced form of `npm run bench` (scripts/bench/run.mjs) for CI: N = 5, short tasks. Checks that the script runs
 * end to end and that its JSON has every figure, and the targets that do not depend on the machine's speed: requests
 * per created replication, one login per run, no API call for a preview without refresh. Timing ratios are figures,
 * not assertions (see scripts/bench/README.md for the full runs).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

const out = join(repoRoot, ".cache", `bench-smoke-${process.pid}.json`);
const OPS = ["up", "preview", "refresh", "update", "destroy"] as const;

interface Entry {
  ms: number;
  exitCode: number;
  providerPeakRssKb: number | null;
  requests?: number;
  logins?: number;
  requestsPerResource?: number;
  routes?: Record<string, number>;
  samplesMs?: number[];
}
interface Report {
  results: Array<{
    n: number;
    providerByRequire: { vcda: boolean; baseline: boolean };
    plaintextPasswordInState: boolean;
    ops: Record<
      (typeof OPS)[number],
      { vcda: Entry; baseline: Entry; ratio: number; emulatorReplications: number; rpoUpdated?: number }
    >;
  }>;
  targets: Array<{ name: string; ok: boolean; detail: string }>;
  failedOperations: boolean;
}

describe("npm run bench, reduced (N = 5)", () => {
  afterAll(() => rmSync(out, { force: true }));

  it("measures every operation for both stacks and meets the request and login targets", { timeout: 240_000 }, () => {
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, "scripts", "bench", "run.mjs"),
        ...["--n", "5", "--task-ms", "100", "--repeat", "2", "--out", out, "--quiet"],
      ],
      { cwd: repoRoot, encoding: "utf8", timeout: 230_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain("| operation |");
    const report = JSON.parse(readFileSync(out, "utf8")) as Report;
    expect(report.failedOperations).toBe(false);
    const [row] = report.results;
    expect(row?.n).toBe(5);
    if (!row) return;
    for (const op of OPS) {
      const o = row.ops[op];
      expect(o.vcda.exitCode, op).toBe(0);
      expect(o.baseline.exitCode, op).toBe(0);
      expect(o.vcda.ms, op).toBeGreaterThan(0);
      expect(o.baseline.ms, op).toBeGreaterThan(0);
      expect(o.ratio, op).toBeGreaterThan(0);
      // The provider process was found and measured (preview starts it too, for check and diff).
      expect(o.vcda.providerPeakRssKb, op).toBeGreaterThan(10_000);
      expect(o.baseline.providerPeakRssKb, op).toBeGreaterThan(10_000);
    }
    // Preview and refresh ran twice per stack; the entry is the faster (median of two) of those runs.
    for (const op of ["preview", "refresh"] as const) {
      const { ms, samplesMs } = row.ops[op].vcda;
      expect(samplesMs, op).toHaveLength(2);
      expect(ms, op).toBe(Math.min(...(samplesMs ?? [])));
    }
    expect(row.ops.up.vcda.samplesMs).toBeUndefined();
    // At most 3 requests per created replication besides the session (login + extension to the source site).
    expect(row.ops.up.vcda.requestsPerResource).toBeLessThanOrEqual(3);
    expect(row.ops.up.vcda.routes?.["POST /vm-replications"]).toBe(5);
    for (const op of ["up", "refresh", "update", "destroy"] as const) expect(row.ops[op].vcda.logins, op).toBe(1);
    expect(row.ops.preview.vcda.requests).toBe(0);
    expect(row.ops.up.emulatorReplications).toBe(5);
    expect(row.ops.update.rpoUpdated).toBe(5);
    expect(row.ops.destroy.emulatorReplications).toBe(0);
    expect(row.providerByRequire).toEqual({ vcda: true, baseline: true });
    expect(row.plaintextPasswordInState).toBe(false);
    // Only the timing ratios (machine-dependent, N >= 100) may be reported as missed.
    expect(report.targets.filter((t) => !t.ok && !/ratio/.test(t.name))).toEqual([]);
  });
});
