/**
 * Diagnostics (guide L143-484, L1166-1233; reference …/4.5//diagnostics/health/get, …/4.6//diagnostics/health/get).
 * Read tolerantly: every field optional, unknown ones kept.
 */
import { z } from "zod";
import type { Known } from "./known";

/** GET /diagnostics/about. */
export const AboutSchema = z.looseObject({
  serviceType: z.string().nullish(),
  productName: z.string().nullish(),
  instanceId: z.string().nullish(),
  /** e.g. `4.6.0.6689753-8554b3d026`: the leading `major.minor` is the product version. */
  buildVersion: z.string().nullish(),
  buildDate: z.number().nullish(),
});
export type About = Known<z.infer<typeof AboutSchema>>;

/** `CloudHealthInfo`, the `result` of the health task. Each `*Error` is an ApiError, or null when healthy. */
export const HealthSchema = z.looseObject({
  productName: z.string().nullish(),
  buildVersion: z.string().nullish(),
  instanceId: z.string().nullish(),
  runtimeId: z.string().nullish(),
  tunnelError: z.unknown().optional(),
  vcdError: z.unknown().optional(),
  managerError: z.unknown().optional(),
  lsError: z.unknown().optional(),
  dbError: z.unknown().optional(),
  ntpError: z.unknown().optional(),
});
export type Health = Known<z.infer<typeof HealthSchema>>;

/** The `*Error` fields of a health result: a non-null one names a failing part of the appliance. */
export const HEALTH_ERROR_KEYS = ["tunnelError", "vcdError", "managerError", "lsError", "dbError", "ntpError"] as const;
