/**
 * Provider of `vcda:Policy` (token `pulumi-nodejs:dynamic/vcda:Policy`): a replication policy.
 *
 * - check: validates every input (names field, value and rule), fills omitted settings with the default policy's
 *   documented values. No API call.
 * - diff: any of the twelve settings → update in place (PUT); `connection.endpoint` → replace; other connection
 *   changes (e.g. a new password) → update in place, never replace.
 * - create: POST /policies. With `adopt: true`, an existing policy of the same displayName is taken over (PUT)
 *   instead. A POST whose outcome is unknown is not repeated: the policy is looked up by name instead.
 * - read: GET /policies/{id}; 404 → gone.
 * - update: PUT /policies/{id} with all twelve fields.
 * - delete: DELETE /policies/{id}; 404 → done; `PolicyInUse` → an error naming the assigned orgs.
 *
 * This module's only export is the provider instance, so Pulumi serializes it as a `require()` of this module.
 */
import type * as pulumi from "@pulumi/pulumi";
import { POLICY_SETTING_KEYS, type Policy } from "../api/policy";
import {
  getClient,
  hasCode,
  newOperationId,
  type VcdaClient,
  VcdaConnectionError,
  VcdaNotFoundError,
} from "../client/index";
import { configureFromRequest } from "../config";
import type { PolicyInputs } from "../inputs";
import { log } from "../log";
import {
  changedKeys,
  connectionDiff,
  policyOutputs,
  toSettingsBody,
  validateConnection,
  validatePolicySettings,
  withPolicyDefaults,
} from "./policy-common";

type Props = PolicyInputs & { orgs?: number };

class PolicyProvider implements pulumi.dynamic.ResourceProvider {
  /** Captures the stack config (`vcda:*`) for `resolveConnection()`. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = [
      ...validatePolicySettings(news as unknown as Record<string, unknown>, { displayName: "required" }),
      ...validateConnection(news.connection),
    ];
    if (news.adopt !== undefined && typeof news.adopt !== "boolean") {
      failures.push({
        property: "adopt",
        reason: `adopt: ${JSON.stringify(news.adopt)} is not allowed: must be true or false`,
      });
    }
    return failures.length
      ? { inputs: news, failures }
      : { inputs: withPolicyDefaults(news as unknown as Record<string, unknown>) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const settings = changedKeys(olds as never, news as never, POLICY_SETTING_KEYS);
    const conn = connectionDiff(olds as never, news as never);
    return { changes: settings.length > 0 || conn.changed, replaces: conn.replace ? ["connection"] : [] };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const operationId = newOperationId("policy-create");
    const client = getClient(inputs.connection);
    const body = toSettingsBody(inputs);
    const extra = { adopt: inputs.adopt, connection: inputs.connection };
    if (inputs.adopt) {
      const existing = await client.policies.findByName(body.displayName, operationId);
      if (existing) {
        const updated = await client.policies.replace(existing.id, body, operationId);
        log.info(
          `Adopted existing VCDA policy "${body.displayName}" (${existing.id}) because adopt: true (operationID ${operationId})`,
        );
        return { id: updated.id, outs: policyOutputs(updated, extra) };
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
          return { id: found.id, outs: policyOutputs(found, extra) };
        }
        throw e;
      }
      if (
        hasCode(e, "DuplicatePolicyName") ||
        (e instanceof Error && "status" in e && (e as { status?: number }).status === 400)
      ) {
        const found = await lookupQuietly(client, body.displayName, operationId);
        if (found) {
          throw new Error(
            `A VCDA policy named "${body.displayName}" already exists on ${client.endpoint} (id ${found.id}). Set adopt: true to manage it from this stack, or choose another displayName. (${(e as Error).message})`,
          );
        }
      }
      throw e;
    }
    return { id: created.id, outs: policyOutputs(created, extra) };
  }

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const operationId = newOperationId("policy-read");
    try {
      const p = await getClient(props.connection).policies.get(id, operationId);
      return { id: p.id, props: policyOutputs(p, { adopt: props.adopt, connection: props.connection }) };
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return { id: "", props: {} };
      throw e;
    }
  }

  async update(id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const operationId = newOperationId("policy-update");
    const p = await getClient(news.connection).policies.replace(id, toSettingsBody(news), operationId);
    return { outs: policyOutputs(p, { adopt: news.adopt, connection: news.connection }) };
  }

  async delete(id: string, props: Props): Promise<void> {
    const operationId = newOperationId("policy-delete");
    const client = getClient(props.connection);
    try {
      await client.policies.delete(id, operationId);
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return;
      if (hasCode(e, "PolicyInUse")) {
        const orgs = await client.policies
          .status(id, operationId)
          .then((s) => s.map((x) => x.org))
          .catch(() => [] as string[]);
        throw new Error(
          `Cannot delete VCDA policy "${props.displayName}" (${id}): it is still assigned to ${orgs.length ? `org(s) ${orgs.join(", ")}` : "one or more orgs"}. Remove or change their PolicyAssignment resources (or reassign those orgs to another policy) first. (${e.message})`,
        );
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

function sameSettings(p: Policy, body: ReturnType<typeof toSettingsBody>): boolean {
  return POLICY_SETTING_KEYS.every((k) => p[k] === body[k]);
}

export = new PolicyProvider();
