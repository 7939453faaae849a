import { isReplication } from "../tokens";
import { byLevel, type Change, markOf, type PreviewReport, splitUrn, vappMark } from "./model";

/** Sentinel Pulumi serializes for values unknown during preview (resource/stack computedValuePlaceholder). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

function val(v: unknown): string {
  if (v === UNKNOWN_SENTINEL) return "(known after apply)";
  if (v === undefined || v === null) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function rpoText(inputs?: Record<string, unknown>): string {
  const rpo = inputs?.rpo;
  if (rpo === undefined) return inputs?.slaProfileId ? `SLA ${val(inputs.slaProfileId)}` : "—";
  return typeof rpo === "number" ? `${rpo} min` : val(rpo);
}

/** `6×60m, 6×1440m`: instances × distance per rule. */
export function retentionText(inputs?: Record<string, unknown>): string {
  const rp = inputs?.retentionPolicy as { rules?: unknown } | undefined;
  if (rp === undefined) return "—";
  if (!Array.isArray(rp.rules)) return val(rp.rules ?? rp);
  return (
    rp.rules
      .map(
        (r: { numberOfInstances?: unknown; distance?: unknown }) => `${val(r?.numberOfInstances)}×${val(r?.distance)}m`,
      )
      .join(", ") || "none"
  );
}

function orgs(inputs?: Record<string, unknown>): string {
  const s = inputs?.source as Record<string, unknown> | undefined;
  const d = inputs?.destination as Record<string, unknown> | undefined;
  const side = (x?: Record<string, unknown>) => (x ? val(x.org ?? x.site) : "—");
  return `${side(s)} → ${side(d)}`;
}

const arrow = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);

/** `` `web-01` ``, or `` `crm` (vApp, 3 VMs) `` for a vApp replication. */
function named(name: string, mark: string | undefined): string {
  return `\`${esc(name)}\`${mark ? ` (${mark})` : ""}`;
}
const nameCell = (c: Change) => named(c.name, vappMark(c.type, c.vmCount));

function replicationTables(changes: Change[]): string[] {
  const reps = changes.filter((c) => isReplication(c.type) && c.op !== "same");
  const out: string[] = ["### Replications", ""];
  if (reps.length === 0) return [...out, "No VM or vApp replication changes.", ""];
  const section = (title: string, rows: Change[], row: (c: Change) => string, header: string) => {
    if (rows.length === 0) return;
    out.push(
      `**${title} (${rows.length})**`,
      "",
      header,
      `|${header
        .split("|")
        .slice(1, -1)
        .map(() => "---")
        .join("|")}|`,
      ...rows.map(row),
      "",
    );
  };
  section(
    "Created",
    reps.filter((c) => c.op === "create"),
    (c) =>
      `| ${nameCell(c)} | ${esc(orgs(c.newInputs))} | ${esc(rpoText(c.newInputs))} | ${esc(retentionText(c.newInputs))} |`,
    "| Name | Source → destination | RPO | Retention |",
  );
  section(
    "Updated",
    reps.filter((c) => c.op === "update"),
    (c) =>
      `| ${nameCell(c)} | ${esc(arrow(rpoText(c.oldInputs), rpoText(c.newInputs)))} | ${esc(arrow(retentionText(c.oldInputs), retentionText(c.newInputs)))} | ${esc(c.diffs.join(", ") || "—")} |`,
    "| Name | RPO | Retention | Changed |",
  );
  section(
    "Replaced",
    reps.filter((c) => c.op === "replace"),
    (c) =>
      `| ${nameCell(c)} | ${esc(orgs(c.oldInputs))} | ${esc(orgs(c.newInputs))} | ${esc(c.replaceReasons.join(", ") || "—")} |`,
    "| Name | Before (source → destination) | After | Replaced because |",
  );
  section(
    "Deleted",
    reps.filter((c) => c.op === "delete"),
    (c) => `| ${nameCell(c)} | ${esc(orgs(c.oldInputs))} | ${esc(rpoText(c.oldInputs))} |`,
    "| Name | Source → destination | RPO |",
  );
  const other = reps.filter((c) => !["create", "update", "replace", "delete"].includes(c.op));
  section("Other", other, (c) => `| ${nameCell(c)} | ${esc(c.op)} |`, "| Name | Operation |");
  return out;
}

function otherChanges(changes: Change[]): string[] {
  const rows = changes.filter((c) => !isReplication(c.type) && c.op !== "same" && c.type.includes("vcda:"));
  if (rows.length === 0) return [];
  return [
    "### Policies and assignments",
    "",
    "| Resource | Operation | Changed |",
    "|---|---|---|",
    ...rows.map(
      (c) =>
        `| ${esc(c.type.slice(c.type.lastIndexOf(":") + 1))} \`${esc(c.name)}\` | ${c.op} | ${esc(c.diffs.join(", ") || "—")} |`,
    ),
    "",
  ];
}

const ICON: Record<string, string> = { mandatory: "🛑", remediate: "🔧", advisory: "⚠️", disabled: "·" };

function violationSection(report: PreviewReport, remediation: Map<string, string>): string[] {
  const vs = report.violations;
  const out = ["### Policy results", ""];
  if (vs.length === 0) return [...out, "No policy violations reported.", ""];
  const sorted = [...vs].sort(byLevel);
  const count = (l: string) => sorted.filter((v) => v.level === l && !v.notChecked).length;
  const notChecked = sorted.filter((v) => v.notChecked).length;
  out.push(
    `${count("mandatory")} mandatory, ${count("advisory")} advisory, ${notChecked} not checked during preview.`,
    "",
  );
  out.push("| Level | Policy | Resource | Finding |", "|---|---|---|---|");
  for (const v of sorted) {
    const level = v.notChecked ? `❔ not checked (${v.level})` : `${ICON[v.level] ?? ""} ${v.level}`;
    const res = v.urn ? named(splitUrn(v.urn).name, markOf(report, v.urn)) : "stack";
    out.push(`| ${level} | \`${v.policyName}\` | ${res} | ${esc(v.message)} |`);
  }
  const names = [...new Set(sorted.filter((v) => !v.notChecked).map((v) => v.policyName))].filter((n) =>
    remediation.has(n),
  );
  if (names.length) {
    out.push("", "<details><summary>Remediation</summary>", "");
    for (const n of names) out.push(`- **${n}**: ${remediation.get(n)}`);
    out.push("", "</details>");
  }
  return [...out, ""];
}

/** Markdown for a PR comment. */
export function renderMarkdown(
  report: PreviewReport,
  opts: { title?: string; remediation?: Map<string, string> } = {},
): string {
  const lines = [`## ${opts.title ?? "VCDA preview"}`, ""];
  const counts = new Map<string, number>();
  for (const c of report.changes) if (c.op !== "same") counts.set(c.op, (counts.get(c.op) ?? 0) + 1);
  lines.push(
    counts.size ? `Changes: ${[...counts].map(([op, n]) => `${n} to ${op}`).join(", ")}.` : "No resource changes.",
    "",
  );
  lines.push(
    ...replicationTables(report.changes),
    ...otherChanges(report.changes),
    ...violationSection(report, opts.remediation ?? new Map()),
  );
  if (report.errors.length) lines.push("### Errors", "", ...report.errors.map((e) => `- ${esc(e)}`), "");
  return `${lines.join("\n").trimEnd()}\n`;
}
