/**
 * The one HTTP wrapper: versioned Accept header, `operationID`, JSON bodies, TLS options, per-attempt timeout and
 * retries (rules in `retry.ts`). Answers >= 400 become typed errors through `fromResponse()`.
 * Authentication is not handled here (see `session.ts`).
 */
import * as http from "node:http";
import * as https from "node:https";
import { mediaType, versionOfMediaType } from "../api/version";
import { log } from "../log";
import { fromResponse, type RequestInfo, redact, VcdaConnectionError } from "./errors";
import { DEFAULT_RETRY_POLICY, decideRetry, isNotSent, type RetryPolicy } from "./retry";

export const USER_AGENT = "pulumi-vcda/0.1.0";

export interface TlsOptions {
  /** PEM CA bundle to trust instead of the system store. */
  caPem?: string;
  /** Skip certificate verification. */
  insecure?: boolean;
}

export interface RawRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends one attempt. Network failures reject with an Error carrying a Node `code`. */
export type Transport = (req: RawRequest) => Promise<RawResponse>;

/** A transport over node:http / node:https with a keep-alive agent honouring the TLS options. */
export function nodeTransport(tls: TlsOptions = {}): Transport {
  const httpsAgent = new https.Agent({
    keepAlive: true,
    ...(tls.caPem ? { ca: tls.caPem } : {}),
    rejectUnauthorized: !tls.insecure,
  });
  const httpAgent = new http.Agent({ keepAlive: true });
  return (req) =>
    new Promise<RawResponse>((resolve, reject) => {
      const isHttps = req.url.protocol === "https:";
      const mod = isHttps ? https : http;
      const r = mod.request(
        req.url,
        { method: req.method, headers: req.headers, agent: isHttps ? httpsAgent : httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          );
        },
      );
      r.setTimeout(req.timeoutMs, () => {
        const err = Object.assign(new Error(`no response within ${req.timeoutMs} ms`), { code: "ETIMEDOUT" });
        r.destroy(err);
      });
      r.on("error", reject);
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
}

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path from the API root, e.g. `/policies/default`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON-serialized when present. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The Accept header; default: the media type of {@link HttpClient.apiVersion}; `null` sends none. */
  accept?: string | null;
  operationId: string;
  /** Safe to repeat after a broken connection or a 502/504. Defaults to true for GET/PUT/DELETE, false otherwise. */
  idempotent?: boolean;
}

export interface HttpClientOptions {
  endpoint: string;
  tls?: TlsOptions;
  transport?: Transport;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout, ms (default 60 s). */
  requestTimeoutMs?: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_UNTRUSTED",
]);

/** Builds `path?query` with encoded values, skipping undefined ones. @internal */
export function buildPath(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export class HttpClient {
  readonly endpoint: string;
  /** The API version requests are sent with (set once the session has negotiated it, or pinned). */
  apiVersion: string | undefined;
  private readonly transport: Transport;
  private readonly retry: RetryPolicy;
  private readonly requestTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: HttpClientOptions) {
    this.endpoint = opts.endpoint.replace(/\/+$/, "");
    this.transport = opts.transport ?? nodeTransport(opts.tls);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Sends the request with retries; resolves with a < 400 response or rejects with a VcdaApiError. */
  async send(req: HttpRequest): Promise<RawResponse> {
    const pathWithQuery = buildPath(req.path, req.query);
    const url = new URL(this.endpoint + pathWithQuery);
    const accept = req.accept === undefined ? (this.apiVersion ? mediaType(this.apiVersion) : null) : req.accept;
    const version = accept ? versionOfMediaType(accept) : undefined;
    const info: RequestInfo = {
      method: req.method,
      path: pathWithQuery,
      operationId: req.operationId,
      ...(version ? { apiVersion: version } : {}),
    };
    const idempotent = req.idempotent ?? (req.method === "GET" || req.method === "PUT" || req.method === "DELETE");
    const headers: Record<string, string> = {
      ...(accept ? { Accept: accept } : {}),
      "User-Agent": USER_AGENT,
      operationID: req.operationId,
      ...req.headers,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["Content-Type"] = "application/json";
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const t0 = Date.now();
      log.debug(
        `vcda -> ${req.method} ${pathWithQuery} (operationID ${req.operationId}, attempt ${attempt}${version ? `, API ${version}` : ""})`,
      );
      let res: RawResponse | undefined;
      let netErr: (Error & { code?: string }) | undefined;
      try {
        res = await this.transport({
          method: req.method,
          url,
          headers,
          timeoutMs: this.requestTimeoutMs,
          ...(body !== undefined ? { body } : {}),
        });
      } catch (e) {
        netErr = e as Error & { code?: string };
      }
      if (res)
        log.debug(
          `vcda <- ${res.status} ${req.method} ${pathWithQuery} in ${Date.now() - t0} ms (operationID ${req.operationId})`,
        );
      if (res && res.status < 400) return res;
      const retryAfterHeader = res?.headers["retry-after"];
      const decision = decideRetry(
        {
          attempt,
          idempotent,
          ...(res ? { status: res.status } : {}),
          ...(netErr?.code ? { errorCode: netErr.code } : {}),
          ...(typeof retryAfterHeader === "string" ? { retryAfter: retryAfterHeader } : {}),
          elapsedMs: Date.now() - started,
        },
        this.retry,
      );
      if (decision.retry) {
        log.debug(
          `vcda retry ${req.method} ${pathWithQuery} in ${decision.delayMs} ms: ${decision.reason} (operationID ${req.operationId})`,
        );
        await this.sleep(decision.delayMs);
        continue;
      }
      if (res) throw fromResponse(res.status, res.text, info, res.headers);
      throw this.networkError(netErr as Error & { code?: string }, info, idempotent, attempt, decision.reason);
    }
  }

  private networkError(
    err: Error & { code?: string },
    info: RequestInfo,
    idempotent: boolean,
    attempts: number,
    reason: string,
  ): VcdaConnectionError {
    const code = err.code ?? "";
    let hint: string;
    if (TLS_CODES.has(code)) {
      hint = `TLS verification of ${this.endpoint} failed (${code}). Trust the appliance's CA with vcda:caCert / VCDA_CA_CERT, or opt out with vcda:insecure=true / VCDA_INSECURE=true.`;
    } else {
      hint = `Could not reach ${this.endpoint}: ${redact(err.message)} after ${attempts} attempt(s) (${reason}).`;
      if (!idempotent && !isNotSent(code)) hint += " The request may have been applied; it was not repeated.";
    }
    return new VcdaConnectionError({
      code: "ConnectionFailed",
      request: info,
      msg: hint,
      cause: err,
      outcomeUnknown: !idempotent && !isNotSent(code) && !TLS_CODES.has(code),
    });
  }
}
