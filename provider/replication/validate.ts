/**
 * `check` of a VM replication: validates every input before any API call. Each failure names the field (as a
 * property path, e.g. `retentionPolicy.rules[1].distance`), the value and the rule. Values still unknown during a
 * preview (computed by other resources) are skipped; they are checked again once known.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { limitProblems, type ReplicationLimits, resolveLimits } from "../limits";
/** The placeholder Pulumi sends for a value not known yet during preview. */
import { UNKNOWN } from "../unknown";
import type { VmReplicationArgs } from "./mapping";

export { UNKNOWN };

const DATA_CONNECTION_TYPES = ["PLAIN", "ENCRYPTED", "ENCRYPTED_COMPRESSED"] as const;
const TARGET_DISK_TYPES = ["THIN", "PREALLOCATED", "PREALLOCATED_ZEROS"] as const;

const SOURCE_KEYS: Record<string, readonly string[]> = {
  vcloud: ["type", "site", "vmId", "org"],
  vcenter: ["type", "site", "vcUuid", "vmId"],
};
const DESTINATION_KEYS: Record<string, readonly string[]> = {
  vcloud: ["type", "site", "vdc", "storageProfile", "seedVmId", "org"],
  vcenter: ["type", "site", "seedVm"],
};

// Field by field: an unknown nested value must not hide checks of its known siblings.
const isUnknown = (v: unknown): boolean => v === UNKNOWN;
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

class Failures {
  readonly list: CheckFailure[] = [];
  add(property: string, rule: string, value?: unknown, withValue = true): void {
    this.list.push({ property, reason: `${property} ${rule}${withValue ? `, got ${show(value)}` : ""}` });
  }
}

/** A required or optional non-empty string. Returns the string when known and valid. */
function checkString(f: Failures, path: string, v: unknown, required: boolean): string | undefined {
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

function checkBoolean(f: Failures, path: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "boolean") {
    f.add(path, "must be true or false", v);
    return undefined;
  }
  return v;
}

function checkInteger(f: Failures, path: string, v: unknown, min: number, max: number, unit = ""): number | undefined {
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

function checkEnum(f: Failures, path: string, v: unknown, allowed: readonly string[]): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (typeof v !== "string" || !allowed.includes(v)) f.add(path, `must be one of ${allowed.join(", ")}`, v);
}

