/**
 * Lookups of the appliance itself: what it is (`getAbout`) and whether it is healthy (`getHealth`).
 * The connection comes from `connection`, then stack config `vcda:*`, then `VCDA_*`.
 */
import { type About, AboutSchema, HEALTH_ERROR_KEYS, type Health, HealthSchema } from "../api/diagnostics";
import { TaskSchema } from "../api/task";
import { newOperationId, VcdaResponseFormatError } from "../client";
import type { ConnectionArgs } from "../inputs";
import { lookupClient as clientFor } from "./client";

/** GET /diagnostics/about: product name, instance id, build version; plus the API version the client speaks. */
export async function getAbout(args: { connection?: ConnectionArgs } = {}): Promise<About & { apiVersion: string }> {
  const operationId = newOperationId("get-about");
  const client = clientFor(args.connection);
  const about = await client.request({ method: "GET", path: "/diagnostics/about", schema: AboutSchema, operationId });
  return { ...about, apiVersion: await client.apiVersion(operationId) };
}

/** A health result, with the names of the `*Error` fields that are set (empty when healthy). */
export type HealthReport = Health & { problems: string[] };

/**
 * GET /diagnostics/health (admin). The guide answers 200 with a finished task, the 4.5 and 4.6 reference 202 with a
 * running one: both are accepted, and a running task is waited for (`timeoutSeconds`, default 60).
 */
export async function getHealth(
  args: { connection?: ConnectionArgs; timeoutSeconds?: number } = {},
): Promise<HealthReport> {
  const operationId = newOperationId("get-health");
  const client = clientFor(args.connection);
  let task = await client.request({ method: "GET", path: "/diagnostics/health", schema: TaskSchema, operationId });
  if (task.state === "RUNNING") {
    task = await client.waitForTask(task, { timeoutMs: (args.timeoutSeconds ?? 60) * 1000, operationId });
  }
  const parsed = HealthSchema.safeParse(task.result);
  if (!parsed.success) {
    throw new VcdaResponseFormatError({
      code: "UnexpectedResponse",
      msg: `the health task ${task.id} ended ${task.state} without a CloudHealthInfo result`,
      request: { method: "GET", path: "/diagnostics/health", operationId },
    });
  }
  const problems = HEALTH_ERROR_KEYS.filter((k) => parsed.data[k] !== null && parsed.data[k] !== undefined);
  return { ...parsed.data, problems };
}
