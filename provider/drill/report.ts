/**
 * The drill report: one result per tested replication, judged against the targets, written as Markdown (for a PR or
 * a wiki), JUnit XML (for CI, which fails on a missed target) and JSON (for anything else). Pure functions.
 */

export interface DrillTargets {
  /** Largest acceptable time to recover, seconds. */
  maxRtoSeconds?: number;
  /** Largest acceptable RPO at test time, seconds. */
  maxRpoSeconds?: number;
}

export interface DrillVm {
  vmName: string | null;
  replicationId: string;
  instance: string | null;
  rpoSeconds: number | null;
  testVmId: string | null;
}

export interface DrillResult {
  /** The production resource's name. */
  name: string;
  replicationId: string;
  kind: "vm" | "vapp";
  /** `tested`, or `failed` with `error`. */
  status: "tested" | "failed";
  error?: string;
  timeToRecoverSeconds: number | null;
  rpoAtTestSeconds: number | null;
  vms: DrillVm[];
}

export interface DrillReport {
  stack: string;
  startedAt: string;
  finishedAt: string;
  targets: DrillTargets;
  /** True when every test failover was cleaned up. */
  cleanedUp: boolean;
  /** True when the drill was stopped (Ctrl-C) before every test ran. */
  interrupted?: boolean;
  results: DrillResult[];
}

/** Why a result misses the targets (empty: it passes). */
export function misses(r: DrillResult, t: DrillTargets): string[] {
  if (r.status === "failed") return [`the test failover failed: ${r.error ?? "unknown error"}`];
  const out: string[] = [];
  if (t.maxRtoSeconds !== undefined) {
    if (r.timeToRecoverSeconds === null) out.push("the time to recover is unknown");
    else if (r.timeToRecoverSeconds > t.maxRtoSeconds)
      out.push(`time to recover ${seconds(r.timeToRecoverSeconds)} exceeds ${seconds(t.maxRtoSeconds)}`);
  }
  if (t.maxRpoSeconds !== undefined) {
    if (r.rpoAtTestSeconds === null) out.push("the RPO at test time is unknown");
    else if (r.rpoAtTestSeconds > t.maxRpoSeconds)
      out.push(`RPO at test time ${seconds(r.rpoAtTestSeconds)} exceeds ${seconds(t.maxRpoSeconds)}`);
  }
  return out;
}

/** True when every replication was tested within the targets and everything was cleaned up. */
export function passed(report: DrillReport): boolean {
  return !report.interrupted && report.cleanedUp && report.results.every((r) => misses(r, report.targets).length === 0);
}

/** `1h 2m 3s`-style duration. */
export function seconds(s: number): string {
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = Math.round(s % 60);
  return [h ? `${h}h` : "", m ? `${m}m` : "", r ? `${r}s` : ""].filter(Boolean).join(" ");
}

/** Parses `90s`, `15m`, `1h30m`, `2h` or a bare number of seconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+(?:\.\d+)?)s)?$/.exec(t);
  if (!m || (!m[1] && !m[2] && !m[3])) throw new Error(`"${text}" is not a duration: use e.g. 90s, 15m, 1h30m`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const cell = (v: string | number | null) => (v === null ? "—" : String(v).replace(/\|/g, "\\|"));

export function toMarkdown(report: DrillReport): string {
  const t = report.targets;
  const lines = [
    `## DR drill of \`${report.stack}\`: ${passed(report) ? "passed" : report.interrupted ? "INTERRUPTED" : "FAILED"}`,
    "",
    `${report.results.length} replication(s) tested from ${report.startedAt} to ${report.finishedAt}. Targets: time to recover ${t.maxRtoSeconds !== undefined ? `≤ ${seconds(t.maxRtoSeconds)}` : "none"}, RPO at test time ${t.maxRpoSeconds !== undefined ? `≤ ${seconds(t.maxRpoSeconds)}` : "none"}. Test failovers cleaned up: ${report.cleanedUp ? "yes" : "**NO: check the appliance**"}.`,
    "",
    "| Replication | VM | Instance | RPO at test | Time to recover | Result |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of report.results) {
    const why = misses(r, t);
    const verdict = why.length ? `✗ ${why.join("; ")}` : "✓";
    const vms = r.vms.length
      ? r.vms
      : [{ vmName: null, replicationId: r.replicationId, instance: null, rpoSeconds: null, testVmId: null }];
    vms.forEach((vm, i) => {
      lines.push(
        `| ${i === 0 ? `${cell(r.name)} (${r.kind === "vapp" ? "vApp " : ""}${r.replicationId})` : ""} | ${cell(vm.vmName ?? vm.replicationId)} | ${cell(vm.instance)} | ${vm.rpoSeconds === null ? "—" : seconds(vm.rpoSeconds)} | ${i === 0 && r.timeToRecoverSeconds !== null ? seconds(r.timeToRecoverSeconds) : i === 0 ? "—" : ""} | ${i === 0 ? cell(verdict) : ""} |`,
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toJUnit(report: DrillReport): string {
  const failures = report.results.filter((r) => misses(r, report.targets).length > 0).length;
  const cases = report.results.map((r) => {
    const why = misses(r, report.targets);
    const time = r.timeToRecoverSeconds ?? 0;
    const body = why.length ? `<failure message="${xml(why.join("; "))}"/>` : "";
    return `    <testcase classname="vcda-drill.${xml(report.stack)}" name="${xml(r.name)} (${xml(r.replicationId)})" time="${time}">${body}</testcase>`;
  });
  if (!report.cleanedUp) {
    cases.push(
      `    <testcase classname="vcda-drill.${xml(report.stack)}" name="cleanup"><failure message="a test failover was not cleaned up"/></testcase>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${cases.length}" failures="${failures + (report.cleanedUp ? 0 : 1)}">`,
    `  <testsuite name="vcda-drill ${xml(report.stack)}" tests="${cases.length}" failures="${failures + (report.cleanedUp ? 0 : 1)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

export function toJson(report: DrillReport): string {
  return `${JSON.stringify({ ...report, passed: passed(report), misses: Object.fromEntries(report.results.map((r) => [r.name, misses(r, report.targets)])) }, null, 2)}\n`;
}
