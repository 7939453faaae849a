/**
 * VCDA client: one shared, logged-in client per endpoint and identity per process.
 *
 * Stable surface (used by the Policy, DefaultPolicy, PolicyAssignment and VmReplication providers):
 *
 * ```ts
 * getClient(conn?: ConnectionArgs | ResolvedConnection): VcdaClient      // cached per endpoint+authType+username+TLS
 * createClient(conn, options?: VcdaClientOptions): VcdaClient          // uncached (tests, custom transport)
 * newOperationId(kind: string): string                                 // "vcda-<kind>-<uuid>", one per resource operation
 *
 * client.request<T>({ method, path, query?, body?, schema?, operationId, idempotent? }): Promise<T>
 *   // versioned Accept + operationID + X-VCAV-Auth; retries per retry.ts; one re-login on 401;
 *   // `query.site` → ensureSite first; `schema` (zod) parses the body, failures name the field; no schema → parsed JSON
 *   // (or undefined for an empty body). Errors: VcdaApiError subclasses from errors.ts.
 * client.waitForTask(task | taskId, { timeoutMs, operationId, onProgress?, site? }): Promise<Task>
 *   // SUCCEEDED → the task; FAILED → VcdaTaskFailedError (task's error code/msg); deadline → VcdaTimeoutError
 *   // (taskId, lastState, progress). Concurrent waits share one POST /tasks/poll per interval. onProgress on each
 *   // change; long waits show on the console (pulumi.log.info) every 15 s, every change in the debug log.
 * client.ensureSite(site, operationId): Promise<void>                    // POST /sessions/extend when configured/needed
 * client.policies: PoliciesApi                                         // typed policy calls (policies.ts)
 * client.endpoint, client.session (Session), client.tasks (TaskWaiter)
 * ```
 * Errors: VcdaApiError, VcdaNotFoundError, VcdaConflictError, VcdaValidationError, VcdaAuthError, VcdaConnectionError
 * (`outcomeUnknown`), VcdaTimeoutError, VcdaTaskFailedError, VcdaResponseFormatError; `hasCode(err, ...codes)`.
 */
import { randomUUID } from "node:crypto";
import { REMOTE_SITE_AUTH_CODES } from "../api/error";
import type { Task } from "../api/task";
import { FALLBACK_API_VERSION } from "../api/version";
import { log } from "../log";
import { resolveConnection } from "./connection";
import { describeIssue, requestOf, VcdaAuthError, VcdaResponseFormatError } from "./errors";
import { HttpClient, type RawResponse, type Transport } from "./http";
import { InventoryApi } from "./inventory";
import { PoliciesApi } from "./policies";
import type { RetryPolicy } from "./retry";
import { Session } from "./session";
import { TaskWaiter, type TaskWaiterOptions, type WaitForTaskOptions } from "./tasks";
import type { ConnectionArgs, ResolvedConnection, VcdaRequestOptions } from "./types";

export type { Task } from "../api/task";
export * from "./errors";
export type { RawResponse, TlsOptions, Transport } from "./http";
export { PoliciesApi } from "./policies";
export type { RetryPolicy } from "./retry";
export type { WaitForTaskOptions } from "./tasks";
export type { AuthType, ConnectionArgs, ResolvedConnection, SiteAuth, SiteAuthArgs, VcdaRequestOptions } from "./types";

export interface VcdaClientOptions {
  transport?: Transport;
  retry?: Partial<RetryPolicy>;
  requestTimeoutMs?: number;
  tasks?: TaskWaiterOptions;
  sleep?: (ms: number) => Promise<void>;
  /** How often a long-running task's progress is shown on the console, ms (default 15 s). */
  progressEveryMs?: number;
}

/** A new operation id: `vcda-<kind>-<uuid>`. Use one per resource operation (create, update, read...). */
export function newOperationId(kind: string): string {
  return `vcda-${kind}-${randomUUID()}`;
}

export class VcdaClient {
  readonly endpoint: string;
  private readonly progressEveryMs: number;
  readonly http: HttpClient;
  readonly session: Session;
  readonly tasks: TaskWaiter;
  readonly policies: PoliciesApi;
  readonly inventory: InventoryApi;

