/**
 * Provider of `vcda:DefaultPolicy` (token `pulumi-nodejs:dynamic/vcda:DefaultPolicy`): the built-in policy `default`,
 * which always exists and cannot be deleted (decisions.md #8).
 *
 * - check: the eleven settings other than displayName (fixed "Default Policy"); omitted ones take the documented
 *   default values (L2991-3006, decisions.md #11).
 * - diff: settings → update in place; `connection.endpoint` → replace; other connection changes → in place.
 * - create and update: PUT /policies/default with all twelve fields (the displayName is kept as stored).
 * - read: GET /policies/default.
 * - delete: restores the documented default values with PUT; nothing is deleted.
 *
 * This module's only export is the provider instance.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_POLICY_ID,
  DEFAULT_POLICY_SETTINGS,
  POLICY_SETTING_KEYS,
  type PolicySettingsBody,
} from "../api/policy";
import { getClient, newOperationId, VcdaNotFoundError } from "../client/index";
import { configureFromRequest } from "../config";
import type { DefaultPolicyInputs } from "../inputs";
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

type Props = DefaultPolicyInputs & { displayName?: string; orgs?: number };

const SETTINGS = POLICY_SETTING_KEYS.filter((k) => k !== "displayName");

class DefaultPolicyProvider implements pulumi.dynamic.ResourceProvider {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = [
      ...validatePolicySettings(news as unknown as Record<string, unknown>, { displayName: "forbidden" }),
      ...validateConnection(news.connection),
    ];
    return failures.length
      ? { inputs: news, failures }
      : { inputs: withPolicyDefaults(news as unknown as Record<string, unknown>) };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const settings = changedKeys(olds as never, news as never, SETTINGS);
    const conn = connectionDiff(olds as never, news as never);
    return { changes: settings.length > 0 || conn.changed, replaces: conn.replace ? ["connection"] : [] };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    return { id: DEFAULT_POLICY_ID, outs: await this.put(inputs, "default-policy-create") };
  }

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const operationId = newOperationId("default-policy-read");
    try {
      const p = await getClient(props.connection).policies.get(DEFAULT_POLICY_ID, operationId);
      return { id, props: policyOutputs(p, { connection: props.connection }) };
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
    const current = await client.policies.get(DEFAULT_POLICY_ID, operationId);
    const body: PolicySettingsBody = { ...DEFAULT_POLICY_SETTINGS, displayName: current.displayName };
    await client.policies.replace(DEFAULT_POLICY_ID, body, operationId);
    log.info(
      `Restored the documented values of the VCDA default policy on ${client.endpoint} (operationID ${operationId})`,
    );
  }

  private async put(inputs: Props, kind: string): Promise<Record<string, unknown>> {
    const operationId = newOperationId(kind);
    const client = getClient(inputs.connection);
    const current = await client.policies.get(DEFAULT_POLICY_ID, operationId);
    const settings = { ...inputs } as Record<string, unknown>;
    delete settings.displayName;
    const p = await client.policies.replace(
      DEFAULT_POLICY_ID,
      toSettingsBody(settings, current.displayName),
      operationId,
    );
    return policyOutputs(p, { connection: inputs.connection });
  }
}

export = new DefaultPolicyProvider();
