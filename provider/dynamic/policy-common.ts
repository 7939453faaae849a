/**
 * Shared by the Policy, DefaultPolicy and PolicyAssignment providers: input validation for `check()`, defaults,
 * diff tables and output shaping. Pure functions only (unit-tested without HTTP).
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_POLICY_SETTINGS,
  POLICY_FLAGS,
  POLICY_FLAGS_SINCE,
  POLICY_SETTING_KEYS,
  type Policy,
  type PolicySettingsBody,
} from "../api/policy";
import { atLeast } from "../api/version";
import { resolveConnection } from "../client/connection";
import { getClient, newOperationId, type VcdaClient } from "../client/index";
import type { ConnectionArgs, PolicyInputs } from "../inputs";
import { type ProductLimits, resolveLimits, stackLimits } from "../limits";
import { isUnknown } from "../unknown";

export { validateConnection } from "../client/connection";
export { isUnknown, UNKNOWN } from "../unknown";

type Failure = pulumi.dynamic.CheckFailure;

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(JSON.stringify(v) ?? v));

function intRule(
  field: string,
  v: unknown,
  min: number | undefined,
  max: number | undefined,
  unit: string,
  rule: string,
): Failure | undefined {
  if (v === undefined || isUnknown(v)) return undefined;
  const range =
    min !== undefined && max !== undefined
      ? `an integer from ${min} to ${max}${unit}`
      : min !== undefined
        ? `an integer of at least ${min}${unit}`
        : `an integer${unit}`;
  if (
    typeof v !== "number" ||
    !Number.isSafeInteger(v) ||
    (min !== undefined && v < min) ||
    (max !== undefined && v > max)
  ) {
    return {
      property: field,
      reason: `${field}: ${show(v)} is not allowed: must be ${range}${rule ? ` (${rule})` : ""}`,
    };
  }
  return undefined;
}

function boolRule(field: string, v: unknown): Failure | undefined {
  if (v === undefined || isUnknown(v) || typeof v === "boolean") return undefined;
  return { property: field, reason: `${field}: ${show(v)} is not allowed: must be true or false` };
}

/** Validates the settings fields of a Policy or DefaultPolicy; every message names the field, the value and the rule. */
export function validatePolicySettings(
  inputs: Record<string, unknown>,
  opts: { displayName: "required" | "forbidden" },
  limits: ProductLimits = resolveLimits(stackLimits().limits),
): Failure[] {
  const f: (Failure | undefined)[] = [];
  const limitsError = stackLimits().error;
  if (limitsError) f.push({ property: "minRpo", reason: limitsError });
  const name = inputs.displayName;
  if (opts.displayName === "required") {
    if (name === undefined || name === null)
      f.push({
        property: "displayName",
        reason: "displayName: is required (a non-empty string, unique and case-sensitive on the appliance)",
      });
    else if (!isUnknown(name) && (typeof name !== "string" || name.trim() === "")) {
      f.push({
        property: "displayName",
        reason: `displayName: ${show(name)} is not allowed: must be a non-empty string`,
      });
    } else if (!isUnknown(name) && typeof name === "string" && name !== name.trim()) {
      f.push({
        property: "displayName",
        reason: `displayName: ${show(name)} is not allowed: must not start or end with whitespace`,
      });
    }
  } else if (name !== undefined) {
    f.push({
      property: "displayName",
      reason: `displayName: ${show(name)} is not allowed: the default policy's name is fixed ("Default Policy")`,
    });
  }
  f.push(
    intRule("minRpo", inputs.minRpo, limits.minRpo, limits.maxRpo, " minutes", "VCDA RPO range, decisions.md #21"),
  );
  f.push(
    intRule(
      "maxInstances",
      inputs.maxInstances,
      1,
      limits.maxInstances,
      "",
      "rotated instances per replication, decisions.md #21",
    ),
  );
  f.push(
    intRule(
      "maxPinnedInstances",
      inputs.maxPinnedInstances,
      0,
      limits.maxPinnedInstances,
      "",
      "stored instances per replication",
    ),
  );
  f.push(
    intRule(
      "maxIncoming",
      inputs.maxIncoming,
      undefined,
      undefined,
      "",
      "negative = unlimited, 0 = the org cannot be a destination",
    ),
  );
  f.push(intRule("onpremDataCap", inputs.onpremDataCap, 0, undefined, " Mbit/s", "0 = no cap"));
  for (const k of [
    "allowIncomingProtections",
    "allowOutgoingProtections",
    "allowIncomingMigrations",
    "allowOutgoingMigrations",
    "allowCustomSlaSettings",
    "allowNotificationConfiguration",
    ...POLICY_FLAGS,
  ]) {
    f.push(boolRule(k, inputs[k]));
  }
  return f.filter((x): x is Failure => x !== undefined);
}

/** The newer policy flags an input sets. */
export function flagsSet(inputs: Record<string, unknown>): typeof POLICY_FLAGS {
  return POLICY_FLAGS.filter((k) => inputs[k] !== undefined && !isUnknown(inputs[k]));
}

/** Flags set in `inputs` that an appliance speaking API `version` does not have; each names the version needed. */
export function flagVersionFailures(inputs: Record<string, unknown>, version: string): Failure[] {
  return flagsSet(inputs)
    .filter((k) => !atLeast(version, POLICY_FLAGS_SINCE[k]))
    .map((k) => ({
      property: k,
      reason: `${k}: is not available on this appliance: it speaks VCDA API ${version}, and ${k} needs ${POLICY_FLAGS_SINCE[k]} or newer. Remove it from the program (or set connection.apiVersion / vcda:apiVersion if the appliance is newer).`,
    }));
}

