/**
 * pulumi-vcda: Pulumi resources for VMware Cloud Director Availability.
 */

export type { Policy as PolicyInfo, PolicySettingsBody, PolicyStatus } from "./api/policy";
export { DEFAULT_POLICY_ID, DEFAULT_POLICY_SETTINGS } from "./api/policy";
export { resolveConnection, VcdaConfigError } from "./client/connection";
export {
  createClient,
  getClient,
  newOperationId,
  VcdaApiError,
  VcdaAuthError,
  VcdaClient,
  VcdaConflictError,
  VcdaConnectionError,
  VcdaNotFoundError,
  VcdaResponseFormatError,
  VcdaTaskFailedError,
  VcdaTimeoutError,
  VcdaValidationError,
} from "./client/index";
export type * from "./inputs";
export * from "./lookups/index";
export * from "./lookups/replications";
export type { CutoverResult } from "./replication/cutover";
export type { VappMemberState } from "./replication/vapp-mapping";
export { DefaultPolicy, type DefaultPolicyArgs } from "./resources/default-policy";
export { FailoverTest, type FailoverTestArgs } from "./resources/failover-test";
export { Policy, type PolicyArgs } from "./resources/policy";
export { PolicyAssignment, type PolicyAssignmentArgs } from "./resources/policy-assignment";
export { SlaProfileAssignment, type SlaProfileAssignmentArgs } from "./resources/sla-profile-assignment";
export { VappReplication, type VappReplicationResourceArgs } from "./resources/vapp-replication";
export { VmReplication, type VmReplicationResourceArgs } from "./resources/vm-replication";

export const version = "0.1.0";
