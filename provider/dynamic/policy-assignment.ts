/**
 * Provider of `vcda:PolicyAssignment` (token `pulumi-nodejs:dynamic/vcda:PolicyAssignment`): which policy a local
 * VCD org has. The resource id is the org name.
 *
 * - check: `policyId` is `default` or a policy id; `org` is a VCD org short name. No API call.
 * - diff: `org` → replace; `policyId` → update in place; `connection.endpoint` → replace; other connection changes →
 *   in place.
 * - create and update: PATCH /policies/{policyId}/orgs/{org} (overwrites the org's previous assignment).
 * - read: no endpoint returns an org's policy; client/policies.ts `assignmentOf` works it out from the status lists
 *   and the policy's `orgs` count. An org the expected policy's status does not list, while that policy counts more
 *   orgs than it lists, keeps `policyId` (the appliance may list only orgs with replications); an org certainly
 *   elsewhere reports that policy (drift), or `default` when no status lists it.
 *   Without state (`pulumi import` by org name through the plugin) it starts from `default` and also returns the
 *   inputs.
 * - delete: reassigns the org to `default` (there is no unassign), unless it is certainly on another policy now
 *   (changed outside the stack); an unknown org or policy (404) counts as done.
 *
 * This module's only export is the provider instance.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_POLICY_ID } from "../api/policy";
import { getClient, newOperationId, VcdaNotFoundError } from "../client/index";
import { configureFromRequest } from "../config";
import type { PolicyAssignmentInputs } from "../inputs";
import { log } from "../log";
import { changedKeys, connectionDiff, defined, isUnknown, validateConnection } from "./policy-common";

type Props = PolicyAssignmentInputs;

const POLICY_ID = /^(default|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const ORG = /^[^\s/?#]+$/;

const outputs = (p: Props) => defined({ policyId: p.policyId, org: p.org, connection: p.connection });

class PolicyAssignmentProvider implements pulumi.dynamic.ResourceProvider {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const pid = news.policyId as unknown;
    if (pid === undefined || pid === null || pid === "") {
      failures.push({ property: "policyId", reason: 'policyId: is required ("default" or the id of a Policy)' });
    } else if (!isUnknown(pid) && (typeof pid !== "string" || !POLICY_ID.test(pid))) {
      failures.push({
        property: "policyId",
        reason: `policyId: ${JSON.stringify(pid)} is not allowed: must be "default" or a policy id (UUID)`,
      });
    }
    const org = news.org as unknown;
    if (org === undefined || org === null || org === "") {
      failures.push({ property: "org", reason: "org: is required (the short name of a local VCD organization)" });
    } else if (!isUnknown(org) && (typeof org !== "string" || !ORG.test(org))) {
      failures.push({
        property: "org",
        reason: `org: ${JSON.stringify(org)} is not allowed: must be a VCD organization short name (no whitespace, "/", "?" or "#")`,
      });
    }
    failures.push(...validateConnection(news.connection));
    return failures.length ? { inputs: news, failures } : { inputs: news };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = changedKeys(olds as never, news as never, ["policyId", "org"]);
    const conn = connectionDiff(olds as never, news as never);
    const replaces = [...(changed.includes("org") ? ["org"] : []), ...(conn.replace ? ["connection"] : [])];
    return { changes: changed.length > 0 || conn.changed, replaces };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const operationId = newOperationId("policy-assignment-create");
    await getClient(inputs.connection).policies.assign(inputs.policyId, inputs.org, operationId);
    return { id: inputs.org, outs: outputs(inputs) };
  }

  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult> {
    const operationId = newOperationId("policy-assignment-read");
    const org = props?.org ?? id;
    if (props?.policyId === undefined) {
      const found = await getClient(props?.connection).policies.assignmentOf(org, DEFAULT_POLICY_ID, operationId);
      const inputs = outputs({ org, policyId: found.policyId });
      return { id: org, props: inputs, inputs };
    }
    const found = await getClient(props.connection).policies.assignmentOf(org, props.policyId, operationId);
    if (found.seen === "unseen") {
      log.debug(
        `vcda: GET /policies/${props.policyId}/status does not list org "${org}", but the policy has orgs it does not list; keeping the assignment (operationID ${operationId})`,
      );
    } else if (found.policyId !== props.policyId) {
      log.info(
        `VCDA org "${org}" is assigned policy ${found.policyId}, not ${props.policyId} (changed outside the stack) (operationID ${operationId})`,
      );
    }
    return { id, props: outputs({ ...props, org, policyId: found.policyId }) };
  }

  async update(_id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const operationId = newOperationId("policy-assignment-update");
    await getClient(news.connection).policies.assign(news.policyId, news.org, operationId);
    return { outs: outputs(news) };
  }

  async delete(id: string, props: Props): Promise<void> {
    const operationId = newOperationId("policy-assignment-delete");
    const org = props.org ?? id;
    if (props.policyId === DEFAULT_POLICY_ID) return;
    const client = getClient(props.connection);
    try {
      const found = await client.policies.assignmentOf(org, props.policyId, operationId);
      if (found.policyId !== props.policyId) {
        log.info(
          `VCDA org "${org}" has policy ${found.policyId} now, not ${props.policyId}; leaving its current assignment alone (operationID ${operationId})`,
        );
        return;
      }
      await client.policies.unassign(org, operationId);
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return;
      throw e;
    }
  }
}

export = new PolicyAssignmentProvider();
