/**
 * Errors raised by the VCDA client. Every error names the HTTP method, path and operationID of the request;
 * API errors also carry the HTTP status and the VCDA `code`/`msg`. One `fromResponse()` picks the subclass.
 *
 * Secrets never reach a message: session tokens and passwords registered with `registerSecret()` are replaced by
 * `[redacted]` in every message built here.
 */
import { type ApiError, ApiErrorSchema } from "../api/error";

/** What the error is about: enough to find the request in the appliance logs. */
export interface RequestInfo {
  method: string;
  /** Path with query, e.g. `/policies?site=site1` (secret query values redacted). */
  path: string;
  operationId: string;
  /** The API version the request was sent with (the media type of its Accept header), when known. */
  apiVersion?: string;
}

const secrets = new Set<string>();

/** Remember a value (token, password) that must never appear in an error or log message. @internal */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces every registered secret in `text` by `[redacted]`. @internal */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join("[redacted]");
  }
  return out;
}

export interface VcdaApiErrorOptions {
  status?: number;
  code: string;
  msg?: string;
  args?: unknown[];
  request: RequestInfo;
  requestId?: string;
  cause?: unknown;
  /** Extra sentence appended to the message (what to do about it). */
  hint?: string;
}

/** Base class of every error the client raises. */
export class VcdaApiError extends Error {
  /** HTTP status, when the appliance answered. */
  readonly status?: number;
  /** VCDA error code (`PolicyInUse`), or a client code (`ConnectionFailed`, `TaskTimeout`, `UnexpectedResponse`). */
  readonly code: string;
  /** The appliance's message, redacted. */
  readonly msg?: string;
  readonly args: unknown[];
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  /** API version the request was sent with, when known. */
  readonly apiVersion?: string;
  /** `X-Request-Id`-like header if the appliance sent one. */
  readonly requestId?: string;

  constructor(opts: VcdaApiErrorOptions) {
    const status = opts.status !== undefined ? `${opts.status} ` : "";
    const msg = opts.msg ? `: ${opts.msg}` : "";
    const hint = opts.hint ? ` ${opts.hint}` : "";
    const version = opts.request.apiVersion ? `, API ${opts.request.apiVersion}` : "";
    super(
      redact(
        `VCDA ${opts.request.method} ${opts.request.path} failed: ${status}${opts.code}${msg}${hint} (operationID ${opts.request.operationId}${version})`,
      ),
      opts.cause !== undefined ? { cause: opts.cause } : undefined,
    );
    this.name = new.target.name;
    if (opts.status !== undefined) this.status = opts.status;
    this.code = opts.code;
    if (opts.msg !== undefined) this.msg = redact(opts.msg);
    this.args = opts.args ?? [];
    this.method = opts.request.method;
    this.path = opts.request.path;
    this.operationId = opts.request.operationId;
    if (opts.request.apiVersion !== undefined) this.apiVersion = opts.request.apiVersion;
    if (opts.requestId !== undefined) this.requestId = opts.requestId;
  }
}

/** The request an error is about, for wrapping it in another error. @internal */
export function requestOf(e: VcdaApiError, operationId: string = e.operationId): RequestInfo {
  return {
    method: e.method,
    path: e.path,
    operationId,
    ...(e.apiVersion !== undefined ? { apiVersion: e.apiVersion } : {}),
  };
}

/** 404: the object (policy, replication, task, org, site) does not exist. */
export class VcdaNotFoundError extends VcdaApiError {}

/** 409: the request conflicts with the appliance's state. (VCDA answers most refusals with 400: VcdaValidationError.) */
export class VcdaConflictError extends VcdaApiError {}

/** 400/406/422: the appliance refused the request (invalid input, a policy it breaks, a conflict with its state). */
export class VcdaValidationError extends VcdaApiError {}

/** 401/403: not logged in, login refused, site not authenticated, or permission denied. */
export class VcdaAuthError extends VcdaApiError {
  /** The answer said the session token is missing or expired (`WWW-Authenticate`), as opposed to a remote site. */
  readonly sessionExpired: boolean;
  constructor(opts: VcdaApiErrorOptions & { sessionExpired?: boolean }) {
    super(opts);
    this.sessionExpired = opts.sessionExpired ?? false;
  }
}

