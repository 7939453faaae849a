/**
 * Reads of single replications that arrive together (a refresh reads up to `--parallel` resources at once) are
 * answered by one `GET {path}?ids=a,b,…` per kind and site instead of one GET each: the `ids` filter of guide
 * L8340-8342, for the kinds whose list items are documented as full replications (`listHasFullItems`: VM
 * replications; vApp replications are read one by one).
 *
 * The list only ever saves requests; it never decides that a replication is gone. An id it does not return is read
 * on its own (`GET {path}/{id}`), and only that 404 drops it. A list that fails, does not parse, or answers with
 * replications that were not asked for (an appliance ignoring the filter) falls back to single reads; unless the
 * failure may pass (5xx, 429, the network), listing stops for that kind and site for the rest of the process.
 */
import { VcdaApiError, type VcdaClient, VcdaResponseFormatError } from "../client";
import { log } from "../log";
import { type CallContext, getReplication, listReplications, type ReplicationEndpoint } from "./calls";

/** At most this many ids per list: one page (the server's cap is 100) and a URL of about 4 kB. */
export const MAX_IDS_PER_LIST = 100;

/**
 * Lists answered at once per kind and site; reads that arrive meanwhile wait for the next. At N = 500 a refresh took
 * 4.2 s with 4, 4.9 s with 1 and 4.6 s with single GETs only (mean of four alternating runs).
 */
const MAX_LISTS_IN_FLIGHT = 4;

interface Pending<R> {
  id: string;
  ctx: CallContext;
  resolve: (r: R | undefined) => void;
  reject: (e: unknown) => void;
}

interface Queue<R> {
  pending: Pending<R>[];
  /** A flush is scheduled for the next turn of the event loop. */
  scheduled: boolean;
  /** Lists (or single reads) being answered. */
  inFlight: number;
  /** False once the appliance showed it cannot answer `ids`: then every read is a single GET. */
  listWorks: boolean;
}

const queues = new WeakMap<VcdaClient, Map<string, Queue<{ id: string }>>>();
let batchSeq = 0;

/** GET of one replication, coalesced with the reads of other replications of the same kind and site. */
export function readReplication<R extends { id: string }>(
  client: VcdaClient,
  ep: ReplicationEndpoint<R>,
  id: string,
  ctx: CallContext,
): Promise<R | undefined> {
  let byKey = queues.get(client);
  if (!byKey) {
    byKey = new Map();
    queues.set(client, byKey);
  }
  const key = `${ep.path} ${ctx.site ?? ""}`;
  let q = byKey.get(key) as Queue<R> | undefined;
  if (!q) {
    q = { pending: [], scheduled: false, inFlight: 0, listWorks: true };
    byKey.set(key, q as unknown as Queue<{ id: string }>);
  }
  if (!ep.listHasFullItems || !q.listWorks) return getReplication(client, ep, id, ctx);
  const queue = q;
  return new Promise<R | undefined>((resolve, reject) => {
    queue.pending.push({ id, ctx, resolve, reject });
    schedule(client, ep, queue);
  });
}

/** Reads that arrive in the same turn of the event loop, or while the lists in flight are answered, go together. */
function schedule<R extends { id: string }>(client: VcdaClient, ep: ReplicationEndpoint<R>, q: Queue<R>) {
  if (q.scheduled || q.pending.length === 0 || q.inFlight >= MAX_LISTS_IN_FLIGHT) return;
  q.scheduled = true;
  setImmediate(() => {
    q.scheduled = false;
    void flush(client, ep, q);
  });
}

async function flush<R extends { id: string }>(client: VcdaClient, ep: ReplicationEndpoint<R>, q: Queue<R>) {
  if (q.pending.length === 0 || q.inFlight >= MAX_LISTS_IN_FLIGHT) return;
  const batch = q.pending.splice(0, MAX_IDS_PER_LIST);
  q.inFlight++;
  schedule(client, ep, q); // more than one list's worth waiting: the next goes out beside this one
  try {
    await answer(client, ep, q, batch);
  } finally {
    q.inFlight--;
    schedule(client, ep, q);
  }
}

async function answer<R extends { id: string }>(
  client: VcdaClient,
  ep: ReplicationEndpoint<R>,
  q: Queue<R>,
  batch: Pending<R>[],
): Promise<void> {
  const ids = [...new Set(batch.map((p) => p.id))];
  let found = new Map<string, R>();
  if (ids.length > 1 && q.listWorks) found = await list(client, ep, q, ids, batch);
  await Promise.all(
    batch.map(async (p) => {
      const hit = found.get(p.id);
      if (hit) return p.resolve(hit);
      try {
        p.resolve(await getReplication(client, ep, p.id, p.ctx));
      } catch (e) {
        p.reject(e);
      }
    }),
  );
}

/** One list page of `ids`; an empty map when the list cannot be trusted (the reads then go one by one). */
async function list<R extends { id: string }>(
  client: VcdaClient,
  ep: ReplicationEndpoint<R>,
  q: Queue<R>,
  ids: string[],
  batch: Pending<R>[],
): Promise<Map<string, R>> {
  const site = batch[0]?.ctx.site;
  const operationId = `vcda-read-batch-${++batchSeq}`;
  const ops = [...new Set(batch.map((p) => p.ctx.operationId))];
  log.debug(
    `vcda reading ${ids.length} ${ep.resourceType}(s) in one list for ${ops.join(", ")} (operationID ${operationId})`,
  );
  let items: R[];
  try {
    items = await listReplications(client, ep, { ids }, { site, operationId }, MAX_IDS_PER_LIST);
  } catch (e) {
    // A list that does not parse (one odd item) or is refused is not worth repeating; a 5xx or 429 may pass.
    if (e instanceof VcdaResponseFormatError || (e instanceof VcdaApiError && isRefusal(e.status))) q.listWorks = false;
    log.debug(`vcda GET ${ep.path}?ids=… failed, reading one by one: ${(e as Error).message}`);
    return new Map();
  }
  const wanted = new Set(ids);
  if (items.some((r) => !wanted.has(r.id))) {
    q.listWorks = false;
    log.debug(`vcda GET ${ep.path}?ids=… answered with other replications (filter not applied): reading one by one`);
    return new Map();
  }
  return new Map(items.map((r) => [r.id, r]));
}

const isRefusal = (status: number | undefined) =>
  status !== undefined && status >= 400 && status < 500 && status !== 429;
