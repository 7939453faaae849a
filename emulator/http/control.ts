import type { Models } from "../app.js";
import { InvalidRequest, MethodNotAllowed, RouteNotFound } from "../model/errors.js";
import type { FaultOptions } from "../model/faults.js";
import type { Reply } from "./router.js";

/**
 * Admin-only control path outside the VCDA API (`/_emulator/...`): counts, faults, state, config.
 * The provider never calls it; tests and benchmarks do.
 */
export function controlRequest(m: Models, method: string, path: string, body: unknown): Reply {
  const key = `${method} ${path.replace(/\/$/, "")}`;
  switch (key) {
    case "GET /_emulator/counts":
      return { status: 200, body: m.counts.snapshot() };
    case "POST /_emulator/counts/reset":
      m.counts.reset();
      return { status: 204 };
    case "GET /_emulator/faults":
      return { status: 200, body: m.faults.get() };
    case "PUT /_emulator/faults":
      try {
        return { status: 200, body: m.faults.set((body ?? {}) as FaultOptions, true) };
      } catch (e) {
        throw new InvalidRequest((e as Error).message);
      }
    case "POST /_emulator/sessions/expire":
      return { status: 200, body: { expired: m.sessions.expireAll() } };
    case "GET /_emulator/state":
      return {
        status: 200,
        body: {
          localSite: m.world.localSite,
          policies: m.policies.list().map((p) => m.policies.view(p)),
          assignments: m.policies.assignments(),
          replications: m.replications
            .all()
            .map((r) => ({ ...m.replications.view(r, true), targetDiskType: r.targetDiskType })),
        },
      };
    case "GET /_emulator/config":
      return { status: 200, body: { taskDurationMs: m.taskDurationMs } };
    case "PUT /_emulator/config": {
      const b = (body ?? {}) as { taskDurationMs?: unknown; sessionIdleMinutes?: unknown };
      if (b.taskDurationMs !== undefined) {
        if (typeof b.taskDurationMs !== "number" || b.taskDurationMs < 0)
          throw new InvalidRequest("taskDurationMs must be a number >= 0.");
        m.taskDurationMs = b.taskDurationMs;
      }
      if (b.sessionIdleMinutes !== undefined) {
        if (typeof b.sessionIdleMinutes !== "number" || b.sessionIdleMinutes <= 0)
          throw new InvalidRequest("sessionIdleMinutes must be a number > 0.");
        m.sessions.setIdleMinutes(b.sessionIdleMinutes);
      }
      return { status: 200, body: { taskDurationMs: m.taskDurationMs } };
    }
  }
  if (["/_emulator/counts", "/_emulator/faults", "/_emulator/state", "/_emulator/config"].includes(path))
    throw new MethodNotAllowed(method, path);
  throw new RouteNotFound(path);
}
