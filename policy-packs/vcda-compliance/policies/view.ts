import { UnknownValueError } from "@pulumi/policy";

/** Marks a value that is unknown during preview (a computed Output of another resource). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** A plain copy of resource properties, with unknown values replaced by UNKNOWN. */
export type Snapshot = { [key: string]: unknown };

function isUnknownError(e: unknown): boolean {
  // instanceof can fail if two copies of @pulumi/policy are loaded; the name is stable.
  return e instanceof UnknownValueError || (e instanceof Error && e.constructor.name === "UnknownValueError");
}

/**
 * Copies proxied props (as the engine passes them) into plain data. Reading a property through the
 * proxy throws for unknown values; we catch that per property so one unknown field does not hide the
 * checks of the known ones (the SDK would skip the whole policy with an advisory note).
 */
export function snapshot(props: unknown): Snapshot {
  const copy = copyValue(props);
  return copy !== null && typeof copy === "object" && !Array.isArray(copy) ? (copy as Snapshot) : {};
}

function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(source)) {
    let v: unknown;
    try {
      v = source[key];
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      v = UNKNOWN;
    }
    (out as Record<string, unknown>)[key] = isUnknown(v) ? v : copyValue(v);
  }
  return out;
}

/** Reads a dotted path from a snapshot; an UNKNOWN on the way makes the result UNKNOWN. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (isUnknown(cur)) return UNKNOWN;
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Renders a value for a message. */
export function show(v: unknown): string {
  if (isUnknown(v)) return "<unknown during preview>";
  if (v === undefined) return "<not set>";
  return JSON.stringify(v);
}

/** True when the value or anything inside it is UNKNOWN. */
export function hasUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (v !== null && typeof v === "object") return Object.values(v).some(hasUnknown);
  return false;
}
