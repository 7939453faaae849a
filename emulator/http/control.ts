import type { Models } from "../app.js";
import { BadRequest, MethodNotAllowed, RouteNotFound } from "../model/errors.js";
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
        throw new BadRequest((e as Error).message);
      }
    case "POST /_emulator/sessions/expire":
      return { status: 200, body: { expired: m.sessions.expireAll() } };
    case "GET /_emulator/state":
      return {
        status: 200,
        body: {
          localSite: m.world.localSite,
          // as stored: every field, also those the profile does not show
          policies: m.policies.list(),
          assignments: m.policies.assignments(),
          replications: m.replications
            .all()
            .map((r) => ({ ...m.replications.view(r, true), targetDiskType: r.targetDiskType })),
          vappReplications: m.vappReplications.all().map((v) => m.vappReplications.view(v, true)),
          slaAssignments: m.slaProfiles.all(),
          // VM power states changed by operations (a planned migration powers its source off)
          vmPower: m.world.powerChanges(),
        },
      };
    case "GET /_emulator/config":
      return { status: 200, body: config(m) };
    case "PUT /_emulator/config": {
      const b = (body ?? {}) as {
        taskDurationMs?: unknown;
        sessionIdleMinutes?: unknown;
        statusOmitsIdleOrgs?: unknown;
        apiVersion?: unknown;
        recoveryMs?: unknown;
      };
      if (b.apiVersion !== undefined && b.apiVersion !== m.profile.version)
        throw new BadRequest("apiVersion is fixed at start (--api-version).");
      if (b.taskDurationMs !== undefined) {
        if (typeof b.taskDurationMs !== "number" || b.taskDurationMs < 0)
          throw new BadRequest("taskDurationMs must be a number >= 0.");
        m.taskDurationMs = b.taskDurationMs;
      }
      if (b.recoveryMs !== undefined) {
        const ms = b.recoveryMs;
        if (ms !== null && (typeof ms !== "number" || ms < 0))
          throw new BadRequest("recoveryMs must be a number >= 0, or null to follow taskDurationMs.");
        m.recoveryMs = ms === null ? null : Number(ms);
      }
      if (b.sessionIdleMinutes !== undefined) {
        if (typeof b.sessionIdleMinutes !== "number" || b.sessionIdleMinutes <= 0)
          throw new BadRequest("sessionIdleMinutes must be a number > 0.");
        m.sessions.setIdleMinutes(b.sessionIdleMinutes);
      }
      if (b.statusOmitsIdleOrgs !== undefined) {
        if (typeof b.statusOmitsIdleOrgs !== "boolean") throw new BadRequest("statusOmitsIdleOrgs must be a boolean.");
        m.quirks.statusOmitsIdleOrgs = b.statusOmitsIdleOrgs;
      }
      return { status: 200, body: config(m) };
    }
  }
  if (["/_emulator/counts", "/_emulator/faults", "/_emulator/state", "/_emulator/config"].includes(path))
    throw new MethodNotAllowed(method, path);
  throw new RouteNotFound(path);
}

function config(m: Models): Record<string, unknown> {
  return {
    apiVersion: m.profile.version,
    taskDurationMs: m.taskDurationMs,
    recoveryMs: m.effectiveRecoveryMs,
    sessionIdleMinutes: m.sessions.idleMinutes,
    statusOmitsIdleOrgs: m.quirks.statusOmitsIdleOrgs,
  };
}
