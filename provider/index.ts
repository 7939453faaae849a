/**
 * pulumi-vcda: Pulumi resources for VMware Cloud Director Availability.
 */
export { Policy, type PolicyArgs } from "./resources/policy";
export { DefaultPolicy, type DefaultPolicyArgs } from "./resources/default-policy";
export { PolicyAssignment, type PolicyAssignmentArgs } from "./resources/policy-assignment";
export { VmReplication, type VmReplicationResourceArgs } from "./resources/vm-replication";
export * from "./lookups/index";
export { VmReplication, type VmReplicationResourceArgs } from "./resources/vm-replication";
export * from "./lookups/replications";
export type * from "./resources/inputs";
export type { Policy as PolicyInfo, PolicyStatus, PolicySettingsBody } from "./api/policy";
export { DEFAULT_POLICY_SETTINGS, DEFAULT_POLICY_ID } from "./api/policy";
export {
  getClient,
  createClient,
  newOperationId,
  VcdaClient,
  VcdaApiError,
  VcdaNotFoundError,
  VcdaConflictError,
  VcdaValidationError,
  VcdaAuthError,
  VcdaConnectionError,
  VcdaTimeoutError,
  VcdaTaskFailedError,
  VcdaResponseFormatError,
} from "./client/index";
export { resolveConnection, VcdaConfigError } from "./config";

export const version = "0.1.0";
