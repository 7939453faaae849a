/**
 * The VM-replication calls of the VCDA API, over the shared client (`client.request` / `client.waitForTask`).
 * Kept beside the provider until the client grows a `replications` API of its own.
 */

import { REPLICATION_NOT_FOUND_CODES } from "../api/error";
import {
  type ApiCreateReplication,
  type ApiReconfigureSettings,
  type ApiVmReplication,
  VmReplicationPageSchema,
  VmReplicationSchema,
} from "../api/replication";
import { type Task, TaskPageSchema, TaskSchema } from "../api/task";
import { VcdaApiError, type VcdaClient, VcdaNotFoundError } from "../client";

/** Where a call runs: the `site` query parameter (omitted = the appliance's local site) and the operation id. */
export interface CallContext {
  site?: string | undefined;
  operationId: string;
}

const path = (id: string) => `/vm-replications/${encodeURIComponent(id)}`;

/** GET /vm-replications/{id}; `undefined` when the appliance answers 404. */
export async function getReplication(
  client: VcdaClient,
  id: string,
  ctx: CallContext,
): Promise<ApiVmReplication | undefined> {
  try {
    return await client.request({
      method: "GET",
      path: path(id),
      ...(ctx.site ? { query: { site: ctx.site } } : {}),
      schema: VmReplicationSchema,
      operationId: ctx.operationId,
    });
  } catch (e) {
    if (e instanceof VcdaNotFoundError) return undefined;
    throw e;
  }
}

/** Filters of GET /vm-replications (guide L8244-8358). Values are sent as given. */
export interface ReplicationListFilters {
  owner?: string;
  sourceSite?: string;
  sourceSiteType?: string;
  sourceVdcId?: string;
  sourceVdcName?: string;
  sourceOrg?: string;
  sourceVimServerUuid?: string;
  vmId?: string;
  /** Substring match. */
  vmName?: string;
  storageProfile?: string;
  destinationOrg?: string;
  destinationVdcId?: string;
  destinationVdcName?: string;
  destinationSiteType?: string;
  recoveredVmId?: string;
  vimServerInstanceUuid?: string;
  datastoreMoref?: string;
  isMigration?: boolean;
  slaProfileId?: string;
  slaProfileDisplayName?: string;
  /** Epoch ms, exclusive. */
  lastUpdatedBefore?: number;
  /** Epoch ms, exclusive. */
  lastUpdatedAfter?: number;
  overallHealth?: string;
  dataConnectionState?: string;
  /** Replication ids. */
  ids?: string[];
  /** e.g. `vmName,lastUpdated-`. */
  sort?: string;
}

/** Query parameter names accepted by {@link listReplications}. */
export const LIST_FILTER_KEYS: ReadonlyArray<keyof ReplicationListFilters> = [
  "owner",
  "sourceSite",
  "sourceSiteType",
  "sourceVdcId",
  "sourceVdcName",
  "sourceOrg",
  "sourceVimServerUuid",
  "vmId",
  "vmName",
  "storageProfile",
  "destinationOrg",
  "destinationVdcId",
  "destinationVdcName",
  "destinationSiteType",
  "recoveredVmId",
  "vimServerInstanceUuid",
  "datastoreMoref",
  "isMigration",
  "slaProfileId",
  "slaProfileDisplayName",
  "lastUpdatedBefore",
  "lastUpdatedAfter",
  "overallHealth",
  "dataConnectionState",
  "ids",
  "sort",
];

/**
 * GET /vm-replications with filters, following pages (100 per page, the server's cap) until `max` items or the end.
 */
export async function listReplications(
  client: VcdaClient,
  filters: ReplicationListFilters,
  ctx: CallContext,
  max = Number.POSITIVE_INFINITY,
): Promise<ApiVmReplication[]> {
  const query: Record<string, string | number | boolean> = {};
  for (const k of LIST_FILTER_KEYS) {
    const v = filters[k];
    if (v === undefined || v === null) continue;
    query[k] = Array.isArray(v) ? v.join(",") : v;
  }
  if (ctx.site) query.site = ctx.site;
  const out: ApiVmReplication[] = [];
  for (let offset = 0; out.length < max; ) {
    const page = await client.request({
      method: "GET",
      path: "/vm-replications",
      query: { ...query, offset, limit: 100 },
      schema: VmReplicationPageSchema,
      operationId: ctx.operationId,
    });
    out.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || (typeof page.total === "number" && offset >= page.total)) break;
  }
  return out.slice(0, max);
}

async function startTask(
  client: VcdaClient,
  method: "POST" | "PATCH" | "DELETE",
  p: string,
  body: unknown,
  ctx: CallContext,
  idempotent: boolean,
): Promise<Task> {
  return client.request({
    method,
    path: p,
    ...(ctx.site ? { query: { site: ctx.site } } : {}),
    ...(body !== undefined ? { body } : {}),
    schema: TaskSchema,
    operationId: ctx.operationId,
    idempotent,
  });
}

/** POST /vm-replications → the `start` task (202). Not idempotent: a lost answer may hide a created replication. */
export function startCreate(client: VcdaClient, body: ApiCreateReplication, ctx: CallContext): Promise<Task> {
  return startTask(client, "POST", "/vm-replications", body, ctx, false);
}

/** PATCH /vm-replications/{id} → the `reconfigure` task. Idempotent (it sets absolute values). */
export function startReconfigure(
  client: VcdaClient,
  id: string,
  body: ApiReconfigureSettings,
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "PATCH", path(id), body, ctx, true);
}

/** PATCH /vm-replications/{id}/disks with the complete set of excluded disk keys (decisions #18). Idempotent. */
export function startDisks(client: VcdaClient, id: string, excluded: number[], ctx: CallContext): Promise<Task> {
  return startTask(client, "PATCH", `${path(id)}/disks`, [...excluded], ctx, true);
}

/** POST /vm-replications/{id}/pause or /resume (site in the query, no body; decisions #19). Idempotent. */
export function startPauseResume(
  client: VcdaClient,
  id: string,
  action: "pause" | "resume",
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "POST", `${path(id)}/${action}`, undefined, ctx, true);
}

/** DELETE /vm-replications/{id} → the `stop` task; `undefined` when the replication is already gone (404). */
export async function startDelete(client: VcdaClient, id: string, ctx: CallContext): Promise<Task | undefined> {
  try {
    return await startTask(client, "DELETE", path(id), undefined, ctx, true);
  } catch (e) {
    if (e instanceof VcdaNotFoundError || (e instanceof VcdaApiError && REPLICATION_NOT_FOUND_CODES.has(e.code)))
      return undefined;
    throw e;
  }
}

/** RUNNING `start` tasks of VM replications that began after `since` (appliance time, ms): GET /tasks (since v4). */
export async function startTasksSince(client: VcdaClient, since: number, ctx: CallContext): Promise<Task[]> {
  const page = await client.request({
    method: "GET",
    path: "/tasks",
    query: {
      type: "start",
      resourceType: "vmReplication",
      state: "RUNNING",
      startTimeAfter: since,
      limit: 100,
      ...(ctx.site ? { site: ctx.site } : {}),
    },
    schema: TaskPageSchema,
    operationId: ctx.operationId,
  });
  return page.items;
}

/** The replication in a SUCCEEDED task's `result`, or `undefined` when the result is missing or not a replication. */
export function replicationOfTask(task: Task): ApiVmReplication | undefined {
  const parsed = VmReplicationSchema.safeParse(task.result);
  return parsed.success ? parsed.data : undefined;
}
