import type { Db } from "./db.js";

export interface SessionRec {
  token: string;
  /** Login name as given (e.g. `admin1@org2`, `root`). */
  user: string;
  /** Owner id used for tasks and replications: `org@site` for tenants, the login name for admins. */
  principal: string;
  roles: string[];
  admin: boolean;
  /** How the session was made; `multisite` extension needs a VCD-based one. */
  kind: "local" | "sso" | "vcdProvider" | "vcdTenant";
  authenticatedSites: { site: string; org: string }[];
  createdAt: number;
  lastUsed: number;
}

export class SessionsRepo {
  constructor(private readonly db: Db) {}
  insert(s: SessionRec): void {
    this.db
      .prepare("INSERT INTO sessions(token, doc, last_used) VALUES (?, ?, ?)")
      .run(s.token, JSON.stringify(s), s.lastUsed);
  }
  get(token: string): SessionRec | undefined {
    const r = this.db.prepare("SELECT doc, last_used FROM sessions WHERE token = ?").get(token) as
      | { doc: string; last_used: number }
      | undefined;
    if (!r) return undefined;
    const s = JSON.parse(r.doc) as SessionRec;
    s.lastUsed = r.last_used;
    return s;
  }
  save(s: SessionRec): void {
    this.db
      .prepare("UPDATE sessions SET doc = ?, last_used = ? WHERE token = ?")
      .run(JSON.stringify(s), s.lastUsed, s.token);
  }
  touch(token: string, at: number): void {
    this.db.prepare("UPDATE sessions SET last_used = ? WHERE token = ?").run(at, token);
  }
  delete(token: string): void {
    this.db.prepare("DELETE FROM sessions WHERE token = ?").run(token);
  }
  deleteAll(): number {
    return Number(this.db.prepare("DELETE FROM sessions").run().changes);
  }
  deleteIdle(before: number): void {
    this.db.prepare("DELETE FROM sessions WHERE last_used < ?").run(before);
  }
}
