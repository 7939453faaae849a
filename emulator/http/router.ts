import type { IncomingMessage } from "node:http";
import { BadRequest, Forbidden, MethodNotAllowed, RouteNotFound } from "../model/errors.js";
import type { SessionRec } from "../store/sessions-repo.js";

/** Who may call a route: nobody logged in, any session, or an admin session (decisions.md #1, #3). */
export type Access = "none" | "user" | "admin";

export interface Ctx {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there is none); form bodies become an object of strings. */
  body: unknown;
  session: SessionRec;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  path: string;
  access: Access;
  handler: (ctx: Ctx) => Reply;
}

interface Compiled extends Route {
  re: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(routes: Route[]): void {
    for (const r of routes) {
      const names: string[] = [];
      const src = r.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
        names.push(n);
        return "([^/]+)";
      });
      this.routes.push({ ...r, re: new RegExp(`^${src}/?$`), names });
    }
  }

  /** The route for method+path, or 404 / 405. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m[i + 1] as string);
        } catch {
          throw new BadRequest(`Malformed path parameter '${n}'.`, [n]);
        }
      });
      return { route: r, params };
    }
    if (pathMatched) throw new MethodNotAllowed(method, path);
    throw new RouteNotFound(path);
  }
}

export function requireAdmin(s: SessionRec): void {
  if (!s.admin) throw new Forbidden();
}

// ---------- query helpers ----------

export function qStr(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === "" ? undefined : v;
}

export function qNum(q: URLSearchParams, name: string): number | undefined {
  const v = qStr(q, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new BadRequest(`Query parameter '${name}' must be a number; got '${v}'.`, [name, v]);
  return n;
}

export function qBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = qStr(q, name);
  if (v === undefined) return undefined;
  if (v === "true" || v === "false") return v === "true";
  throw new BadRequest(`Query parameter '${name}' must be true or false; got '${v}'.`, [name, v]);
}

export function qList(q: URLSearchParams, name: string): string[] | undefined {
  const v = qStr(q, name);
  return v === undefined
    ? undefined
    : v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
}

/** Paging of the guide (L1566-1574, L8346-8354): limit defaults to and is capped at 100, offset 0. */
export function paging(q: URLSearchParams): { limit: number; offset: number } {
  const limit = qNum(q, "limit");
  const offset = qNum(q, "offset");
  // Beyond 2^53 a number is no longer an exact integer (and SQLite refuses it): reject, naming the parameter.
  if (limit !== undefined && (limit < 0 || !Number.isSafeInteger(limit)))
    throw new BadRequest("limit must be a non-negative integer.", ["limit", limit]);
  if (offset !== undefined && (offset < 0 || !Number.isSafeInteger(offset)))
    throw new BadRequest("offset must be a non-negative integer.", ["offset", offset]);
  return { limit: limit === undefined || limit > 100 ? 100 : limit, offset: offset ?? 0 };
}

/** Sort syntax `col,col2-,col3`: a trailing hyphen means descending. */
export function parseSort(q: URLSearchParams, allowed: string[]): [string, boolean][] | undefined {
  const v = qStr(q, "sort");
  if (v === undefined) return undefined;
  return v.split(",").map((raw) => {
    const f = raw.trim();
    const desc = f.endsWith("-");
    const name = desc ? f.slice(0, -1) : f;
    if (!allowed.includes(name))
      throw new BadRequest(`Cannot sort by '${name}'; supported fields: ${allowed.join(", ")}.`, [name]);
    return [name, desc];
  });
}
