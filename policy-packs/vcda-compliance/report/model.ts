/** What the report renders, independent of where it was read from. */
import { VAPP_REPLICATION } from "../tokens";

export type Level = "mandatory" | "advisory" | "remediate" | "disabled";

export interface Change {
  /** create | update | replace | delete | same | read | import | refresh | … (engine step ops, folded per URN). */
  op: string;
  urn: string;
  type: string;
  name: string;
  oldInputs?: Record<string, unknown>;
  newInputs?: Record<string, unknown>;
  /** Keys that changed (diffReasons / detailedDiff keys), when the engine said. */
  diffs: string[];
  replaceReasons: string[];
  /** A VappReplication's `vmCount` output, when a step's state had it known (the newest state first). */
  vmCount?: number;
}

export interface Violation {
  policyName: string;
  policyPack?: string;
  level: Level;
  /** Detail text (the SDK puts the policy description first; that line is dropped when known). */
  message: string;
  urn?: string;
  /** True for "could not be checked" notes about values unknown during preview. */
  notChecked: boolean;
}

export interface Passed {
  policyName: string;
  urn?: string;
}

export interface PreviewReport {
  changes: Change[];
  violations: Violation[];
  /** Policies that passed per resource (only when an engine event log gave summaries). */
  passed: Passed[];
  /** Engine errors that are not policy violations (e.g. a failed preview). */
  errors: string[];
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

export function byLevel(a: Violation, b: Violation): number {
  return (
    (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
    Number(a.notChecked) - Number(b.notChecked) ||
    a.policyName.localeCompare(b.policyName)
  );
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` → type and name. */
export function splitUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const typeChain = parts[2] ?? "";
  const type = typeChain.slice(typeChain.lastIndexOf("$") + 1);
  return { type, name: parts.slice(3).join("::") || urn };
}

/** The change of a URN, if the input had one. */
export function changeOf(report: PreviewReport, urn: string | undefined): Change | undefined {
  return urn === undefined ? undefined : report.changes.find((c) => c.urn === urn);
}

/** How the report marks a vApp replication: `vApp`, or `vApp, 3 VMs` when its VM count is known; else undefined. */
export function vappMark(type: string, vmCount?: number): string | undefined {
  if (type !== VAPP_REPLICATION) return undefined;
  return vmCount === undefined ? "vApp" : `vApp, ${vmCount} VM${vmCount === 1 ? "" : "s"}`;
}

/** The vApp mark of a URN, with the VM count its change carries. */
export function markOf(report: PreviewReport, urn: string): string | undefined {
  return vappMark(splitUrn(urn).type, changeOf(report, urn)?.vmCount);
}
