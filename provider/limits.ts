/**
 * Product limits that `check` enforces on a VM replication before any API call (decisions.md #21).
 * The guide documents none of them; they come from the VCDA and vSphere Replication product documentation and
 * differ between versions, so each one can be overridden per resource (input `limits`) or per stack
 * (config `vcda:replicationLimits`, a JSON object with the same keys).
 */
export interface ReplicationLimits {
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
}

/** The published limits of VCDA 4.x with vSphere Replication. */
export const DEFAULT_LIMITS: Readonly<ReplicationLimits> = Object.freeze({
  minRpo: 1,
  maxRpo: 1440,
  maxInstances: 24,
  maxRules: 5,
  minQuiescedRpo: 15,
  distanceAtLeastRpo: true,
});

const NUMERIC_KEYS = ["minRpo", "maxRpo", "maxInstances", "maxRules", "minQuiescedRpo"] as const;

/**
 * Layers overrides on the defaults: `DEFAULT_LIMITS` < stack config < resource input. Unknown keys are ignored;
 * a value of the wrong type is reported by {@link limitProblems}, and the default is used meanwhile.
 */
export function resolveLimits(...layers: Array<Partial<ReplicationLimits> | undefined>): ReplicationLimits {
  const out: ReplicationLimits = { ...DEFAULT_LIMITS };
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
  const r = resolveLimits(rec as Partial<ReplicationLimits>);
  if (r.minRpo > r.maxRpo) problems.push(["minRpo", `(${r.minRpo}) must not exceed maxRpo (${r.maxRpo})`]);
  return problems;
}

/** Parses the stack config value `vcda:replicationLimits` (a JSON object); throws a readable error otherwise. */
export function parseLimitsConfig(raw: string | undefined): Partial<ReplicationLimits> | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new Error(`vcda:replicationLimits must be a JSON object: ${(e as Error).message}`);
  }
  const problems = limitProblems(parsed);
  if (problems.length > 0) {
    throw new Error(`vcda:replicationLimits is invalid: ${problems.map(([k, r]) => (k ? `${k} ${r}` : r)).join("; ")}`);
  }
  return parsed as Partial<ReplicationLimits>;
}
