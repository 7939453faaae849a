/**
 * The replication calls of the VCDA API, over the shared client (`client.request` / `client.waitForTask`), for both
 * kinds: VM replications (`/vm-replications`) and vApp replications (`/vapp-replications`) share their verbs (create,
 * read, list, PATCH settings, pause, resume, delete; guide §3.3-3.5, reference vapp-replications pages).
 */
import { z } from "zod";

import { REPLICATION_NOT_FOUND_CODES } from "../api/error";
import {
  type ApiInstance,
  type ApiReconfigureSettings,
  type ApiVappReplication,
  type ApiVmReplication,
  InstanceSchema,
  VappReplicationPageSchema,
  VappReplicationSchema,
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

/** Where one kind of replication lives in the API. */
export interface ReplicationEndpoint<R extends { id: string }> {
  /** `/vm-replications` or `/vapp-replications`. */
  path: string;
  /** `workflowInfo.resourceType` of its tasks. */
  resourceType: string;
  /** The tolerant schema of one replication (also the `result` of its tasks). */
  schema: z.ZodType<R>;
  /** The paged list of GET `path`. */
  page: z.ZodType<{ items: R[]; total?: number | null | undefined }>;
  /**
   * The list's items are documented as the very body of `GET {path}/{id}`, so reads may be batched into a list
   * (batch-read.ts). VM replications: guide L8232-8509 and L8790-9187. vApp replications: not shown for the list.
   */
  listHasFullItems: boolean;
}

/** VM replications (`C4-…`). */
export const VM_REPLICATIONS: ReplicationEndpoint<ApiVmReplication> = {
  path: "/vm-replications",
  resourceType: "vmReplication",
  schema: VmReplicationSchema,
  page: VmReplicationPageSchema,
  listHasFullItems: true,
};

/** vApp replications (`C4VAPP-…`), whose VMs are VM replications (`vmReplications`). */
export const VAPP_REPLICATIONS: ReplicationEndpoint<ApiVappReplication> = {
  path: "/vapp-replications",
  resourceType: "vappReplication",
  schema: VappReplicationSchema,
  page: VappReplicationPageSchema,
  listHasFullItems: false,
};

const pathOf = (ep: { path: string }, id: string) => `${ep.path}/${encodeURIComponent(id)}`;

/** GET `{path}/{id}`; `undefined` when the appliance answers 404. */
export async function getReplication<R extends { id: string }>(
  client: VcdaClient,
  ep: ReplicationEndpoint<R>,
  id: string,
  ctx: CallContext,
): Promise<R | undefined> {
  try {
    return await client.request({
      method: "GET",
      path: pathOf(ep, id),
      ...(ctx.site ? { query: { site: ctx.site } } : {}),
      schema: ep.schema,
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
 * GET `{path}` with filters, following pages (100 per page, the server's cap) until `max` items or the end.
 * Array values are sent comma-separated.
 */
export async function listReplications<R extends { id: string }>(
  client: VcdaClient,
  ep: ReplicationEndpoint<R>,
  filters: Record<string, string | number | boolean | string[] | undefined>,
  ctx: CallContext,
  max = Number.POSITIVE_INFINITY,
): Promise<R[]> {
  const query: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null) continue;
    query[k] = Array.isArray(v) ? v.join(",") : v;
  }
  if (ctx.site) query.site = ctx.site;
  const out: R[] = [];
  for (let offset = 0; out.length < max; ) {
    const page = await client.request({
      method: "GET",
      path: ep.path,
      query: { ...query, offset, limit: 100 },
      schema: ep.page,
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

/** POST `{path}` → the `start` task (202). Not idempotent: a lost answer may hide a created replication. */
export function startCreate(client: VcdaClient, ep: { path: string }, body: unknown, ctx: CallContext): Promise<Task> {
  return startTask(client, "POST", ep.path, body, ctx, false);
}

/** PATCH `{path}/{id}` → the `reconfigure` task. Idempotent (it sets absolute values). */
export function startReconfigure(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  body: ApiReconfigureSettings,
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "PATCH", pathOf(ep, id), body, ctx, true);
}

/** PATCH /vm-replications/{id}/disks with the complete set of excluded disk keys (decisions #18). Idempotent. */
export function startDisks(client: VcdaClient, id: string, excluded: number[], ctx: CallContext): Promise<Task> {
  return startTask(client, "PATCH", `${pathOf(VM_REPLICATIONS, id)}/disks`, [...excluded], ctx, true);
}

/** POST `{path}/{id}/pause` or `/resume` (site in the query, no body; decisions #19). Idempotent. */
export function startPauseResume(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  action: "pause" | "resume",
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "POST", `${pathOf(ep, id)}/${action}`, undefined, ctx, true);
}

/** GET /vm-replications/{id}/instances: the point-in-time instances of a VM replication (L9189-9293). */
export function listInstances(client: VcdaClient, id: string, ctx: CallContext): Promise<ApiInstance[]> {
  return client.request({
    method: "GET",
    path: `${pathOf(VM_REPLICATIONS, id)}/instances`,
    ...(ctx.site ? { query: { site: ctx.site } } : {}),
    schema: z.array(InstanceSchema),
    operationId: ctx.operationId,
  });
}

/** POST `{path}/{id}/failover-test` → the `failoverTest` task. Not repeated after an unknown outcome. */
export function startFailoverTest(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  body: Record<string, unknown>,
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "POST", `${pathOf(ep, id)}/failover-test`, body, ctx, false);
}

/** DELETE `{path}/{id}/failover-test` → the `failoverTestCleanup` task; `undefined` when the replication is gone. */
export async function startFailoverTestCleanup(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  ctx: CallContext,
): Promise<Task | undefined> {
  try {
    return await startTask(client, "DELETE", `${pathOf(ep, id)}/failover-test`, undefined, ctx, true);
  } catch (e) {
    if (e instanceof VcdaNotFoundError || (e instanceof VcdaApiError && REPLICATION_NOT_FOUND_CODES.has(e.code)))
      return undefined;
    throw e;
  }
}

/** POST `{path}/{id}/migrate` with the migrate options → the `migrate` task. Not repeated after an unknown outcome. */
export function startMigrate(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  body: Record<string, unknown>,
  ctx: CallContext,
): Promise<Task> {
  return startTask(client, "POST", `${pathOf(ep, id)}/migrate`, body, ctx, false);
}

/** DELETE `{path}/{id}` → the `stop` task; `undefined` when the replication is already gone (404). */
export async function startDelete(
  client: VcdaClient,
  ep: { path: string },
  id: string,
  ctx: CallContext,
): Promise<Task | undefined> {
  try {
    return await startTask(client, "DELETE", pathOf(ep, id), undefined, ctx, true);
  } catch (e) {
    if (e instanceof VcdaNotFoundError || (e instanceof VcdaApiError && REPLICATION_NOT_FOUND_CODES.has(e.code)))
      return undefined;
    throw e;
  }
}

/** RUNNING `start` tasks of one replication kind that began after `since` (appliance time, ms): GET /tasks (v4+). */
export async function startTasksSince(
  client: VcdaClient,
  ep: { resourceType: string },
  since: number,
  ctx: CallContext,
): Promise<Task[]> {
  const page = await client.request({
    method: "GET",
    path: "/tasks",
    query: {
      type: "start",
      resourceType: ep.resourceType,
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
export function replicationOfTask<R extends { id: string }>(ep: ReplicationEndpoint<R>, task: Task): R | undefined {
  const parsed = ep.schema.safeParse(task.result);
  return parsed.success ? parsed.data : undefined;
}