function checkKeys(
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

function checkSource(f: Failures, v: unknown): string | undefined {
  if (v === undefined || v === null) {
    f.add("source", "is required", undefined, false);
    return undefined;
  }
  if (isUnknown(v)) return undefined;
  if (!isObject(v)) {
    f.add("source", "must be an object", v);
    return undefined;
  }
  const type = v.type;
  if (isUnknown(type)) return undefined;
  if (type !== "vcloud" && type !== "vcenter") {
    f.add(
      "source.type",
      'must be "vcloud" (a VMware Cloud Director VM) or "vcenter" (an on-premises vCenter VM)',
      type,
    );
    return undefined;
  }
  checkKeys(f, "source", v, SOURCE_KEYS[type] ?? [], `a ${type} source`);
  checkString(f, "source.site", v.site, true);
  checkString(f, "source.vmId", v.vmId, true);
  if (type === "vcenter") checkString(f, "source.vcUuid", v.vcUuid, true);
  else checkString(f, "source.org", v.org, false);
  return type;
}

function checkDestination(f: Failures, v: unknown): string | undefined {
  if (v === undefined || v === null) {
    f.add("destination", "is required", undefined, false);
    return undefined;
  }
  if (isUnknown(v)) return undefined;
  if (!isObject(v)) {
    f.add("destination", "must be an object", v);
    return undefined;
  }
  const type = v.type;
  if (isUnknown(type)) return undefined;
  if (type !== "vcloud" && type !== "vcenter") {
    f.add(
      "destination.type",
      'must be "vcloud" (a VMware Cloud Director vDC) or "vcenter" (an on-premises vCenter)',
      type,
    );
    return undefined;
  }
  checkKeys(f, "destination", v, DESTINATION_KEYS[type] ?? [], `a ${type} destination`);
  checkString(f, "destination.site", v.site, true);
  if (type === "vcloud") {
    checkString(f, "destination.vdc", v.vdc, true);
    checkString(f, "destination.storageProfile", v.storageProfile, false);
    checkString(f, "destination.seedVmId", v.seedVmId, false);
    checkString(f, "destination.org", v.org, false);
  } else if (v.seedVm !== undefined && v.seedVm !== null && !isUnknown(v.seedVm)) {
    if (!isObject(v.seedVm)) f.add("destination.seedVm", "must be an object {vcId, moId}", v.seedVm);
    else {
      checkKeys(f, "destination.seedVm", v.seedVm, ["vcId", "moId"], "a seed VM");
      checkString(f, "destination.seedVm.vcId", v.seedVm.vcId, true);
      checkString(f, "destination.seedVm.moId", v.seedVm.moId, true);
    }
  }
  return type;
}

/**
 * Validates the inputs of a VmReplication. `stackLimits` are the limits from stack config; the resource's own
 * `limits` input overrides them.
 */
export function validateInputs(
  news: Record<string, unknown>,
  stackLimits?: Partial<ReplicationLimits>,
): CheckFailure[] {
  const f = new Failures();
  const args = news as Partial<Record<keyof VmReplicationArgs, unknown>>;

  // Limits first: everything below depends on them.
  let resourceLimits: Partial<ReplicationLimits> | undefined;
  if (args.limits !== undefined && args.limits !== null && !isUnknown(args.limits)) {
    const problems = limitProblems(args.limits);
    for (const [key, reason] of problems) {
      f.list.push({ property: key ? `limits.${key}` : "limits", reason: `limits${key ? `.${key}` : ""} ${reason}` });
    }
    if (problems.length === 0) resourceLimits = args.limits as Partial<ReplicationLimits>;
  }
  const limits = resolveLimits(stackLimits, resourceLimits);

  checkString(f, "site", args.site, false);
  const sourceType = checkSource(f, args.source);
  const destinationType = checkDestination(f, args.destination);
  if (sourceType === "vcenter" && destinationType === "vcenter") {
    f.add(
      "destination.type",
      'cannot be "vcenter" when source.type is "vcenter": VCDA replicates on-premises VMs only to VMware Cloud Director',
      "vcenter",
    );
  }

  if (args.description !== undefined && args.description !== null && !isUnknown(args.description)) {
    if (typeof args.description !== "string") f.add("description", "must be a string", args.description);
  }
  const rpo = checkInteger(f, "rpo", args.rpo, limits.minRpo, limits.maxRpo, " minutes");
  checkEnum(f, "dataConnectionType", args.dataConnectionType, DATA_CONNECTION_TYPES);
  const quiesced = checkBoolean(f, "quiesced", args.quiesced);
  if (quiesced === true && rpo !== undefined && rpo < limits.minQuiescedRpo) {
    f.add(
      "quiesced",
      `needs an RPO of at least ${limits.minQuiescedRpo} minutes (rpo is ${rpo}); set quiesced to false or raise rpo`,
      true,
    );
  }
  checkRetention(f, args.retentionPolicy, rpo, limits);
  checkEnum(f, "targetDiskType", args.targetDiskType, TARGET_DISK_TYPES);
  if (args.initialSyncTime !== undefined && args.initialSyncTime !== null && !isUnknown(args.initialSyncTime)) {
    if (typeof args.initialSyncTime !== "number" || !Number.isSafeInteger(args.initialSyncTime)) {
      f.add("initialSyncTime", "must be a whole number of epoch milliseconds", args.initialSyncTime);
    }
  }
  checkBoolean(f, "isMigration", args.isMigration);
  const sla = checkString(f, "slaProfileId", args.slaProfileId, false);
  if (sla !== undefined || (args.slaProfileId !== undefined && isUnknown(args.slaProfileId))) {
    const custom = (["rpo", "dataConnectionType", "quiesced", "retentionPolicy"] as const).filter(
      (k) => args[k] !== undefined && args[k] !== null,
    );
    if (custom.length > 0) {
      f.add(
        "slaProfileId",
        `cannot be combined with custom settings (${custom.join(", ")}): the SLA profile supplies them; remove either slaProfileId or ${custom.join(", ")}`,
        args.slaProfileId,
      );
    }
  }
  checkExcludedDisks(f, args.excludedDisks);
  checkBoolean(f, "paused", args.paused);
  checkInteger(f, "timeoutSeconds", args.timeoutSeconds, 1, 7 * 24 * 3600, " seconds");
  checkBoolean(f, "adopt", args.adopt);
  if (args.connection !== undefined && args.connection !== null && !isUnknown(args.connection)) {
    if (!isObject(args.connection)) f.add("connection", "must be an object", "<redacted>");
  }
  return f.list;
}

function checkRetention(f: Failures, v: unknown, rpo: number | undefined, limits: ReplicationLimits): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (!isObject(v)) {
    f.add("retentionPolicy", "must be an object {rules: [...]}", v);
    return;
  }
  const rules = v.rules;
  if (isUnknown(rules)) return;
  if (!Array.isArray(rules)) {
    f.add("retentionPolicy.rules", "must be a list of {numberOfInstances, distance}", rules);
    return;
  }
  if (rules.length === 0) {
    f.add("retentionPolicy.rules", "must hold at least one rule", rules);
    return;
  }
  if (rules.length > limits.maxRules) {
    f.add(
      "retentionPolicy.rules",
      `may hold at most ${limits.maxRules} rules (it holds ${rules.length})`,
      undefined,
      false,
    );
  }
  let total = 0;
  let totalKnown = true;
  rules.forEach((rule, i) => {
    const path = `retentionPolicy.rules[${i}]`;
    if (isUnknown(rule)) {
      totalKnown = false;
      return;
    }
    if (!isObject(rule)) {
      f.add(path, "must be an object {numberOfInstances, distance}", rule);
      totalKnown = false;
      return;
    }
    const count = checkInteger(f, `${path}.numberOfInstances`, rule.numberOfInstances, 1, Number.MAX_SAFE_INTEGER);
    if (count === undefined) totalKnown = false;
    else total += count;
    if (rule.numberOfInstances === undefined) f.add(`${path}.numberOfInstances`, "is required", undefined, false);
    const distance = checkInteger(f, `${path}.distance`, rule.distance, 1, Number.MAX_SAFE_INTEGER, " minutes");
    if (rule.distance === undefined) f.add(`${path}.distance`, "is required", undefined, false);
    if (limits.distanceAtLeastRpo && distance !== undefined && rpo !== undefined && distance < rpo) {
      f.add(`${path}.distance`, `must not be below the RPO (${rpo} minutes)`, distance);
    }
  });
  if (totalKnown && total > limits.maxInstances) {
    f.add(
      "retentionPolicy.rules",
      `may keep at most ${limits.maxInstances} instances in total (the rules keep ${total})`,
      undefined,
      false,
    );
  }
}

function checkExcludedDisks(f: Failures, v: unknown): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (!Array.isArray(v)) {
    f.add("excludedDisks", "must be a list of disk device keys (numbers)", v);
    return;
  }
  const seen = new Set<number>();
  v.forEach((key, i) => {
    if (isUnknown(key)) return;
    if (typeof key !== "number" || !Number.isSafeInteger(key) || key < 0) {
      f.add(`excludedDisks[${i}]`, "must be a disk device key (a whole number, e.g. 2000)", key);
      return;
    }
    if (seen.has(key)) f.add(`excludedDisks[${i}]`, "repeats a disk device key", key);
    seen.add(key);
  });
}
