/**
 * Lookups of VM replications for Pulumi programs (no resource is created or managed):
 *
 * ```ts
 * const r = await vcda.getVmReplication({ id: "C4-..." });
 * const gold = await vcda.listVmReplications({ slaProfileDisplayName: "Gold", site: "site2" });
 * const out = vcda.getVmReplicationOutput({ id: replication.replicationId }); // pulumi.Output
 * ```
 *
 * The connection comes from `connection`, then stack config `vcda:*`, then `VCDA_*` (provider/config.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { newOperationId, VcdaNotFoundError } from "../client";
import type { ConnectionArgs } from "../inputs";
import {
  getReplication,
  LIST_FILTER_KEYS,
  listReplications,
  type ReplicationListFilters,
  VM_REPLICATIONS,
} from "../replication/calls";
import { toServerState, type VmReplicationServerState } from "../replication/mapping";
import { lookupClient as clientFor } from "./client";

export type { ReplicationListFilters } from "../replication/calls";

/** A replication as a lookup returns it: the server state of a VmReplication resource. */
export type VmReplicationInfo = VmReplicationServerState;

export interface GetVmReplicationArgs {
  /** Replication id, `C4-<uuid>`. */
  id: string;
  /** Site to run the query on (default: the appliance's local site). */
  site?: string;
  connection?: ConnectionArgs;
}

export interface ListVmReplicationsArgs extends ReplicationListFilters {
  site?: string;
  /** Stop after this many replications (default: all pages). */
  max?: number;
  connection?: ConnectionArgs;
}

/** GET /vm-replications/{id}. Throws a not-found error naming the id when it does not exist. */
export async function getVmReplication(args: GetVmReplicationArgs): Promise<VmReplicationInfo> {
  const operationId = newOperationId("vm-replication-get");
  const r = await getReplication(clientFor(args.connection), VM_REPLICATIONS, args.id, {
    site: args.site,
    operationId,
  });
  if (!r) {
    throw new VcdaNotFoundError({
      status: 404,
      code: "VmReplicationNotFound",
      msg: `Replication with id '${args.id}' was not found.`,
      args: [args.id],
      request: { method: "GET", path: `/vm-replications/${args.id}`, operationId },
    });
  }
  return toServerState(r);
}

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
export function getVmReplicationOutput(args: pulumi.Input<GetVmReplicationArgs>): pulumi.Output<VmReplicationInfo> {
  return pulumi.output(args).apply((a) => getVmReplication(a as GetVmReplicationArgs));
}

/** {@link listVmReplications} for `pulumi.Input` arguments. */
export function listVmReplicationsOutput(
  args: pulumi.Input<ListVmReplicationsArgs> = {},
): pulumi.Output<VmReplicationInfo[]> {
  return pulumi.output(args).apply((a) => listVmReplications(a as ListVmReplicationsArgs));
}
