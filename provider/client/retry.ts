/**
 * When to repeat a request, and after how long. Pure: the HTTP layer asks, this answers.
 *
 * - Network errors: repeated when the request is idempotent, or when it provably never reached the appliance
 *   (refused, DNS failure, unreachable). A POST whose connection broke after sending has an unknown outcome and is
 *   never repeated.
 * - 429 and 503: the appliance refused to process the request; repeated for every method, honouring `Retry-After`.
 * - 502 and 504: a gateway may have forwarded the request; repeated only when idempotent.
 * - Everything else: not repeated.
 * Delays use "full jitter" exponential backoff; `Retry-After` wins when present. Both the attempt count and the total
 * elapsed time are bounded.
 */

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  /** First backoff ceiling in ms. */
  baseDelayMs: number;
  /** Largest single delay in ms. */
  maxDelayMs: number;
  /** Upper bound of the time spent on one request including all retries, in ms. */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 60_000,
};

/** Network error codes meaning the request was never delivered. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);
/** Network error codes meaning the request may have been delivered. */
const MAYBE_SENT_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);

/** True when a network error code proves the request did not reach the server. */
export function isNotSent(errorCode: string | undefined): boolean {
  return errorCode !== undefined && NOT_SENT_CODES.has(errorCode);
}

/** True for network error codes worth repeating at all (TLS verification failures are not). */
export function isTransientNetworkError(errorCode: string | undefined): boolean {
  return errorCode !== undefined && (NOT_SENT_CODES.has(errorCode) || MAYBE_SENT_CODES.has(errorCode));
}

export interface RetryInput {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  idempotent: boolean;
  /** HTTP status of the failed attempt, if the server answered. */
  status?: number;
  /** Node error code of a network failure (`ECONNREFUSED`), if it did not. */
  errorCode?: string;
  /** Raw `Retry-After` header. */
  retryAfter?: string;
  /** Time spent so far on this request, ms. */
  elapsedMs: number;
  /** Current time (ms since epoch), to evaluate an HTTP-date `Retry-After`. */
  now?: number;
  /** Random number in [0, 1) for the jitter. */
  random?: number;
}

export interface RetryDecision {
  retry: boolean;
  /** Wait before the next attempt, ms (0 when not retrying). */
  delayMs: number;
  /** Why, for debug logs. */
  reason: string;
}

/** Parses `Retry-After` (delta-seconds or HTTP-date) to ms, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Decides whether to repeat a failed attempt (see the module comment for the rules). */
export function decideRetry(input: RetryInput, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  const no = (reason: string): RetryDecision => ({ retry: false, delayMs: 0, reason });
  let retryable: boolean;
  let why: string;
  if (input.status !== undefined) {
    if (input.status === 429 || input.status === 503) {
      retryable = true;
      why = `HTTP ${input.status}`;
    } else if (input.status === 502 || input.status === 504) {
      retryable = input.idempotent;
      why = input.idempotent
        ? `HTTP ${input.status}`
        : `HTTP ${input.status} on a non-idempotent request (outcome unknown)`;
    } else {
      return no(`HTTP ${input.status} is not retryable`);
    }
  } else if (isNotSent(input.errorCode)) {
    retryable = true;
    why = `${input.errorCode} (request not sent)`;
  } else if (isTransientNetworkError(input.errorCode)) {
    retryable = input.idempotent;
    why = input.idempotent ? `${input.errorCode}` : `${input.errorCode} on a non-idempotent request (outcome unknown)`;
  } else {
    return no(`${input.errorCode ?? "unknown error"} is not retryable`);
  }
  if (!retryable) return no(why);
  if (input.attempt >= policy.maxAttempts) return no(`${why}; gave up after ${input.attempt} attempts`);
  const remaining = policy.maxElapsedMs - input.elapsedMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (input.attempt - 1));
  const jittered = Math.floor((input.random ?? Math.random()) * ceiling);
  const retryAfter = parseRetryAfter(input.retryAfter, input.now);
  const delayMs = retryAfter !== undefined ? retryAfter : jittered;
  if (delayMs >= remaining)
    return no(`${why}; next attempt in ${delayMs} ms would exceed the ${policy.maxElapsedMs} ms budget`);
  return { retry: true, delayMs, reason: retryAfter !== undefined ? `${why}; Retry-After ${delayMs} ms` : why };
}
