#!/usr/bin/env node
/**
 * vcda-report: turns `pulumi preview --json` (and the engine event log that carries policy violations) into
 * Markdown for a PR comment, JUnit XML and SARIF.
 *
 *   pulumi preview --json --policy-pack <pack> --event-log events.jsonl > preview.json
 *   vcda-report --preview preview.json --events events.jsonl --markdown comment.md --junit junit.xml --sarif vcda.sarif
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildPolicies } from "../policies/index";
import { renderJUnit } from "./junit";
import { renderMarkdown } from "./markdown";
import { parseJsonOrLines, parsePreview } from "./parse-preview";
import { type RuleInfo, renderSarif } from "./sarif";

const USAGE = `usage: vcda-report --preview <file|-> [--events <file>] [--violations <file>]
                   [--markdown <file|->] [--junit <file>] [--sarif <file>] [--sarif-uri <path>]
                   [--title <text>] [--fail-on mandatory|advisory|never]
Markdown goes to stdout when no output is named. Exit code 1 when a finding at --fail-on level exists (default: never).`;

function read(path: string): string {
  return readFileSync(path === "-" ? 0 : path, "utf8");
}

function write(path: string, text: string): void {
  if (path === "-") process.stdout.write(text);
  else writeFileSync(path, text);
}

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      preview: { type: "string", multiple: true },
      events: { type: "string", multiple: true },
      violations: { type: "string", multiple: true },
      markdown: { type: "string" },
      junit: { type: "string" },
      sarif: { type: "string" },
      "sarif-uri": { type: "string" },
      title: { type: "string" },
      "fail-on": { type: "string", default: "never" },
      help: { type: "boolean", short: "h" },
    },
  });
  const inputs = [...(values.preview ?? []), ...(values.events ?? []), ...(values.violations ?? [])];
  if (values.help || inputs.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const rules = new Map<string, RuleInfo>(
    buildPolicies().map((p) => [p.name, { description: p.description, remediationSteps: p.remediationSteps }]),
  );
  const descriptions = new Map([...rules].map(([k, v]) => [k, v.description]));
  const docs = inputs.flatMap((f) => parseJsonOrLines(read(f)));
  const report = parsePreview(docs, { descriptions });
  const remediation = new Map(
    [...rules].filter(([, v]) => v.remediationSteps).map(([k, v]) => [k, v.remediationSteps as string]),
  );

  const named = values.markdown || values.junit || values.sarif;
  if (values.markdown || !named)
    write(values.markdown ?? "-", renderMarkdown(report, { title: values.title, remediation }));
  if (values.junit) write(values.junit, renderJUnit(report));
  if (values.sarif) write(values.sarif, renderSarif(report, { artifactUri: values["sarif-uri"], rules }));

  const failOn = values["fail-on"];
  const failing = report.violations.filter(
    (v) =>
      !v.notChecked &&
      (failOn === "advisory" ? v.level !== "disabled" : failOn === "mandatory" ? v.level === "mandatory" : false),
  );
  return failing.length > 0 ? 1 : 0;
}

if (typeof require !== "undefined" && require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`vcda-report: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
