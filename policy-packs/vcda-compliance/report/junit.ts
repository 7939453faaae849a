import { byLevel, changeOf, markOf, type PreviewReport, splitUrn, vappMark } from "./model";

const xml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; they are removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * JUnit XML: one testcase per policy and resource. Mandatory findings are failures; advisory findings and
 * "not checked" notes pass with the text in system-out, so CI shows them without failing the job.
 * Passed policies appear as testcases when the input had policy summary events. A vApp replication's testcase
 * name is marked `(vApp)` (no VM count, so the name stays the same when the count changes); its text carries the
 * VM count when known.
 */
export function renderJUnit(report: PreviewReport, suiteName = "vcda-compliance"): string {
  const cases: string[] = [];
  let failures = 0;
  const caseName = (policyName: string, urn?: string) => {
    if (!urn) return `${policyName} stack`;
    const { type, name } = splitUrn(urn);
    const mark = vappMark(type);
    return `${policyName} ${name}${mark ? ` (${mark})` : ""}`;
  };
  /** `\n(vApp, 3 VMs)` after a vApp replication's text, when its VM count is known. */
  const vmCountLine = (urn?: string) => {
    if (!urn || changeOf(report, urn)?.vmCount === undefined) return "";
    return `\n(${markOf(report, urn)})`;
  };
  for (const v of [...report.violations].sort(byLevel)) {
    const name = caseName(v.policyName, v.urn);
    const attrs = `classname="${xml(v.policyName)}" name="${xml(name)}"`;
    if (v.level === "mandatory" && !v.notChecked) {
      failures++;
      cases.push(
        `    <testcase ${attrs}>\n      <failure type="mandatory" message="${xml(v.message.split("\n")[0] ?? "")}">${xml(`${v.message}\n${v.urn ?? ""}${vmCountLine(v.urn)}`)}</failure>\n    </testcase>`,
      );
    } else {
      const label = v.notChecked ? `not checked (${v.level})` : v.level;
      cases.push(
        `    <testcase ${attrs}>\n      <system-out>${xml(`${label}: ${v.message}${vmCountLine(v.urn)}`)}</system-out>\n    </testcase>`,
      );
    }
  }
  for (const p of report.passed) {
    cases.push(`    <testcase classname="${xml(p.policyName)}" name="${xml(caseName(p.policyName, p.urn))}"/>`);
  }
  const errors = report.errors.length;
  const errorCase = report.errors.map(
    (e) =>
      `    <testcase classname="pulumi" name="preview">\n      <error message="${xml(e.split("\n")[0] ?? "")}">${xml(e)}</error>\n    </testcase>`,
  );
  const total = cases.length + errorCase.length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(suiteName)}" tests="${total}" failures="${failures}" errors="${errors}">`,
    `  <testsuite name="${xml(suiteName)}" tests="${total}" failures="${failures}" errors="${errors}" skipped="0">`,
    ...cases,
    ...errorCase,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
