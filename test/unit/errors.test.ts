import { describe, expect, it } from "vitest";
import {
  fromResponse,
  registerSecret,
  VcdaAuthError,
  VcdaConflictError,
  type VcdaConnectionError,
  VcdaNotFoundError,
  VcdaValidationError,
} from "../../provider/client/errors";

const req = { method: "DELETE", path: "/policies/abc", operationId: "vcda-policy-delete-1" };
const body = (code: string, msg: string, args: unknown[] = []) =>
  JSON.stringify({ code, msg, args, stacktrace: "java.lang..." });

describe("error mapping", () => {
  it("names status, code, msg, method, path and operationID in the message", () => {
    const e = fromResponse(400, body("PolicyInUse", "Policy 'gold' is assigned to 2 organizations."), req);
    expect(e.message).toBe(
      "VCDA DELETE /policies/abc failed: 400 PolicyInUse: Policy 'gold' is assigned to 2 organizations. (operationID vcda-policy-delete-1)",
    );
    expect(e.message).not.toContain("java.lang");
  });

  it("maps 404 to NotFound, 401/403 to Auth, 409 to Conflict and other 4xx to Validation, by status alone", () => {
    expect(fromResponse(404, body("PolicyNotFound", "x"), req)).toBeInstanceOf(VcdaNotFoundError);
    expect(fromResponse(401, body("NotAuthenticated", "x"), req)).toBeInstanceOf(VcdaAuthError);
    expect(fromResponse(403, body("Forbidden", "Permission denied."), req)).toBeInstanceOf(VcdaAuthError);
    for (const code of ["DuplicatePolicyName", "PolicyInUse", "BadRequest"]) {
      expect(fromResponse(400, body(code, "x"), req)).toBeInstanceOf(VcdaValidationError);
    }
    expect(fromResponse(409, "", req)).toBeInstanceOf(VcdaConflictError);
    const v = fromResponse(400, body("RpoBelowPolicyMinimum", "RPO 5 is below 15", [5, 15]), req);
    expect(v).toBeInstanceOf(VcdaValidationError);
    expect(v.code).toBe("RpoBelowPolicyMinimum");
    expect(v.args).toEqual([5, 15]);
    expect(v.status).toBe(400);
  });

  it("marks 500/502/504 as an unknown outcome and 503 as not applied", () => {
    expect((fromResponse(502, "", req) as VcdaConnectionError).outcomeUnknown).toBe(true);
    expect((fromResponse(503, "", req) as VcdaConnectionError).outcomeUnknown).toBe(false);
  });

  it("falls back to a status-derived code when the body is not a VCDA error", () => {
    const e = fromResponse(502, "<html>Bad gateway</html>", req);
    expect(e.code).toBe("BadGateway");
    expect(e.message).toContain("502 BadGateway: <html>Bad gateway</html>");
    expect(fromResponse(418, "", req).code).toBe("Http418");
  });

  it("redacts registered tokens and passwords from messages", () => {
    registerSecret("s3cret-Pa55");
    const e = fromResponse(400, body("InvalidRequest", "bad password s3cret-Pa55 for root"), req);
    expect(e.message).not.toContain("s3cret-Pa55");
    expect(e.message).toContain("bad password [redacted] for root");
    expect(e.msg).toBe("bad password [redacted] for root");
  });

  it("keeps the request id header when the appliance sends one", () => {
    expect(fromResponse(404, body("PolicyNotFound", "x"), req, { "x-request-id": "rq-1" }).requestId).toBe("rq-1");
  });
});
