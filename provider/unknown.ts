/** The engine's placeholder for an input whose value is not known during preview (e.g. another resource's id). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value, or for arrays and objects any value inside it, is not known yet. */
export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(isUnknown);
  return false;
}
