import { ModelError } from "../model/errors.js";

/** Error code -> HTTP status (decisions.md #1, #2, #5, #20; README "Error codes"). Unlisted codes are 400. */
const STATUS: Record<string, number> = {
  NotAuthenticated: 401,
  RemoteAuthenticationFailure: 401,
  Forbidden: 403,
  PolicyNotFound: 404,
  VmReplicationNotFound: 404,
  VappReplicationNotFound: 404,
  VappNotFound: 404,
  TaskNotFound: 404,
  OrgNotFound: 404,
  VmNotFound: 404,
  VdcNotFound: 404,
  SiteNotFound: 404,
  InstanceNotFound: 404,
  StorageProfileNotFound: 404,
  SlaProfileNotFound: 404,
  VcenterNotFound: 404,
  BundleNotFound: 404,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  PayloadTooLarge: 413,
  TooManyRequests: 429,
  GeneralServerFailure: 500,
  NotImplemented: 501,
};

export interface ErrorBody {
  code: string;
  msg: string;
  args: unknown[];
  stacktrace: string;
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 400;
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof ModelError) {
    return {
      status: statusOf(err.code),
      body: { code: err.code, msg: err.message, args: err.args, stacktrace: "" },
      headers: err.headers,
    };
  }
  const msg = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    body: {
      code: "GeneralServerFailure",
      msg: `Operation aborted due to an unexpected error: ${msg}`,
      args: [],
      stacktrace: "",
    },
  };
}
