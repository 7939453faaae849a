/**
 * Lookups of VM replications for Pulumi programs (no resource is created or managed):
 *
 * ```ts
 * const r = await vcda.getVmReplication({ id: "C4-..." });
 * const gold = await vcda.listVmReplications({ slaProfileDisplayName: "Gold", site: "site2" });
 * const out = vcda.getVmReplicationOutput({ id: replication.replicationId }); // pulumi.Output
 * const app = await vcda.getVappReplication({ id: "C4VAPP-..." });
 * ```
 *
 * They return everything the appliance reports (owner, source and destination details, settings as held, SLA
 * profile, states, lastUpdated), more than a replication resource keeps in its outputs.
 *
 * The connection comes from `connection`, then stack config `vcda:*`, then `VCDA_*` (provider/config.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { newOperationId, VcdaNotFoundError } from "../client";
import type { ConnectionArgs } from "../inputs";
import {
  getReplication,
  LIST_FILTER_KEYS,
  listReplications,
  type ReplicationEndpoint,
  type ReplicationListFilters,
  VAPP_REPLICATIONS,
  VM_REPLICATIONS,
} from "../replication/calls";
import { toServerState, type VmReplicationServerState } from "../replication/mapping";
import { toVappServerState, type VappReplicationServerState } from "../replication/vapp-mapping";
import { lookupClient as clientFor, type LookupInput, outputForm } from "./client";

export type { ReplicationListFilters } from "../replication/calls";

/** A VM replication as a lookup returns it: all the appliance reports, flattened. */
export type VmReplicationInfo = VmReplicationServerState;

/** A vApp replication as a lookup returns it: all the appliance reports, its VMs included. */
export type VappReplicationInfo = VappReplicationServerState;

export interface GetVmReplicationArgs {
  /** Replication id, `C4-<uuid>`. */
  id: string;
  /** Site to run the query on (default: the appliance's local site). */
  site?: string;
  connection?: ConnectionArgs;
}

/** Arguments of {@link getVappReplication}: the id is `C4VAPP-<uuid>`. */
export type GetVappReplicationArgs = GetVmReplicationArgs;

export interface ListVmReplicationsArgs extends ReplicationListFilters {
  site?: string;
  /** Stop after this many replications (default: all pages). */
  max?: number;
  connection?: ConnectionArgs;
}

/** GET {path}/{id}; a not-found error naming the id when it does not exist. */
async function getOne<R extends { id: string }>(
  endpoint: ReplicationEndpoint<R>,
  code: string,
  args: GetVmReplicationArgs,
): Promise<R> {
  const operationId = newOperationId(`${endpoint === VAPP_REPLICATIONS ? "vapp" : "vm"}-replication-get`);
  const r = await getReplication(clientFor(args.connection), endpoint, args.id, {
    site: args.site,
    operationId,
  });
  if (!r) {
    throw new VcdaNotFoundError({
      status: 404,
      code,
      msg: `Replication with id '${args.id}' was not found.`,
      args: [args.id],
      request: { method: "GET", path: `${endpoint.path}/${args.id}`, operationId },
    });
  }
  return r;
}

/** GET /vm-replications/{id}. Throws a not-found error naming the id when it does not exist. */
export async function getVmReplication(args: GetVmReplicationArgs): Promise<VmReplicationInfo> {
  return toServerState(await getOne(VM_REPLICATIONS, "VmReplicationNotFound", args));
}

/** GET /vapp-replications/{id} (`C4VAPP-…`). Throws a not-found error naming the id when it does not exist. */
export async function getVappReplication(args: GetVappReplicationArgs): Promise<VappReplicationInfo> {
  return toVappServerState(await getOne(VAPP_REPLICATIONS, "VappReplicationNotFound", args));
}

/** {@link getVappReplication} for `pulumi.Input` arguments. */
export const getVappReplicationOutput: (
  args: LookupInput<GetVappReplicationArgs>,
) => pulumi.Output<VappReplicationInfo> = outputForm(getVappReplication);

/** GET /vm-replications with the guide's filters (every page, or up to `max`). */
export async function listVmReplications(args: ListVmReplicationsArgs = {}): Promise<VmReplicationInfo[]> {
  const { site, max, connection, ...filters } = args;
  const operationId = newOperationId("vm-replication-list");
  // Only the guide's filters reach the query string.
  const query = Object.fromEntries(LIST_FILTER_KEYS.map((k) => [k, filters[k]]));
  const items = await listReplications(clientFor(connection), VM_REPLICATIONS, query, { site, operationId }, max);
  return items.map(toServerState);
}

/** {@link getVmReplication} for `pulumi.Input` arguments. */
export const getVmReplicationOutput: (args: LookupInput<GetVmReplicationArgs>) => pulumi.Output<VmReplicationInfo> =
  outputForm(getVmReplication);

/** {@link listVmReplications} for `pulumi.Input` arguments. */
export function listVmReplicationsOutput(
  args: LookupInput<ListVmReplicationsArgs> = {},
): pulumi.Output<VmReplicationInfo[]> {
  return outputForm(listVmReplications)(args);
}
