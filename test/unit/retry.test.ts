import { describe, expect, it } from "vitest";
import { decideRetry, parseRetryAfter, type RetryPolicy } from "../../provider/client/retry";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 10_000 };

describe("retry decisions", () => {
  it("repeats an idempotent request on 502, 503, 504 and 429", () => {
    for (const status of [502, 503, 504, 429]) {
      expect(decideRetry({ attempt: 1, idempotent: true, status, elapsedMs: 0, random: 0.5 }, policy).retry).toBe(true);
    }
  });

  it("does not repeat a create (non-idempotent) on 502 or 504 because its outcome is unknown", () => {
    for (const status of [502, 504]) {
      const d = decideRetry({ attempt: 1, idempotent: false, status, elapsedMs: 0 }, policy);
      expect(d.retry).toBe(false);
      expect(d.reason).toContain("outcome unknown");
    }
  });

  it("repeats a create on 429 and 503, which mean the appliance did not process it", () => {
    expect(decideRetry({ attempt: 1, idempotent: false, status: 429, elapsedMs: 0 }, policy).retry).toBe(true);
    expect(decideRetry({ attempt: 1, idempotent: false, status: 503, elapsedMs: 0 }, policy).retry).toBe(true);
  });

  it("never repeats client errors such as 400, 401, 404 or 500", () => {
    for (const status of [400, 401, 403, 404, 409, 500]) {
      expect(decideRetry({ attempt: 1, idempotent: true, status, elapsedMs: 0 }, policy).retry).toBe(false);
    }
  });

  it("repeats a create after a refused connection (never sent) but not after a reset (maybe sent)", () => {
    expect(decideRetry({ attempt: 1, idempotent: false, errorCode: "ECONNREFUSED", elapsedMs: 0 }, policy).retry).toBe(
      true,
    );
    const reset = decideRetry({ attempt: 1, idempotent: false, errorCode: "ECONNRESET", elapsedMs: 0 }, policy);
    expect(reset.retry).toBe(false);
    expect(reset.reason).toContain("outcome unknown");
    expect(decideRetry({ attempt: 1, idempotent: true, errorCode: "ECONNRESET", elapsedMs: 0 }, policy).retry).toBe(
      true,
    );
  });

  it("does not repeat TLS verification failures", () => {
    expect(
      decideRetry({ attempt: 1, idempotent: true, errorCode: "SELF_SIGNED_CERT_IN_CHAIN", elapsedMs: 0 }, policy).retry,
    ).toBe(false);
  });

  it("uses full-jitter exponential backoff capped at maxDelayMs", () => {
    expect(decideRetry({ attempt: 1, idempotent: true, status: 503, elapsedMs: 0, random: 0.5 }, policy).delayMs).toBe(
      50,
    );
    expect(decideRetry({ attempt: 3, idempotent: true, status: 503, elapsedMs: 0, random: 0.5 }, policy).delayMs).toBe(
      200,
    );
    expect(
      decideRetry(
        { attempt: 3, idempotent: true, status: 503, elapsedMs: 0, random: 0.999 },
        { ...policy, maxDelayMs: 150 },
      ).delayMs,
    ).toBe(149);
  });

  it("honours Retry-After in seconds and as an HTTP date", () => {
    expect(
      decideRetry({ attempt: 1, idempotent: true, status: 429, retryAfter: "2", elapsedMs: 0, random: 0 }, policy)
        .delayMs,
    ).toBe(2000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("garbage", now)).toBeUndefined();
  });

  it("stops after maxAttempts", () => {
    const d = decideRetry({ attempt: 4, idempotent: true, status: 503, elapsedMs: 0 }, policy);
    expect(d.retry).toBe(false);
    expect(d.reason).toContain("gave up after 4 attempts");
  });

  it("stops when the next delay would exceed the total budget", () => {
    const d = decideRetry({ attempt: 1, idempotent: true, status: 503, retryAfter: "30", elapsedMs: 0 }, policy);
    expect(d.retry).toBe(false);
    expect(d.reason).toContain("budget");
  });
});
