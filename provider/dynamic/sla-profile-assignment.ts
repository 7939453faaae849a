/**
 * Provider of `vcda:SlaProfileAssignment` (token `pulumi-nodejs:dynamic/vcda:SlaProfileAssignment`): gives a local
 * VCD org an SLA profile. The id is `<org>/<slaProfileId>`.
 *
 * - check: both are required non-empty strings. No API call.
 * - diff: `org` or `slaProfileId` → replace (an assignment is the pair); `connection.endpoint` → replace.
 * - create: POST /sla-profiles/orgs/{org}/profiles/{id} (201; reference …/latest/sla-profiles/orgs/org/profiles/
 *   profileId/post).
 * - read: no endpoint lists an org's profiles; GET /sla-profiles counts each profile's orgs. A profile that is gone,
 *   or that no org has any more, means the assignment is gone; otherwise it is kept as it is. Without state
 *   (`pulumi import` through the plugin, by the id `<org>/<slaProfileId>`) the same rule, and it also returns the
 *   inputs the id names.
 * - delete: DELETE on the same path (204); a profile or org already gone (404) counts as done.
 *
 * This module's only export is the provider instance.
 */
import type * as pulumi from "@pulumi/pulumi";
import { validateConnection } from "../client/connection";
import { getClient, newOperationId, VcdaNotFoundError } from "../client/index";
import { configureFromRequest } from "../config";
import type { SlaProfileAssignmentInputs } from "../inputs";
import { log } from "../log";
import { changedKeys, connectionDiff, defined, isUnknown } from "./policy-common";

type Props = SlaProfileAssignmentInputs;

/** The org and profile an id `<org>/<slaProfileId>` names. */
function pairOf(id: string): Pick<Props, "org" | "slaProfileId"> {
  const slash = id.indexOf("/");
  const org = id.slice(0, slash);
  const slaProfileId = id.slice(slash + 1);
  if (slash <= 0 || !slaProfileId || slaProfileId.includes("/")) {
    throw new Error(
      `SlaProfileAssignment id ${JSON.stringify(id)} is not <org>/<slaProfileId> (e.g. org2/2bfb7696-3aa1-49d3-bb40-d9e97df1baba)`,
    );
  }
  return { org, slaProfileId };
}

const outputs = (p: Props) => defined({ org: p.org, slaProfileId: p.slaProfileId, connection: p.connection });

class SlaProfileAssignmentProvider implements pulumi.dynamic.ResourceProvider {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    for (const [k, what] of [
      ["org", "the short name of a local VCD organization"],
      ["slaProfileId", "the id of an SLA profile (getSlaProfileOutput({ name }).id)"],
    ] as const) {
      const v = news[k] as unknown;
      if (v === undefined || v === null || v === "")
        failures.push({ property: k, reason: `${k}: is required (${what})` });
      else if (!isUnknown(v) && (typeof v !== "string" || /[\s/?#]/.test(v))) {
        failures.push({
          property: k,
          reason: `${k}: ${JSON.stringify(v)} is not allowed: must be ${what}, without whitespace, "/", "?" or "#"`,
        });
      }
    }
    failures.push(...validateConnection(news.connection));
    return failures.length ? { inputs: news, failures } : { inputs: news };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = changedKeys(olds as never, news as never, ["org", "slaProfileId"]);
    const conn = connectionDiff(olds as never, news as never);
    return {
      changes: changed.length > 0 || conn.changed,
      replaces: [...changed, ...(conn.replace ? ["connection"] : [])],
      deleteBeforeReplace: false,
    };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const op = newOperationId("sla-profile-assignment-create");
    await getClient(inputs.connection).inventory.assignSlaProfile(inputs.org, inputs.slaProfileId, op);
    return { id: `${inputs.org}/${inputs.slaProfileId}`, outs: outputs(inputs) };
  }

  async read(id: string, state?: Props): Promise<pulumi.dynamic.ReadResult> {
    const op = newOperationId("sla-profile-assignment-read");
    // Without state (`pulumi import`), the id names the pair.
    const stateless = state?.org === undefined || state?.slaProfileId === undefined;
    const props = stateless ? { ...state, ...pairOf(id) } : state;
    const profile = (await getClient(props.connection).inventory.slaProfiles(op)).find(
      (p) => p.id === props.slaProfileId,
    );
    if (!profile || profile.orgs === 0) {
      log.info(
        `VCDA SLA profile ${props.slaProfileId} ${profile ? "is assigned to no org" : "no longer exists"}; the assignment to org "${props.org}" is gone (operationID ${op})`,
      );
      return { id: "", props: {} };
    }
    return stateless ? { id, props: outputs(props), inputs: outputs(props) } : { id, props: outputs(props) };
  }

  async update(_id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    // Only the connection can change in place (org and slaProfileId replace).
    return { outs: outputs(news) };
  }

  async delete(_id: string, props: Props): Promise<void> {
    const op = newOperationId("sla-profile-assignment-delete");
    try {
      await getClient(props.connection).inventory.unassignSlaProfile(props.org, props.slaProfileId, op);
    } catch (e) {
      if (e instanceof VcdaNotFoundError) return;
      throw e;
    }
  }
}

export = new SlaProfileAssignmentProvider();
