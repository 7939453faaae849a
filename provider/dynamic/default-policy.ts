/**
 * Provider of `vcda:DefaultPolicy` (token `pulumi-nodejs:dynamic/vcda:DefaultPolicy`): the built-in policy `default`,
 * which always exists and cannot be deleted (decisions.md #8).
 *
 * - check: the eleven settings other than displayName (fixed "Default Policy"); omitted ones take the documented
 *   default values (L2991-3006, decisions.md #11); newer flags as for Policy.
 * - diff: settings → update in place; `connection.endpoint` → replace; other connection changes → in place.
 * - create and update: read-modify-write of /policies/default (client/policies.ts `update`): the stack's settings
 *   over what the appliance holds; displayName and every field the stack does not manage stay as they are.
 * - read: GET /policies/default. Without state (`pulumi import` through the plugin) it also returns the inputs that
 *   describe the policy.
 * - delete: restores the eleven documented default values the same way; nothing is deleted, the newer flags and
 *   unknown fields stay.
 *
 * This module's only export is the provider instance.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_POLICY_ID, DEFAULT_POLICY_SETTINGS, POLICY_SETTING_KEYS } from "../api/policy";
import { getClient, newOperationId, VcdaNotFoundError } from "../client/index";
import { configureFromRequest } from "../config";
import type { DefaultPolicyInputs } from "../inputs";
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

type Props = DefaultPolicyInputs & { displayName?: string; orgs?: number };

const SETTINGS = POLICY_SETTING_KEYS.filter((k) => k !== "displayName");
const rec = (p: Props) => p as unknown as Record<string, unknown>;

class DefaultPolicyProvider implements pulumi.dynamic.ResourceProvider {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = [
      ...validatePolicySettings(rec(news), { displayName: "forbidden" }),
      ...validateConnection(news.connection),
    ];
    if (failures.length === 0) failures.push(...(await flagFailuresInCheck(rec(news))));
    return failures.length ? { inputs: news, failures } : { inputs: withPolicyDefaults(rec(news)) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const settings = changedKeys(rec(olds), rec(news), managedPolicyKeys(rec(news), SETTINGS));
    const conn = connectionDiff(rec(olds), rec(news));
    return { changes: settings.length > 0 || conn.changed, replaces: conn.replace ? ["connection"] : [] };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return { id: DEFAULT_POLICY_ID, outs: await this.put(inputs, "default-policy-create") };
  }

  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    const operationId = newOperationId("default-policy-read");
    try {
      const p = await getClient(props?.connection).policies.get(DEFAULT_POLICY_ID, operationId);
      if (props?.minRpo === undefined) {
        const inputs = policyInputsOf(p, { displayName: false });
        return { id, props: policyOutputs(p, inputs, {}), inputs: inputs as unknown as Props };
      }
      return { id, props: policyOutputs(p, rec(props), { connection: props.connection }) };
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return { id: "", props: {} };
      throw e;
    }
  }

  async update(_id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: await this.put(news, "default-policy-update") };
  }

  /** Restores the documented default values (the default policy cannot be deleted). */
  async delete(_id: string, props: Props): Promise<void> {
    const operationId = newOperationId("default-policy-restore");
    const client = getClient(props.connection);
    const { displayName: _keep, ...documented } = DEFAULT_POLICY_SETTINGS;
    await client.policies.update(DEFAULT_POLICY_ID, documented, operationId);
    log.info(
      `Restored the documented values of the VCDA default policy on ${client.endpoint} (operationID ${operationId})`,
    );
  }

  private async put(inputs: Props, kind: string): Promise<Record<string, unknown>> {
    const operationId = newOperationId(kind);
    const client = getClient(inputs.connection);
    await requireFlagsSupported(client, rec(inputs), operationId);
    const { displayName: _stored, ...settings } = toSettingsBody(inputs, "");
    const p = await client.policies.update(DEFAULT_POLICY_ID, settings, operationId);
    return policyOutputs(p, rec(inputs), { connection: inputs.connection });
  }
}

export = new DefaultPolicyProvider();
