import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export type VcdaPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Level of the "could not be checked" notes a policy reports for values unknown during preview. */
export type UnknownLevel = "advisory" | "mandatory";

export interface CommonArgs {
  /**
   * `advisory` (default): a value unknown during preview yields an advisory note naming the field; the
   * mandatory check runs on `pulumi up`, when the value is known. `mandatory`: the note fails the preview.
   */
  unknownLevel?: UnknownLevel;
}

export type Props = Record<string, PolicyConfigJSONSchema>;

export const commonProperties: Props = {
  unknownLevel: {
    type: "string",
    enum: ["advisory", "mandatory"],
    default: "advisory",
    description: "Level of the note reported when a checked value is unknown during preview.",
  },
};

export function schema(properties: Record<string, PolicyConfigJSONSchema>): PolicyConfigSchema {
  return { properties: { ...properties, ...commonProperties } };
}

/** Reads a policy's config over its defaults (the engine fills defaults too; tests and old CLIs may not). */
export function settings<T extends object>(
  args: { getConfig<U extends object>(): U },
  defaults: Required<T>,
): Required<T> {
  const given = args.getConfig<Partial<T>>() ?? {};
  const out = { ...defaults } as Record<string, unknown>;
  for (const [k, v] of Object.entries(given)) if (v !== undefined && v !== null) out[k] = v;
  return out as Required<T>;
}

export function defaultsOf<T>(properties: Record<string, PolicyConfigJSONSchema>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...properties, ...commonProperties })) {
    if (v.default !== undefined) out[k] = v.default;
  }
  return out as T;
}

/** Object form of reportViolation: the SDK (server.ts makeReportViolationFun) honours a per-violation enforcementLevel. */
type ReportObject = (v: { message: string; urn?: string; enforcementLevel?: EnforcementLevel }) => void;

/**
 * Reports that a check could not run. At `advisory` the note is downgraded so a preview with computed
 * values still passes; at `mandatory` it uses the policy's own level (so an advisory policy stays advisory).
 */
export function reportNotChecked(report: ReportViolation, level: UnknownLevel, message: string, urn?: string): void {
  const text = `could not be checked: ${message}`;
  if (level === "mandatory") report(text, urn);
  else (report as unknown as ReportObject)({ message: text, urn, enforcementLevel: "advisory" });
}

export interface PolicyMeta {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  remediationSteps: string;
  tags: string[];
}

/** `VmReplication "web-01"`: how messages name a resource. */
export function subject(type: string, name: string): string {
  const i = type.lastIndexOf(":");
  return `${i >= 0 ? type.slice(i + 1) : type} "${name}"`;
}