  constructor(conn: ResolvedConnection, options: VcdaClientOptions = {}) {
    this.endpoint = conn.endpoint;
    this.progressEveryMs = options.progressEveryMs ?? 15_000;
    this.http = new HttpClient({
      endpoint: conn.endpoint,
      tls: { ...(conn.caPem ? { caPem: conn.caPem } : {}), insecure: conn.insecure },
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.session = new Session(this.http, conn);
    this.tasks = new TaskWaiter(this, options.tasks);
    this.policies = new PoliciesApi(this);
    this.inventory = new InventoryApi(this);
    if (conn.insecure && conn.endpoint.startsWith("https:")) {
      log.warn(
        `TLS certificate verification is disabled for ${conn.endpoint} (vcda:insecure / VCDA_INSECURE). Credentials can be intercepted; set vcda:caCert instead.`,
      );
    }
  }

  /** Sends an authenticated request and parses the response (see the module comment). */
  async request<T = unknown>(opts: VcdaRequestOptions<T>): Promise<T> {
    const site = typeof opts.query?.site === "string" ? opts.query.site : undefined;
    let token = await this.session.getToken(opts.operationId);
    if (site) await this.session.ensureSite(site, opts.operationId);
    const send = (t: string) =>
      this.http.send({
        method: opts.method,
        path: opts.path,
        ...(opts.query ? { query: opts.query } : {}),
        ...(opts.body !== undefined ? { body: opts.body } : {}),
        headers: { "X-VCAV-Auth": t },
        operationId: opts.operationId,
        ...(opts.idempotent !== undefined ? { idempotent: opts.idempotent } : {}),
      });
    let res: RawResponse;
    try {
      res = await send(token);
    } catch (e) {
      if (!(e instanceof VcdaAuthError) || e.status !== 401) throw e;
      if (site && !e.sessionExpired && (REMOTE_SITE_AUTH_CODES.has(e.code) || !this.session.hasSite(site))) {
        // The session is fine but does not reach `site` (or no longer does): extend it there and try again.
        if (!this.session.siteAuthFor(site)) {
          throw new VcdaAuthError({
            status: 401,
            code: e.code,
            ...(e.msg !== undefined ? { msg: e.msg } : {}),
            request: requestOf(e, opts.operationId),
            hint: `The session does not reach site "${site}". Configure how to log in to it: vcda:sites (or VCDA_SITES) = {"${site}": {"type": "multisite", "org": "<org>"}}, or type "credentials"/"accessToken".`,
          });
        }
        await this.session.ensureSite(site, opts.operationId, true);
      } else {
        token = await this.session.relogin(token, opts.operationId);
        if (site) await this.session.ensureSite(site, opts.operationId);
      }
      try {
        res = await send(token);
      } catch (e2) {
        if (e2 instanceof VcdaAuthError && e2.status === 401) {
          throw new VcdaAuthError({
            status: 401,
            code: e2.code,
            ...(e2.msg !== undefined ? { msg: e2.msg } : {}),
            request: requestOf(e2, opts.operationId),
            hint: `The appliance at ${this.endpoint} still rejects the session after logging in again${site ? ` and extending it to site "${site}"` : ""}; check the credentials, vcda:sites and the user's roles.`,
          });
        }
        throw e2;
      }
    }
    const info = {
      method: opts.method,
      path: opts.path,
      operationId: opts.operationId,
      ...(this.http.apiVersion ? { apiVersion: this.http.apiVersion } : {}),
    };
    if (res.text.trim() === "") {
      if (opts.schema) {
        const empty = opts.schema.safeParse(undefined);
        if (empty.success) return empty.data;
        throw new VcdaResponseFormatError({
          status: res.status,
          code: "UnexpectedResponse",
          msg: "the response body is empty",
          request: info,
        });
      }
      return undefined as T;
    }
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      throw new VcdaResponseFormatError({
        status: res.status,
        code: "UnexpectedResponse",
        msg: "the response body is not JSON",
        request: info,
      });
    }
    if (!opts.schema) return json as T;
    const parsed = opts.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new VcdaResponseFormatError({
      status: res.status,
      code: "UnexpectedResponse",
      msg: describeIssue(parsed.error.issues[0], json),
      request: info,
    });
  }

  /**
   * Waits for a task (see the module comment). Progress is logged through pulumi.log.info. Given the task as the
   * appliance answered it (not only its id), the wait knows its kind of work and so when it usually ends.
   */
  waitForTask(task: string | Task, opts: WaitForTaskOptions): Promise<Task> {
    const taskId = typeof task === "string" ? task : task.id;
    const workflowType = typeof task === "string" ? undefined : (task.workflowInfo?.type ?? undefined);
    // Every change goes to the debug log; the console hears only about long waits, every progressEveryMs, so a
    // stack of hundreds of quick tasks stays readable while a long initial sync still shows it is moving.
    const started = Date.now();
    let lastShown = started;
    let lastSeen: string | undefined;
    const onProgress = (t: Task) => {
      const wf = t.workflowInfo?.type
        ? ` ${t.workflowInfo.type}${t.workflowInfo.resourceType ? `/${t.workflowInfo.resourceType}` : ""}`
        : "";
      const target = t.workflowInfo?.resourceId ? ` ${t.workflowInfo.resourceId}` : "";
      const pct = t.progress !== undefined && t.progress !== null ? ` ${t.progress}%` : "";
      const line = `VCDA task ${t.id}${wf}${target}: ${t.state}${pct}`;
      const now = Date.now();
      if (t.state === "RUNNING" && now - lastShown >= this.progressEveryMs) {
        lastShown = now;
        log.info(`${line}, running for ${Math.round((now - started) / 1000)} s (operationID ${opts.operationId})`);
      }
      const seen = `${t.state} ${t.progress}`;
      if (seen === lastSeen) return;
      lastSeen = seen;
      log.debug(line);
      opts.onProgress?.(t);
    };
    return this.tasks.wait(taskId, { ...(workflowType ? { workflowType } : {}), ...opts, onProgress });
  }

  /** The API version requests are sent with, when already known. */
  currentApiVersion(): string | undefined {
    return this.http.apiVersion;
  }

  /** The API version requests are sent with, logging in first when needed (version.ts). */
  async apiVersion(operationId: string): Promise<string> {
    await this.session.getToken(operationId);
    return this.http.apiVersion ?? FALLBACK_API_VERSION;
  }

  /** Extends the session to `site` when it is not yet authenticated there. */
  ensureSite(site: string, operationId: string): Promise<void> {
    return this.session.ensureSite(site, operationId);
  }
}

const clients = new Map<string, VcdaClient>();

/** Cache key: endpoint, identity and TLS settings (not the password: a changed password reuses the client). @internal */
export function clientKey(conn: ResolvedConnection): string {
  return JSON.stringify([
    conn.endpoint,
    conn.authType,
    conn.username ?? "",
    conn.authContext ?? "",
    conn.caPem ?? "",
    conn.insecure,
    conn.apiVersion ?? "",
  ]);
}

function isResolved(c: unknown): c is ResolvedConnection {
  return typeof c === "object" && c !== null && (c as { resolved?: unknown }).resolved === true;
}

/**
 * The shared client for a connection (per-resource override → stack config → VCDA_* env, see config.ts).
 * One login per endpoint and identity per process.
 */
export function getClient(conn?: ConnectionArgs | ResolvedConnection): VcdaClient {
  const resolved = isResolved(conn) ? conn : resolveConnection(conn as ConnectionArgs | undefined);
  const key = clientKey(resolved);
  let c = clients.get(key);
  if (!c) {
    c = new VcdaClient(resolved);
    clients.set(key, c);
  } else {
    c.session.updateConnection(resolved);
  }
  return c;
}

/** An uncached client (tests, custom transports). */
export function createClient(conn: ConnectionArgs | ResolvedConnection, options?: VcdaClientOptions): VcdaClient {
  return new VcdaClient(isResolved(conn) ? conn : resolveConnection(conn), options);
}

/** Forgets every cached client (tests). @internal */
export function resetClients(): void {
  clients.clear();
}