/**
 * The appliance could not be reached or the connection broke (DNS, refused, reset, TLS verification, per-request timeout),
 * or it answered 5xx/429 after the retry budget was spent.
 * `outcomeUnknown` is true when the request may have reached the appliance (so a create may have happened).
 */
export class VcdaConnectionError extends VcdaApiError {
  readonly outcomeUnknown: boolean;
  constructor(opts: VcdaApiErrorOptions & { outcomeUnknown?: boolean }) {
    super(opts);
    this.outcomeUnknown = opts.outcomeUnknown ?? false;
  }
}

/** A task did not finish in time. `taskId`, `lastState` and `progress` describe where it was. */
export class VcdaTimeoutError extends VcdaApiError {
  readonly taskId?: string;
  readonly lastState?: string;
  readonly progress?: number;
  constructor(opts: VcdaApiErrorOptions & { taskId?: string; lastState?: string; progress?: number }) {
    super(opts);
    if (opts.taskId !== undefined) this.taskId = opts.taskId;
    if (opts.lastState !== undefined) this.lastState = opts.lastState;
    if (opts.progress !== undefined) this.progress = opts.progress;
  }
}

/** A task ended FAILED (or in a state other than SUCCEEDED); `code`/`msg` come from the task's `error`. */
export class VcdaTaskFailedError extends VcdaApiError {
  readonly taskId: string;
  /** The state the task ended in, e.g. `FAILED`. */
  readonly state: string;
  constructor(opts: VcdaApiErrorOptions & { taskId: string; state?: string }) {
    super(opts);
    this.taskId = opts.taskId;
    this.state = opts.state ?? "FAILED";
  }
}

/** The appliance answered with a body the client does not understand; the message names the field. */
export class VcdaResponseFormatError extends VcdaApiError {}

/** Best-effort parse of an error body; bodies that are not VCDA errors fall back to a status-derived code. */
export function parseErrorBody(text: string): ApiError | undefined {
  if (!text) return undefined;
  try {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const STATUS_CODES: Record<number, string> = {
  400: "BadRequest",
  401: "NotAuthenticated",
  403: "Forbidden",
  404: "NotFound",
  406: "NotAcceptable",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/**
 * The one mapping from an HTTP error response to an error class.
 * 404 → NotFound; 409 → Conflict; 401/403 → Auth; other 4xx → Validation (keyed on the status alone: the codes
 * the reference documents are few, and the appliance's others are not a contract);
 * 5xx/429 → Connection (outcome unknown for 500/502/504, which may come after the change was applied).
 */
export function fromResponse(
  status: number,
  bodyText: string,
  request: RequestInfo,
  headers: Record<string, string | string[] | undefined> = {},
): VcdaApiError {
  const body = parseErrorBody(bodyText);
  const code = body?.code ?? STATUS_CODES[status] ?? `Http${status}`;
  const rawMsg = body?.msg ?? (body ? undefined : bodyText.trim().slice(0, 300) || undefined);
  const requestId = firstHeader(headers["x-request-id"]) ?? firstHeader(headers["x-vmware-vcloud-request-id"]);
  const opts: VcdaApiErrorOptions = {
    status,
    code,
    args: body?.args ?? [],
    request,
    ...(rawMsg !== undefined ? { msg: rawMsg } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  };
  if (status === 404) return new VcdaNotFoundError(opts);
  if (status === 409) return new VcdaConflictError(opts);
  if (status === 401 || status === 403)
    return new VcdaAuthError({ ...opts, sessionExpired: status === 401 && !!firstHeader(headers["www-authenticate"]) });
  if (status >= 400 && status < 500 && status !== 429) return new VcdaValidationError(opts);
  return new VcdaConnectionError({ ...opts, outcomeUnknown: status === 500 || status === 502 || status === 504 });
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** What is wrong with a response body, from its first schema issue: a missing field is named as such. @internal */
export function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined, body: unknown): string {
  if (!issue) return "the response does not have the expected shape";
  const path = issue.path.map(String).join(".");
  let value: unknown = body;
  for (const k of issue.path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[k];
  if (!path) return `the response is not the expected object: ${issue.message}`;
  if (value === undefined) return `the response lacks the field "${path}", which pulumi-vcda needs`;
  return `the response's field "${path}" is not usable: ${issue.message}`;
}

/** True when `err` is a VCDA error with one of the given codes. */
export function hasCode(err: unknown, ...codes: string[]): err is VcdaApiError {
  return err instanceof VcdaApiError && codes.includes(err.code);
}
