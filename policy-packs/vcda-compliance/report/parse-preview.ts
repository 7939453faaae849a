/**
 * Reads what Pulumi prints, tolerantly:
 * - `pulumi preview --json`: one object `{ config, steps[{op, urn, oldState{inputs}, newState{inputs}, diffReasons,
 *   replaceReasons, detailedDiff}], diagnostics[{urn, prefix, message, severity}], changeSummary }`
 *   (pkg/backend/display/json.go ShowPreviewDigest). That digest drops PolicyViolationEvents
 *   (pulumi/pulumi#18851), so violations come from:
 * - an engine event log (`--event-log <file>`, or the NDJSON of `pulumi up/preview --json` streaming), lines of
 *   apitype.EngineEvent: `policyEvent{resourceUrn, message, policyName, policyPackName, enforcementLevel}`,
 *   `policyAnalyzeSummaryEvent{resourceUrn, passed, failed}`, `resourcePreEvent{metadata{op, urn, old, new}}`,
 *   `diagnosticEvent{…}`;
 * - any array of `{policyName, message, enforcementLevel|level, urn|resourceUrn}` (e.g. a future digest field).
 */
import { type Change, type Level, type Passed, type PreviewReport, splitUrn, type Violation } from "./model";

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Strips Pulumi color tags (`<{%fg 1%}>`) and ANSI escapes. */
export function clean(text: string): string {
  return (
    text
      .replace(/<\{%[^%]*%\}>/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what we strip
      .replace(/\x1b\[[0-9;]*m/g, "")
      .trim()
  );
}

/** Parses a JSON document or NDJSON; text before the first `{`/`[` (CLI noise) is skipped. */
export function parseJsonOrLines(text: string): unknown[] {
  const start = text.search(/[[{]/);
  if (start < 0) return [];
  const body = text.slice(start);
  try {
    return [JSON.parse(body)];
  } catch {
    const out: unknown[] = [];
    for (const line of body.split(/\r?\n/)) {
      const t = line.trim();
      if (!t.startsWith("{")) continue;
      try {
        out.push(JSON.parse(t));
      } catch {
        // a truncated last line of a live log
      }
    }
    return out;
  }
}

function toLevel(v: unknown): Level {
  const s = String(v ?? "").toLowerCase();
  if (s === "mandatory" || s === "error") return "mandatory";
  if (s === "remediate") return "remediate";
  if (s === "disabled" || s === "none") return "disabled";
  return "advisory"; // "advisory", "warning", unknown
}

/** Drops the SDK's leading description line when the detail follows it. */
function detail(message: string, descriptions: Map<string, string>, policyName: string): string {
  const text = clean(message);
  const desc = descriptions.get(policyName);
  if (desc && text.startsWith(desc) && text.length > desc.length) return text.slice(desc.length).trim();
  return text;
}

function violation(o: Json, descriptions: Map<string, string>): Violation | undefined {
  const policyName = str(o.policyName) ?? str(o.policy) ?? str(o.name);
  const message = str(o.message) ?? str(o.description);
  if (!policyName || message === undefined) return undefined;
  const text = detail(message, descriptions, policyName);
  return {
    policyName,
    policyPack: str(o.policyPackName) ?? str(o.policyPack),
    level: toLevel(o.enforcementLevel ?? o.level ?? o.severity),
    message: text,
    urn: str(o.resourceUrn) ?? str(o.urn),
    notChecked: /could not be checked|can't run policy|can't be known during preview/.test(text),
  };
}

const inputsOf = (state: unknown): Json | undefined => (isObj(state) && isObj(state.inputs) ? state.inputs : undefined);
/** A VappReplication's VM count from a state's outputs; the unknown-value sentinel (a string) is not a count. */
const vmCountOf = (state: unknown): number | undefined => {
  const n = isObj(state) && isObj(state.outputs) ? state.outputs.vmCount : undefined;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

interface RawStep {
  op: string;
  urn: string;
  old?: Json;
  new?: Json;
  diffs: string[];
  replaceReasons: string[];
  vmCount?: number;
}

/** One row per URN: replacement steps (replace, create-replacement, delete-replaced) fold into `replace`. */
function foldSteps(steps: RawStep[]): Change[] {
  const byUrn = new Map<string, RawStep[]>();
  for (const s of steps) byUrn.set(s.urn, [...(byUrn.get(s.urn) ?? []), s]);
  const out: Change[] = [];
  for (const [urn, group] of byUrn) {
    const ops = new Set(group.map((s) => s.op));
    const replacing = [
      "replace",
      "create-replacement",
      "delete-replaced",
      "discard-replaced",
      "read-replacement",
      "import-replacement",
    ].some((o) => ops.has(o));
    const op = replacing ? "replace" : (group.find((s) => s.op !== "same")?.op ?? group[0]?.op ?? "same");
    const { type, name } = splitUrn(urn);
    out.push({
      op,
      urn,
      type,
      name,
      oldInputs: group.map((s) => s.old).find(Boolean),
      newInputs: group
        .map((s) => s.new)
        .filter(Boolean)
        .at(-1),
      diffs: [...new Set(group.flatMap((s) => s.diffs))],
      replaceReasons: [...new Set(group.flatMap((s) => s.replaceReasons))],
      vmCount: group.map((s) => s.vmCount).findLast((n) => n !== undefined),
    });
  }
  return out;
}

function digestStep(s: Json): RawStep | undefined {
  const op = str(s.op);
  const urn = str(s.urn);
  if (!op || !urn) return undefined;
  return {
    op,
    urn,
    old: inputsOf(s.oldState),
    new: inputsOf(s.newState),
    diffs: [...strings(s.diffReasons), ...(isObj(s.detailedDiff) ? Object.keys(s.detailedDiff) : [])],
    replaceReasons: strings(s.replaceReasons),
    vmCount: vmCountOf(s.newState) ?? vmCountOf(s.oldState),
  };
}

function eventStep(m: Json): RawStep | undefined {
  const op = str(m.op);
  const urn = str(m.urn);
  if (!op || !urn) return undefined;
  return {
    op,
    urn,
    old: inputsOf(m.old),
    new: inputsOf(m.new),
    diffs: strings(m.diffs),
    replaceReasons: strings(m.keys),
    vmCount: vmCountOf(m.new) ?? vmCountOf(m.old),
  };
}

export interface ParseOptions {
  /** policyName → description, to drop the SDK's description line from messages. */
  descriptions?: Map<string, string>;
}

/** Parses any mix of preview digests, engine events and violation lists into one report. */
export function parsePreview(docs: unknown[], opts: ParseOptions = {}): PreviewReport {
  const descriptions = opts.descriptions ?? new Map();
  const digestSteps: RawStep[] = [];
  const eventSteps: RawStep[] = [];
  const violations: Violation[] = [];
  const passed: Passed[] = [];
  const errors: string[] = [];

  const onDiagnostic = (d: Json) => {
    const sev = str(d.severity);
    const text = clean(`${str(d.prefix) ?? ""}${str(d.message) ?? ""}`);
    if (!text) return;
    // A policy violation rendered as text: "mandatory: [policy-name] …" (older CLIs, custom wrappers).
    const m = /^(mandatory|advisory|remediate)\s*:?\s*\[([a-z0-9-]+)\]\s*([\s\S]*)$/i.exec(text);
    if (m?.[2]) {
      const v = violation({ policyName: m[2], message: m[3] ?? "", enforcementLevel: m[1], urn: d.urn }, descriptions);
      if (v) violations.push(v);
    } else if (sev === "error") {
      errors.push(text);
    }
  };

  const visit = (doc: unknown) => {
    if (Array.isArray(doc)) {
      for (const x of doc) visit(x);
      return;
    }
    if (!isObj(doc)) return;
    // preview --json digest
    if (Array.isArray(doc.steps))
      for (const s of doc.steps)
        if (isObj(s)) {
          const st = digestStep(s);
          if (st) digestSteps.push(st);
        }
    if (Array.isArray(doc.diagnostics)) for (const d of doc.diagnostics) if (isObj(d)) onDiagnostic(d);
    for (const key of ["policyViolations", "policyEvents", "violations"]) {
      const list = doc[key];
      if (Array.isArray(list))
        for (const o of list)
          if (isObj(o)) {
            const v = violation(o, descriptions);
            if (v) violations.push(v);
          }
    }
    // engine events
    if (isObj(doc.events) || Array.isArray(doc.events)) visit(doc.events);
    if (isObj(doc.policyEvent)) {
      const v = violation(doc.policyEvent, descriptions);
      if (v) violations.push(v);
    }
    if (isObj(doc.diagnosticEvent)) onDiagnostic(doc.diagnosticEvent);
    if (isObj(doc.resourcePreEvent) && isObj(doc.resourcePreEvent.metadata)) {
      const st = eventStep(doc.resourcePreEvent.metadata);
      if (st) eventSteps.push(st);
    }
    const summary = doc.policyAnalyzeSummaryEvent;
    if (isObj(summary))
      for (const p of strings(summary.passed)) passed.push({ policyName: p, urn: str(summary.resourceUrn) });
    const stackSummary = doc.policyAnalyzeStackSummaryEvent;
    if (isObj(stackSummary)) for (const p of strings(stackSummary.passed)) passed.push({ policyName: p });
    // a bare violation object (our own --violations format)
    if (!doc.steps && !doc.policyEvent && (str(doc.policyName) || str(doc.policy))) {
      const v = violation(doc, descriptions);
      if (v) violations.push(v);
    }
  };
  for (const d of docs) visit(d);

  return {
    changes: foldSteps(digestSteps.length > 0 ? digestSteps : eventSteps),
    violations: dedupe(violations),
    passed,
    errors: [...new Set(errors)],
  };
}

function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => {
    const k = `${v.policyName}|${v.level}|${v.urn ?? ""}|${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
