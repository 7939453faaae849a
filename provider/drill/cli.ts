#!/usr/bin/env node
/**
 * `vcda-drill`: a DR drill of a stack's replications (run.ts), with a report (report.ts).
 *
 *   vcda-drill --stack prod [--cwd <project dir>] [--parallel 4] [--max-rto 15m] [--max-rpo 1h]
 *              [--only name,name] [--power-on] [--timeout 30m] [--out <dir>]
 *
 * Exit code: 0 when every replication was tested within the targets and cleaned up, 1 otherwise, 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type DrillTargets, parseDuration, passed, toJson, toJUnit, toMarkdown } from "./report";
import { runDrill } from "./run";

const USAGE = `usage: vcda-drill --stack <stack> [--cwd <dir>] [--parallel N] [--max-rto 15m] [--max-rpo 1h]
                  [--only name,name] [--power-on] [--timeout 30m] [--out <dir>]`;

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        cwd: { type: "string", default: "." },
        parallel: { type: "string", default: "4" },
        "max-rto": { type: "string" },
        "max-rpo": { type: "string" },
        only: { type: "string" },
        "power-on": { type: "boolean", default: false },
        timeout: { type: "string" },
        out: { type: "string", default: "vcda-drill-report" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    process.stderr.write(`vcda-drill: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const stack = values.stack as string | undefined;
  const parallel = Number(values.parallel);
  if (!stack || !Number.isInteger(parallel) || parallel < 1) {
    process.stderr.write(`vcda-drill: --stack is required and --parallel must be a whole number ≥ 1\n${USAGE}\n`);
    return 2;
  }
  let targets: DrillTargets;
  let timeoutSeconds: number | undefined;
  try {
    targets = {
      ...(values["max-rto"] ? { maxRtoSeconds: parseDuration(String(values["max-rto"])) } : {}),
      ...(values["max-rpo"] ? { maxRpoSeconds: parseDuration(String(values["max-rpo"])) } : {}),
    };
    timeoutSeconds = values.timeout ? parseDuration(String(values.timeout)) : undefined;
  } catch (e) {
    process.stderr.write(`vcda-drill: ${(e as Error).message}\n`);
    return 2;
  }

  // Ctrl-C stops the tests gracefully; cleanup always runs. Further Ctrl-Cs only say so.
  const abort = new AbortController();
  process.on("SIGINT", () => {
    if (!abort.signal.aborted) {
      process.stderr.write("\nvcda-drill: interrupted: stopping the tests, then cleaning up\n");
      abort.abort();
    } else process.stderr.write("vcda-drill: still cleaning up the test failovers; wait for it\n");
  });
  process.on("SIGTERM", () => abort.abort());

  const report = await runDrill({
    stack,
    cwd: resolve(String(values.cwd)),
    parallel,
    ...(values.only
      ? {
          only: String(values.only)
            .split(",")
            .map((s) => s.trim()),
        }
      : {}),
    powerOn: values["power-on"] === true,
    targets,
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    signal: abort.signal,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  const out = resolve(String(values.out));
  mkdirSync(out, { recursive: true });
  const md = toMarkdown(report);
  writeFileSync(join(out, "drill.md"), md);
  writeFileSync(join(out, "drill.junit.xml"), toJUnit(report));
  writeFileSync(join(out, "drill.json"), toJson(report));
  process.stdout.write(`${md}\nReport: ${join(out, "drill.md")}, drill.junit.xml, drill.json\n`);
  return passed(report) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`vcda-drill: ${e.message}\n`);
    process.exit(1);
  },
);
