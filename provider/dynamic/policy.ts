/**
 * Provider of `vcda:Policy` (token `pulumi-nodejs:dynamic/vcda:Policy`): a replication policy.
 *
 * - check: validates every input (names field, value and rule), fills omitted settings with the default policy's
 *   documented values. No API call.
 *   A newer flag (allowAdvancedRetentionRules, allowOutgoingOnprem*) that the appliance's API version lacks fails
 *   here, naming the version; learning the version costs a login, only for inputs that set such a flag.
 * - diff: any of the twelve settings, or a newer flag the program sets → update in place; `connection.endpoint` →
 *   replace; other connection changes (e.g. a new password) → update in place, never replace.
 * - create: POST /policies with what the stack owns. With `adopt: true`, an existing policy of the same displayName
 *   is taken over (read-modify-write) instead. A POST whose outcome is unknown is not repeated: the policy is looked
 *   up by name instead.
 * - read: GET /policies/{id}; 404 → gone. Without state (`pulumi import` through the plugin) it also returns the inputs
 *   that describe the policy.
 * - update: GET, then PUT of what the appliance had with the stack's settings laid over it (client/policies.ts
 *   `update`): fields the stack does not manage, known or not, go back unchanged.
 * - delete: DELETE /policies/{id}; 404 → done; a refusal while orgs are assigned → an error naming them.
 *
 * This module's only export is the provider instance, so Pulumi serializes it as a `require()` of this module.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Policy } from "../api/policy";
import { VcdaValidationError } from "../client/errors";
import { getClient, newOperationId, type VcdaClient, VcdaConnectionError, VcdaNotFoundError } from "../client/index";
import { configureFromRequest } from "../config";
import type { PolicyInputs } from "../inputs";
import { log } from "../log";
import {
  changedKeys,
  connectionDiff,
  flagFailuresInCheck,
  managedPolicyKeys,
  policyInputsOf,
  policyOutputs,
  requireFlagsSupported,
  toSettingsBody,
  validateConnection,
  validatePolicySettings,
  withPolicyDefaults,
} from "./policy-common";

type Props = PolicyInputs & { orgs?: number };

const rec = (p: Props) => p as unknown as Record<string, unknown>;

class PolicyProvider implements pulumi.dynamic.ResourceProvider {
  /** Captures the stack config (`vcda:*`) for `resolveConnection()`. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = [
      ...validatePolicySettings(rec(news), { displayName: "required" }),
      ...validateConnection(news.connection),
    ];
    if (news.adopt !== undefined && typeof news.adopt !== "boolean") {
      failures.push({
        property: "adopt",
        reason: `adopt: ${JSON.stringify(news.adopt)} is not allowed: must be true or false`,
      });
    }
    if (failures.length === 0) failures.push(...(await flagFailuresInCheck(rec(news))));
    return failures.length ? { inputs: news, failures } : { inputs: withPolicyDefaults(rec(news)) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const settings = changedKeys(rec(olds), rec(news), managedPolicyKeys(rec(news)));
    const conn = connectionDiff(rec(olds), rec(news));
    return { changes: settings.length > 0 || conn.changed, replaces: conn.replace ? ["connection"] : [] };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const operationId = newOperationId("policy-create");
    const client = getClient(inputs.connection);
    await requireFlagsSupported(client, rec(inputs), operationId);
    const body = toSettingsBody(inputs);
    const outs = (p: Policy) => policyOutputs(p, rec(inputs), { adopt: inputs.adopt, connection: inputs.connection });
    if (inputs.adopt) {
      const existing = await client.policies.findByName(body.displayName, operationId);
      if (existing) {
        const updated = await client.policies.update(existing.id, body, operationId);
        log.info(
          `Adopted existing VCDA policy "${body.displayName}" (${existing.id}) because adopt: true (operationID ${operationId})`,
        );
        return { id: updated.id, outs: outs(updated) };
      }
    }
    let created: Policy;
    try {
      created = await client.policies.create(body, operationId);
    } catch (e) {
      if (e instanceof VcdaConnectionError && e.outcomeUnknown) {
        const found = await lookupQuietly(client, body.displayName, operationId);
        if (found && sameSettings(found, body)) {
          log.warn(
            `POST /policies for "${body.displayName}" had an unknown outcome; the policy exists with the requested settings (${found.id}) (operationID ${operationId})`,
          );
          return { id: found.id, outs: outs(found) };
        }
        throw e;
      }
      // The reference documents no code for a duplicate name: any refusal is checked against the existing names.
      if (e instanceof VcdaValidationError) {
        const found = await lookupQuietly(client, body.displayName, operationId);
        if (found) {
          throw new Error(
            `A VCDA policy named "${body.displayName}" already exists on ${client.endpoint} (id ${found.id}). Set adopt: true to manage it from this stack, or choose another displayName. (${e.message})`,
          );
        }
      }
      throw e;
    }
    return { id: created.id, outs: outs(created) };
  }

  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    const operationId = newOperationId("policy-read");
    try {
      const p = await getClient(props?.connection).policies.get(id, operationId);
      if (props?.displayName === undefined) {
        const inputs = policyInputsOf(p, { displayName: true });
        return { id: p.id, props: policyOutputs(p, inputs, {}), inputs: inputs as unknown as Props };
      }
      return { id: p.id, props: policyOutputs(p, rec(props), { adopt: props.adopt, connection: props.connection }) };
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return { id: "", props: {} };
      throw e;
    }
  }

  async update(id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const operationId = newOperationId("policy-update");
    const client = getClient(news.connection);
    await requireFlagsSupported(client, rec(news), operationId);
    const p = await client.policies.update(id, toSettingsBody(news), operationId);
    return { outs: policyOutputs(p, rec(news), { adopt: news.adopt, connection: news.connection }) };
  }

  async delete(id: string, props: Props): Promise<void> {
    const operationId = newOperationId("policy-delete");
    const client = getClient(props.connection);
    try {
      await client.policies.delete(id, operationId);
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return;
      // The reference documents no code for "still assigned": any refusal is explained by what the status shows.
      if (e instanceof VcdaValidationError) {
        const orgs = await client.policies
          .status(id, operationId)
          .then((s) => s.map((x) => x.org))
          .catch(() => [] as string[]);
        const count = await client.policies
          .get(id, operationId)
          .then((p) => p.orgs)
          .catch(() => undefined);
        if (orgs.length > 0 || (typeof count === "number" && count > 0)) {
          const named = orgs.length ? `org(s) ${orgs.join(", ")}` : "";
          const more =
            typeof count === "number" && count > orgs.length
              ? `${count - orgs.length} more org(s) that its status does not list`
              : "";
          throw new Error(
            `Cannot delete VCDA policy "${props.displayName}" (${id}): it is still assigned to ${[named, more].filter(Boolean).join(" and ")}. Remove or change their PolicyAssignment resources (or reassign those orgs to another policy) first. (${e.message})`,
          );
        }
      }
      throw e;
    }
  }
}

async function lookupQuietly(client: VcdaClient, name: string, operationId: string): Promise<Policy | undefined> {
  try {
    return await client.policies.findByName(name, operationId);
  } catch {
    return undefined;
  }
}

/** True when the policy holds every setting of `body` (settings it does not return are not held against it). */
function sameSettings(p: Policy, body: ReturnType<typeof toSettingsBody>): boolean {
  return Object.entries(body).every(([k, v]) => {
    const held = p[k as keyof Policy];
    return held === undefined || held === null || held === v;
  });
}

export = new PolicyProvider();
