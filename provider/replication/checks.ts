/**
 * The building blocks of `check` for replications: each failure names the field (as a property path, e.g.
 * `retentionPolicy.rules[1].distance`), the value and the rule. Values still unknown during a preview (computed by
 * other resources) are skipped; they are checked again once known.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../unknown";

// Field by field: an unknown nested value must not hide checks of its known siblings.
export const isUnknown = (v: unknown): boolean => v === UNKNOWN;

export const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

export class Failures {
  readonly list: CheckFailure[] = [];
  add(property: string, rule: string, value?: unknown, withValue = true): void {
    this.list.push({ property, reason: `${property} ${rule}${withValue ? `, got ${show(value)}` : ""}` });
  }
}

/** A required or optional non-empty string. Returns the string when known and valid. */
export function checkString(f: Failures, path: string, v: unknown, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) f.add(path, "is required", undefined, false);
    return undefined;
  }
  if (isUnknown(v)) return undefined;
  if (typeof v !== "string" || v.trim() === "") {
    f.add(path, "must be a non-empty string", v);
    return undefined;
  }
  return v;
}

export function checkBoolean(f: Failures, path: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "boolean") {
    f.add(path, "must be true or false", v);
    return undefined;
  }
  return v;
}

export function checkInteger(
  f: Failures,
  path: string,
  v: unknown,
  min: number,
  max: number,
  unit = "",
): number | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v)) {
    f.add(path, `must be a whole number${unit ? ` of${unit}` : ""}`, v);
    return undefined;
  }
  if (v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    f.add(path, `must be ${range}${unit}`, v);
    return undefined;
  }
  return v;
}

export function checkEnum(f: Failures, path: string, v: unknown, allowed: readonly string[]): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (typeof v !== "string" || !allowed.includes(v)) f.add(path, `must be one of ${allowed.join(", ")}`, v);
}

export function checkKeys(
  f: Failures,
  path: string,
  obj: Record<string, unknown>,
  allowed: readonly string[],
  what: string,
): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k) && obj[k] !== undefined && obj[k] !== null) {
      f.add(`${path}.${k}`, `is not a field of ${what} (fields: ${allowed.join(", ")})`, obj[k]);
    }
  }
}

/** A list of disk device keys (`excludedDisks`, or one VM's entry of a vApp's map) at `path`. */
export function checkDiskKeys(f: Failures, path: string, v: unknown): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (!Array.isArray(v)) {
    f.add(path, "must be a list of disk device keys (numbers)", v);
    return;
  }
  const seen = new Set<number>();
  v.forEach((key, i) => {
    if (isUnknown(key)) return;
    if (typeof key !== "number" || !Number.isSafeInteger(key) || key < 0) {
      f.add(`${path}[${i}]`, "must be a disk device key (a whole number, e.g. 2000)", key);
      return;
    }
    if (seen.has(key)) f.add(`${path}[${i}]`, "repeats a disk device key", key);
    seen.add(key);
  });
}
