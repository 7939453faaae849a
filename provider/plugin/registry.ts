/**
 * The resource kinds the provider plugin serves: each one is a contract (provider/properties, for the schema) and
 * the same provider object its dynamic resource uses (provider/dynamic), so both front doors run one implementation.
 * A new resource is one line here, once its contract and dynamic provider exist.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import defaultPolicy from "../dynamic/default-policy";
import failoverTest from "../dynamic/failover-test";
import policy from "../dynamic/policy";
import policyAssignment from "../dynamic/policy-assignment";
import slaProfileAssignment from "../dynamic/sla-profile-assignment";
import vappReplication from "../dynamic/vapp-replication";
import vmReplication from "../dynamic/vm-replication";
import { FAILOVER_TEST } from "../properties/failover-test";
import { DEFAULT_POLICY, POLICY, POLICY_ASSIGNMENT } from "../properties/policy";
import { SLA_PROFILE_ASSIGNMENT } from "../properties/sla-profile-assignment";
import type { ResourceContract } from "../properties/types";
import { VAPP_REPLICATION } from "../properties/vapp-replication";
import { VM_REPLICATION } from "../properties/vm-replication";
import { token } from "./schema";

export interface ResourceKind {
  contract: ResourceContract;
  provider: pulumi.dynamic.ResourceProvider;
}

const kind = <I, O>(contract: ResourceContract<I, O>, provider: pulumi.dynamic.ResourceProvider): ResourceKind => ({
  contract: contract as unknown as ResourceContract,
  provider,
});

export const KINDS: readonly ResourceKind[] = [
  kind(POLICY, policy),
  kind(DEFAULT_POLICY, defaultPolicy),
  kind(POLICY_ASSIGNMENT, policyAssignment),
  kind(VM_REPLICATION, vmReplication),
  kind(VAPP_REPLICATION, vappReplication),
  kind(SLA_PROFILE_ASSIGNMENT, slaProfileAssignment),
  kind(FAILOVER_TEST, failoverTest),
];

const byToken = new Map(KINDS.map((k) => [token(k.contract.name), k]));

/** The kind of a resource type token (`vcda:index:Policy`), or undefined. */
export function kindOf(type: string): ResourceKind | undefined {
  return byToken.get(type);
}
