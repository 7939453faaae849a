/**
 * `check` of a VM replication: validates every input before any API call (checks.ts for the building blocks,
 * settings.ts for the settings every kind shares). Each failure names the field, the value and the rule.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import type { ReplicationLimits } from "../limits";
import { UNKNOWN } from "../unknown";
import { checkDiskKeys, checkKeys, checkString, Failures, isObject, isUnknown } from "./checks";
import { checkCutover } from "./cutover";
import type { VmReplicationArgs } from "./mapping";
import { checkSettings, limitsFor } from "./settings";

export { UNKNOWN };

const SOURCE_KEYS: Record<string, readonly string[]> = {
  vcloud: ["type", "site", "vmId", "org"],
  vcenter: ["type", "site", "vcUuid", "vmId"],
};
const DESTINATION_KEYS: Record<string, readonly string[]> = {
  vcloud: ["type", "site", "vdc", "storageProfile", "seedVmId", "org"],
  vcenter: ["type", "site", "seedVm"],
};

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
  const limits = limitsFor(f, args.limits, stackLimits);
  const sourceType = checkSource(f, args.source);
  const destinationType = checkDestination(f, args.destination);
  if (sourceType === "vcenter" && destinationType === "vcenter") {
    f.add(
      "destination.type",
      'cannot be "vcenter" when source.type is "vcenter": VCDA replicates on-premises VMs only to VMware Cloud Director',
      "vcenter",
    );
  }
  checkSettings(f, args, limits);
  checkDiskKeys(f, "excludedDisks", args.excludedDisks);
  checkCutover(f, args.cutover, args.isMigration, destinationType);
  return f.list;
}
