/**
 * Product limits that `check` enforces before any API call (decisions.md #21), for policies and replications.
 * The guide documents none of them; they come from the VCDA and vSphere Replication product documentation and
 * differ between versions, so each one can be overridden per stack (config `vcda:limits`, a JSON object with these
 * keys) and, for a VM replication, per resource (input `limits`).
 */
export interface ProductLimits {
  /** Smallest RPO, in minutes. */
  minRpo: number;
  /** Largest RPO, in minutes (24 hours). */
  maxRpo: number;
  /** Largest total of rotated instances over all retention rules. */
  maxInstances: number;
  /** Largest number of retention rules. */
  maxRules: number;
  /** Smallest RPO, in minutes, that allows guest quiescing. */
  minQuiescedRpo: number;
  /** Whether a retention rule's `distance` may not be below the RPO. */
  distanceAtLeastRpo: boolean;
  /** Largest number of stored (pinned) instances a policy may allow. */
  maxPinnedInstances: number;
}

/** The limits that apply to a VM replication (all of them). */
export type ReplicationLimits = ProductLimits;

/** The published limits of VCDA 4.x with vSphere Replication. */
export const DEFAULT_LIMITS: Readonly<ProductLimits> = Object.freeze({
  minRpo: 1,
  maxRpo: 1440,
  maxInstances: 24,
  maxRules: 5,
  minQuiescedRpo: 15,
  distanceAtLeastRpo: true,
  maxPinnedInstances: 24,
});

const NUMERIC_KEYS = ["minRpo", "maxRpo", "maxInstances", "maxRules", "minQuiescedRpo", "maxPinnedInstances"] as const;

/**
 * Layers overrides on the defaults: `DEFAULT_LIMITS` < stack config < resource input. Unknown keys are ignored;
 * a value of the wrong type is reported by {@link limitProblems}, and the default is used meanwhile.
 */
export function resolveLimits(...layers: Array<Partial<ProductLimits> | undefined>): ProductLimits {
  const out: ProductLimits = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    if (!layer || typeof layer !== "object") continue;
    for (const key of NUMERIC_KEYS) {
      const v = layer[key];
      if (typeof v === "number" && Number.isFinite(v)) out[key] = v;
    }
    if (typeof layer.distanceAtLeastRpo === "boolean") out.distanceAtLeastRpo = layer.distanceAtLeastRpo;
  }
  return out;
}

/** Problems in a limits override, as `[key, reason]` pairs (used by `check` for the `limits` input). */
export function limitProblems(layer: unknown): Array<[string, string]> {
  if (layer === undefined || layer === null) return [];
  if (typeof layer !== "object" || Array.isArray(layer)) return [["", "must be an object"]];
  const problems: Array<[string, string]> = [];
  const rec = layer as Record<string, unknown>;
  for (const [key, v] of Object.entries(rec)) {
    if ((NUMERIC_KEYS as readonly string[]).includes(key)) {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
        problems.push([key, `must be a non-negative integer, got ${JSON.stringify(v)}`]);
      }
    } else if (key === "distanceAtLeastRpo") {
      if (typeof v !== "boolean") problems.push([key, `must be a boolean, got ${JSON.stringify(v)}`]);
    } else {
      problems.push([key, `is not a known limit (known: ${[...NUMERIC_KEYS, "distanceAtLeastRpo"].join(", ")})`]);
    }
  }
  const r = resolveLimits(rec as Partial<ProductLimits>);
  if (r.minRpo > r.maxRpo) problems.push(["minRpo", `(${r.minRpo}) must not exceed maxRpo (${r.maxRpo})`]);
  return problems;
}

/** Parses the stack config value `vcda:limits` (a JSON object); throws a readable error otherwise. */
export function parseLimitsConfig(raw: string | undefined): Partial<ProductLimits> | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new Error(`vcda:limits must be a JSON object: ${(e as Error).message}`);
  }
  const problems = limitProblems(parsed);
  if (problems.length > 0) {
    throw new Error(`vcda:limits is invalid: ${problems.map(([k, r]) => (k ? `${k} ${r}` : r)).join("; ")}`);
  }
  return parsed as Partial<ProductLimits>;
}

let stack: { limits?: Partial<ProductLimits>; error?: string } = {};

/** Captures `vcda:limits` from a provider's configure(); a bad value is kept as an error for check() to report. */
export function configureLimits(raw: string | undefined): void {
  try {
    stack = { limits: parseLimitsConfig(raw) };
  } catch (e) {
    stack = { error: (e as Error).message };
  }
}

/** The stack's overrides (or the reason they could not be read). */
export function stackLimits(): { limits?: Partial<ProductLimits>; error?: string } {
  return stack;
}
