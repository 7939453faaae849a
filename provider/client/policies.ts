/**
 * Typed calls for replication policies (guide L2851-3981). All local to the appliance except the reads, which take
 * an optional `site`.
 */
import {
  DEFAULT_POLICY_ID,
  POLICY_READ_ONLY_KEYS,
  type Policy,
  PolicyListSchema,
  PolicySchema,
  type PolicySettingsBody,
  type PolicyStatus,
  PolicyStatusListSchema,
} from "../api/policy";
import { type Task, TaskSchema } from "../api/task";
import { VcdaNotFoundError } from "./errors";
import type { Requester } from "./types";

/** Where an org stands, see {@link PoliciesApi.assignmentOf}. */
export interface OrgAssignment {
  policyId: string;
  seen: "listed" | "unseen" | "elsewhere" | "fallback";
}

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

  /** POST /policies (201) with exactly the settings the stack owns. Not idempotent: never repeated after an unknown outcome. */
  create(settings: Partial<PolicySettingsBody>, operationId: string): Promise<Policy> {
    return this.client.request({
      method: "POST",
      path: "/policies",
      body: settings,
      schema: PolicySchema,
      operationId,
      idempotent: false,
    });
  }

  /**
   * Read-modify-write of a policy (PUT overwrites with what it is given, guide L3533): reads the policy, lays
   * `settings` over every field the appliance returned (including ones this package does not know) and PUTs the
   * result, so nothing the stack does not manage changes. Works on `default` too.
   */
  async update(policyId: string, settings: Partial<PolicySettingsBody>, operationId: string): Promise<Policy> {
    const current = await this.get(policyId, operationId);
    const body: Record<string, unknown> = { ...current };
    for (const k of POLICY_READ_ONLY_KEYS) delete body[k];
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) body[k] = v;
    return this.client.request({
      method: "PUT",
      path: id(policyId),
      body,
      schema: PolicySchema,
      operationId,
      idempotent: true,
    });
  }

  /** DELETE /policies/{id} (204). Refused (400) while orgs are assigned and for `default`. */
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

  /** GET /policies/{id}/status: an entry per org assigned the policy (see {@link assignmentOf}), with compliance counters. */
  status(policyId: string, operationId: string): Promise<PolicyStatus[]> {
    return this.client.request({
      method: "GET",
      path: `${id(policyId)}/status`,
      schema: PolicyStatusListSchema,
      operationId,
      idempotent: true,
    });
  }

  /**
   * Which policy `org` has, as far as the appliance shows it, starting from the one the stack expects. No endpoint
   * returns an org's policy; GET /policies/{id}/status lists the orgs assigned a policy, but whether it lists orgs
   * without replications is not documented. So:
   * - `listed`: the expected policy's status lists the org;
   * - `unseen`: it does not, but the policy counts more assigned orgs (`orgs`) than its status lists, or does not
   *   count them: the org may be one of those, and the expected policy is kept;
   * - `elsewhere`: the org is certainly not on the expected policy, and another policy's status lists it;
   * - `fallback`: certainly not on the expected policy and listed nowhere: orgs without a policy have `default` (L2865).
   */
  async assignmentOf(org: string, expected: string, operationId: string): Promise<OrgAssignment> {
    const listed = await this.status(expected, operationId).catch((e) => {
      if (e instanceof VcdaNotFoundError) return undefined;
      throw e;
    });
    if (listed?.some((s) => s.org === org)) return { policyId: expected, seen: "listed" };
    if (listed && expected !== DEFAULT_POLICY_ID) {
      const count = (await this.get(expected, operationId)).orgs;
      if (typeof count !== "number" || count > listed.length) return { policyId: expected, seen: "unseen" };
    } else if (listed) {
      // `default` counts no orgs (-1): an org missing from its status may still have it.
      const other = await this.listedElsewhere(org, expected, operationId);
      return other ? { policyId: other, seen: "elsewhere" } : { policyId: expected, seen: "unseen" };
    }
    const other = await this.listedElsewhere(org, expected, operationId);
    return other ? { policyId: other, seen: "elsewhere" } : { policyId: DEFAULT_POLICY_ID, seen: "fallback" };
  }

  /** The first policy other than `except` whose status lists `org` (explicit policies first, then `default`). */
  private async listedElsewhere(org: string, except: string, operationId: string): Promise<string | undefined> {
    const ids = (await this.list(operationId)).map((p) => p.id).filter((p) => p !== except && p !== DEFAULT_POLICY_ID);
    if (except !== DEFAULT_POLICY_ID) ids.push(DEFAULT_POLICY_ID);
    for (const p of ids) {
      if ((await this.status(p, operationId)).some((s) => s.org === org)) return p;
    }
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
