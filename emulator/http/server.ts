import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Models } from "../app.js";
import { BadRequest, Forbidden, InjectedFault, ModelError, PayloadTooLarge } from "../model/errors.js";
import { controlRequest } from "./control.js";
import { toErrorBody } from "./error-mapper.js";
import { contentType, JSON_TYPE, negotiate } from "./media.js";
import { type Ctx, type Reply, Router } from "./router.js";
import { diagnosticsRoutes } from "./routes/diagnostics.js";
import { inventoryRoutes } from "./routes/inventory.js";
import { policyRoutes } from "./routes/policies.js";
import { replicationRoutes } from "./routes/replications.js";
import { sessionRoutes } from "./routes/sessions.js";
import { slaProfileRoutes } from "./routes/sla-profiles.js";
import { taskRoutes } from "./routes/tasks.js";
import { vappReplicationRoutes } from "./routes/vapp-replications.js";

export interface HandlerOptions {
  log?: (line: string) => void;
  logFormat?: "json" | "text";
  /** Lets non-loopback clients use /_emulator/* when they send `X-Emulator-Control-Token`. */
  controlToken?: string;
  bodyLimit?: number;
}

export function buildRouter(m: Models): Router {
  const r = new Router();
  r.add(sessionRoutes(m));
  r.add(diagnosticsRoutes(m));
  r.add(taskRoutes(m));
  r.add(policyRoutes(m));
  r.add(replicationRoutes(m));
  r.add(vappReplicationRoutes(m));
  r.add(slaProfileRoutes(m));
  r.add(inventoryRoutes(m));
  return r;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on("end", () => (over ? reject(new PayloadTooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadRequest(`Malformed JSON in the request body: ${(e as Error).message}.`);
  }
}

/** One request: faults, routing, media type, auth, body, one model call, serialization, log line. */
export function createHandler(m: Models, opts: HandlerOptions) {
  const router = buildRouter(m);
  const limit = opts.bodyLimit ?? 1024 * 1024;

  const send = (res: ServerResponse, reply: Reply, opId: string | undefined, type: string) => {
    const headers: Record<string, string> = { ...reply.headers };
    if (opId) headers.operationID = opId;
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
    } else {
      const json = JSON.stringify(reply.body);
      headers["Content-Type"] = type;
      headers["Content-Length"] = String(Buffer.byteLength(json));
      res.writeHead(reply.status, headers);
      res.end(json);
    }
  };

  const log = (method: string, path: string, status: number, t0: number, opId: string | undefined) => {
    if (!opts.log) return;
    const ms = Math.round((performance.now() - t0) * 100) / 100;
    if (opts.logFormat === "text") opts.log(`${method} ${path} ${status} ${ms}ms${opId ? ` op=${opId}` : ""}`);
    else
      opts.log(JSON.stringify({ time: new Date().toISOString(), method, path, status, ms, operationID: opId ?? null }));
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const t0 = performance.now();
    const method = req.method ?? "GET";
    const opHeader = req.headers.operationid;
    const opId = Array.isArray(opHeader) ? opHeader[0] : opHeader;
    let path = "/";
    let query = new URLSearchParams();
    try {
      // collapse `//` first (the reference renders URIs as `https://{api_host}//policies`); URL would read a host
      const raw = req.url ?? "/";
      const q = raw.indexOf("?");
      const p = (q < 0 ? raw : raw.slice(0, q)).replace(/\/{2,}/g, "/");
      const url = new URL(p + (q < 0 ? "" : raw.slice(q)), "http://emulator");
      path = url.pathname;
      query = url.searchParams;
    } catch {
      // keep defaults; routing answers 404
    }
    let reply: Reply;
    let asked: string | null = null;
    let routeKey = `${method} (unmatched)`;
    try {
      if (path.startsWith("/_emulator/")) {
        const raw = await readBody(req, limit);
        const remote = req.socket.remoteAddress ?? "";
        const loopback = remote === "127.0.0.1" || remote === "::1" || remote === "::ffff:127.0.0.1";
        const token = req.headers["x-emulator-control-token"];
        if (!loopback && !(opts.controlToken && token === opts.controlToken)) throw new Forbidden();
        reply = controlRequest(m, method, path, parseBody(req, raw));
        send(res, reply, opId, JSON_TYPE);
        return;
      }
      const f = m.faults.get();
      const faulty = m.faults.applies(path);
      try {
        if (faulty && f.latencyMs) await sleep(f.latencyMs);
        if (faulty && m.faults.roll(f.dropRate)) {
          req.socket.destroy();
          log(method, path, 0, t0, opId);
          return;
        }
        const raw = await readBody(req, limit);
        const { route, params } = router.match(method, path);
        routeKey = `${method} ${route.path}`;
        if (faulty && m.faults.roll(f.throttleRate)) {
          reply = {
            ...errorReply(new InjectedFault(429)),
            headers: { "Retry-After": String(f.retryAfterSeconds ?? 1) },
          };
        } else if (faulty && m.faults.roll(f.errorRate)) {
          const status = f.errorStatus ?? 503;
          reply = { ...errorReply(new InjectedFault(500)), status };
        } else {
          asked = negotiate(req.headers.accept, m.profile);
          const tokenHeader = req.headers["x-vcav-auth"];
          const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
          let session = undefined as unknown as Ctx["session"];
          if (route.access !== "none") {
            if (token && faulty && m.faults.roll(f.sessionExpiryRate)) m.sessions.logout(token);
            session = m.sessions.authenticate(token);
            if (route.access === "admin" && !session.admin) throw new Forbidden();
          }
          reply = route.handler({ req, params, query, body: parseBody(req, raw), session });
        }
      } finally {
        m.counts.add(routeKey, routeKey === "POST /sessions");
      }
    } catch (e) {
      reply = errorReply(e);
      if (e instanceof PayloadTooLarge) reply.headers = { ...reply.headers, Connection: "close" };
    }
    send(res, reply, opId, contentType(m.profile, asked, routeKey, reply.status >= 400));
    log(method, path, reply.status, t0, opId);
  };
}

function errorReply(e: unknown): Reply {
  const { status, body, headers } = toErrorBody(
    e instanceof ModelError || e instanceof Error ? e : new Error(String(e)),
  );
  return headers ? { status, body, headers } : { status, body };
}