/** Fills omitted settings with the documented default-policy values (the only defaults the guide gives). */
export function withPolicyDefaults<T extends Record<string, unknown>>(
  inputs: T,
): T & Omit<PolicySettingsBody, "displayName"> {
  const out: Record<string, unknown> = { ...inputs };
  for (const k of POLICY_SETTING_KEYS) {
    if (k === "displayName") continue;
    if (out[k] === undefined) out[k] = DEFAULT_POLICY_SETTINGS[k];
  }
  return out as T & Omit<PolicySettingsBody, "displayName">;
}

/** What the stack owns of a policy, from checked inputs: the twelve settings and the newer flags it sets. */
export function toSettingsBody(inputs: Partial<PolicySettingsBody>, displayName?: string): PolicySettingsBody {
  const full = withPolicyDefaults(inputs as Record<string, unknown>) as unknown as PolicySettingsBody;
  const body = {} as Record<string, unknown>;
  for (const k of POLICY_SETTING_KEYS) body[k] = full[k];
  for (const k of POLICY_FLAGS) if (inputs[k] !== undefined) body[k] = inputs[k];
  body.displayName = displayName ?? inputs.displayName;
  return body as unknown as PolicySettingsBody;
}

/** The settings a diff compares: the twelve, and each newer flag the new inputs set. */
export function managedPolicyKeys(
  news: Record<string, unknown>,
  base: readonly string[] = POLICY_SETTING_KEYS,
): string[] {
  return [...base, ...POLICY_FLAGS.filter((k) => news[k] !== undefined)];
}

/** Fields that differ between two property bags (deep equality on JSON). */
export function changedKeys(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
): string[] {
  return keys.filter((k) => JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null));
}

function endpointOf(c: unknown): string | undefined {
  const e = (c as ConnectionArgs | undefined)?.endpoint;
  return typeof e === "string" ? e.replace(/\/+$/, "") : undefined;
}

/**
 * How the `connection` input changed: a different `endpoint` means another appliance (replace); any other change
 * (password, CA, site credentials) only updates the stored connection in place — it never replaces anything.
 */
export function connectionDiff(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): { changed: boolean; replace: boolean } {
  if (isUnknown(news.connection)) return { changed: true, replace: false };
  const changed = JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
  const replace =
    changed &&
    endpointOf(olds.connection) !== endpointOf(news.connection) &&
    (endpointOf(olds.connection) !== undefined || endpointOf(news.connection) !== undefined);
  return { changed, replace };
}

/** Copies only the defined entries (protobuf Struct rejects undefined). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Outputs of a Policy/DefaultPolicy: the settings as the appliance holds them, `orgs`, and the inputs that are not
 * API fields. A managed setting the appliance does not return (the reference's examples omit `onpremDataCap`) keeps
 * the applied value, so it causes no phantom diff; a newer flag the stack does not set shows only when returned.
 */
export function policyOutputs(
  p: Policy,
  applied: Record<string, unknown>,
  extra: { adopt?: boolean | undefined; connection?: unknown },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...POLICY_SETTING_KEYS, ...POLICY_FLAGS]) {
    const v = p[k] ?? applied[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  if (typeof p.orgs === "number") out.orgs = p.orgs;
  return { ...out, ...defined(extra) };
}

/**
 * The inputs that describe an existing policy, for a read without state (`pulumi import`): its settings as the
 * appliance holds them, and each newer flag it reports. `displayName` only where the resource manages it.
 */
export function policyInputsOf(p: Policy, opts: { displayName: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...POLICY_SETTING_KEYS, ...POLICY_FLAGS]) {
    if (k === "displayName" && !opts.displayName) continue;
    const v = p[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/** The Policy input contract after `check()` (defaults filled). */
export type CheckedPolicyInputs = PolicyInputs & Omit<PolicySettingsBody, "displayName">;

/** An error Pulumi records as a partial failure: the object exists (`id`), with `properties`. */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}

/**
 * Failures for newer flags the appliance does not have, for `check`. The version comes from a pin
 * (`apiVersion`) or from logging in (which `up` does anyway); only inputs that set a newer flag cost that login. An
 * appliance that cannot be reached leaves the rule to create and update, which apply it again.
 */
export async function flagFailuresInCheck(inputs: Record<string, unknown>): Promise<Failure[]> {
  if (flagsSet(inputs).length === 0 || isUnknown(inputs.connection)) return [];
  let version: string;
  try {
    const conn = resolveConnection(inputs.connection as ConnectionArgs | undefined);
    version = conn.apiVersion ?? (await getClient(conn).apiVersion(newOperationId("policy-check")));
  } catch {
    return [];
  }
  return flagVersionFailures(inputs, version);
}

/** Throws, naming each flag and the version it needs, when the appliance cannot take a flag the inputs set. */
export async function requireFlagsSupported(
  client: VcdaClient,
  inputs: Record<string, unknown>,
  operationId: string,
): Promise<void> {
  if (flagsSet(inputs).length === 0) return;
  const failures = flagVersionFailures(inputs, await client.apiVersion(operationId));
  if (failures.length) throw new Error(failures.map((f) => f.reason).join("; "));
}
