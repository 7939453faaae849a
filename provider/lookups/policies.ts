/**
 * Lookups for Pulumi programs. They run in the program process, so the connection comes from the `connection`
 * argument, then `new pulumi.Config("vcda")`, then `VCDA_*` (see config.ts). Each has a Promise form and an
 * `...Output` form that accepts Inputs.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Policy, PolicyStatus } from "../api/policy";
import { newOperationId } from "../client/index";
import type { ConnectionArgs } from "../inputs";
import { lookupClient as clientFor, type LookupInput, outputForm } from "./client";

export interface GetPolicyArgs {
  /** Policy id (`default` or a UUID). One of `id` and `displayName` is required. */
  id?: string;
  /** Exact, case-sensitive displayName. */
  displayName?: string;
  connection?: ConnectionArgs;
}

/** A policy by id or displayName; rejects when there is none (the message names what was looked for). */
export async function getPolicy(args: GetPolicyArgs): Promise<Policy> {
  const operationId = newOperationId("get-policy");
  const client = clientFor(args.connection);
  if (args.id) return client.policies.get(args.id, operationId);
  if (args.displayName) {
    const found = await client.policies.findByName(args.displayName, operationId);
    if (!found)
      throw new Error(`No VCDA policy named "${args.displayName}" on ${client.endpoint} (operationID ${operationId})`);
    return found;
  }
  throw new Error("getPolicy: pass id or displayName");
}

/** `getPolicy` for Inputs. */
export const getPolicyOutput: (args: LookupInput<GetPolicyArgs>) => pulumi.Output<Policy> = outputForm(getPolicy);

export interface GetPolicyStatusArgs {
  policyId: string;
  connection?: ConnectionArgs;
}

/** Compliance of a policy: one entry per org assigned it (GET /policies/{id}/status; needs an admin session). */
export function getPolicyStatus(args: GetPolicyStatusArgs): Promise<PolicyStatus[]> {
  return clientFor(args.connection).policies.status(args.policyId, newOperationId("get-policy-status"));
}

/** `getPolicyStatus` for Inputs. */
export const getPolicyStatusOutput: (args: LookupInput<GetPolicyStatusArgs>) => pulumi.Output<PolicyStatus[]> =
  outputForm(getPolicyStatus);

/** Every policy on the appliance (including `default`). */
export function listPolicies(args: { connection?: ConnectionArgs } = {}): Promise<Policy[]> {
  return clientFor(args.connection).policies.list(newOperationId("list-policies"));
}
