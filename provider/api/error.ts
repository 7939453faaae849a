/**
 * The VCDA error body (guide L67-93): returned with every status >= 400 and nested as `error` in a FAILED task.
 */
import { z } from "zod";

/** `{code, msg, args, stacktrace}`. `stacktrace` can be `""` or `null`; `args` carries the values named in `msg`. */
export const ApiErrorSchema = z.object({
  /** Unique error id, e.g. `PolicyInUse`, `NotAuthenticated`. */
  code: z.string(),
  /** Human-readable sentence. */
  msg: z.string().nullish(),
  /** Values referenced by `msg`. */
  args: z.array(z.unknown()).nullish(),
  /** Server stack trace; never shown to users. */
  stacktrace: z.string().nullish(),
});

export type ApiError = z.infer<typeof ApiErrorSchema>;

/**
 * Codes meaning the session does not (or no longer) reach a remote site: the reference's 401
 * `RemoteAuthenticationFailure`. Control flow never depends on the code alone: a 401 on a `site` the session does not
 * list is treated the same way (client/index.ts).
 */
export const REMOTE_SITE_AUTH_CODES: ReadonlySet<string> = new Set(["RemoteAuthenticationFailure"]);

/** Codes meaning a replication does not exist: the reference's 404 codes and the guide's task error (L1667). */
export const REPLICATION_NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  "VmReplicationNotFound",
  "VappReplicationNotFound",
  "ReplicationNotFound",
]);
