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
