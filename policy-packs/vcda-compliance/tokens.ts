/** Type tokens of the vcda dynamic resources (`pulumi-nodejs:dynamic/<module>:<type>`). Kept here so the pack has no runtime dependency on the provider package. */
export const POLICY = "pulumi-nodejs:dynamic/vcda:Policy";
/** Manages the built-in policy with id `default`; same fields as Policy. */
export const DEFAULT_POLICY = "pulumi-nodejs:dynamic/vcda:DefaultPolicy";
export const POLICY_ASSIGNMENT = "pulumi-nodejs:dynamic/vcda:PolicyAssignment";
export const VM_REPLICATION = "pulumi-nodejs:dynamic/vcda:VmReplication";
/** A VMware Cloud Director vApp: one VM replication per VM of the vApp, all with the vApp's settings. */
export const VAPP_REPLICATION = "pulumi-nodejs:dynamic/vcda:VappReplication";

/** Resources the replication rules check; a vApp replication carries the same settings as a VM replication. */
export const REPLICATION_TYPES: readonly string[] = [VM_REPLICATION, VAPP_REPLICATION];

export function isReplication(type: string): boolean {
  return REPLICATION_TYPES.includes(type);
}

export const POLICY_TYPES: readonly string[] = [POLICY, DEFAULT_POLICY];

/** Short kind for messages, e.g. `VmReplication`. */
export function kindOf(type: string): string {
  const i = type.lastIndexOf(":");
  return i >= 0 ? type.slice(i + 1) : type;
}
