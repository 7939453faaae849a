/**
 * Typed calls for replication policies (guide L2851-3981). All local to the appliance except the reads, which take
 * an optional `site`.
 */
import {
  DEFAULT_POLICY_ID,
  type Policy,
  PolicyListSchema,
  PolicySchema,
  type PolicySettingsBody,
  type PolicyStatus,
  PolicyStatusListSchema,
} from "../api/policy";
import { type Task, TaskSchema } from "../api/task";
import type { Requester } from "./types";

const id = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;

export class PoliciesApi {
  constructor(private readonly client: Requester) {}

  /** GET /policies: every policy, including `default`. */
  list(operationId: string, site?: string): Promise<Policy[]> {
    return this.client.request({
      method: "GET",
      path: "/policies",
      query: { site },
      schema: PolicyListSchema,
      operationId,
      idempotent: true,
    });
  }

  /** GET /policies/{id}. Rejects with VcdaNotFoundError when it does not exist. */
  get(policyId: string, operationId: string, site?: string): Promise<Policy> {
    return this.client.request({
      method: "GET",
      path: id(policyId),
      query: { site },
      schema: PolicySchema,
      operationId,
      idempotent: true,
    });
  }

  /** The policy whose displayName equals `name` exactly (case-sensitive, like the appliance), or undefined. */
  async findByName(name: string, operationId: string, site?: string): Promise<Policy | undefined> {
    return (await this.list(operationId, site)).find((p) => p.displayName === name);
  }

  /** POST /policies (201). Not idempotent: never repeated after an unknown outcome. */
  create(settings: PolicySettingsBody, operationId: string): Promise<Policy> {
    return this.client.request({
      method: "POST",
      path: "/policies",
      body: settings,
      schema: PolicySchema,
      operationId,
      idempotent: false,
    });
  }

  /** PUT /policies/{id} with all twelve fields (200). Works on `default` too. */
  replace(policyId: string, settings: PolicySettingsBody, operationId: string): Promise<Policy> {
    return this.client.request({
      method: "PUT",
      path: id(policyId),
      body: settings,
      schema: PolicySchema,
      operationId,
      idempotent: true,
    });
  }

  /** DELETE /policies/{id} (204). 400 `PolicyInUse` while orgs are assigned; 400 `DefaultPolicyImmutable` for default. */
  async delete(policyId: string, operationId: string): Promise<void> {
    await this.client.request({ method: "DELETE", path: id(policyId), operationId, idempotent: true });
  }

  /** PATCH /policies/{id}/orgs/{org}: assigns the policy to a local org, replacing its previous one (202, no body). */
  async assign(policyId: string, org: string, operationId: string): Promise<void> {
    await this.client.request({
      method: "PATCH",
      path: `${id(policyId)}/orgs/${encodeURIComponent(org)}`,
      operationId,
      idempotent: true,
    });
  }

  /** Reassigns `org` to the default policy (there is no unassign call). */
  unassign(org: string, operationId: string): Promise<void> {
    return this.assign(DEFAULT_POLICY_ID, org, operationId);
  }

  /** GET /policies/{id}/status: one entry per org currently assigned the policy, with compliance counters. */
  status(policyId: string, operationId: string): Promise<PolicyStatus[]> {
    return this.client.request({
      method: "GET",
      path: `${id(policyId)}/status`,
      schema: PolicyStatusListSchema,
      operationId,
      idempotent: true,
    });
  }

  /** The id of the policy `org` is assigned, found through the status lists (decisions.md #10), or undefined. */
  async policyOfOrg(org: string, operationId: string, hint?: string): Promise<string | undefined> {
    if (hint && (await this.status(hint, operationId).catch(() => [])).some((s) => s.org === org)) return hint;
    const all = await this.list(operationId);
    const explicit = all.filter((p) => p.id !== DEFAULT_POLICY_ID && p.id !== hint);
    for (const p of explicit) {
      if ((await this.status(p.id, operationId)).some((s) => s.org === org)) return p.id;
    }
    if (hint !== DEFAULT_POLICY_ID && (await this.status(DEFAULT_POLICY_ID, operationId)).some((s) => s.org === org))
      return DEFAULT_POLICY_ID;
    return undefined;
  }

  /** POST /policies/sync: gives `default` to orgs without a policy; returns the task (wait with `waitForTask`). */
  sync(operationId: string): Promise<Task> {
    return this.client.request({
      method: "POST",
      path: "/policies/sync",
      schema: TaskSchema,
      operationId,
      idempotent: true,
    });
  }
}
