/** What the report renders, independent of where it was read from. */

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
