/**
 * The list query of GET /vm-replications and GET /vapp-replications: tenant scope, equality filters, a name
 * substring, migration, lastUpdated bounds, ids, sort and paging. Both tables have the same columns for these.
 */
import type { Db } from "./db.js";

/** What both list filters have besides their equality fields. */
export interface ListFilter {
  /** Tenant scope: owner, or one of these (site, org) pairs as source or destination. */
  scope?: { owner: string; pairs: { site: string; org: string }[] };
  isMigration?: boolean;
  lastUpdatedBefore?: number;
  lastUpdatedAfter?: number;
  ids?: string[];
  sort: [string, boolean][];
  limit: number;
  offset: number;
}

export interface ListTable<F> {
  table: string;
  /** Filter field → column, compared for equality. */
  eq: [keyof F, string][];
  /** The name filter (a substring) and its column. */
  name: [keyof F, string];
  /** Sort field → column. */
  sort: Record<string, string>;
}

/** One page of the table's documents matching `f`, and how many match in all. */
export function listPage<F extends ListFilter, R>(db: Db, t: ListTable<F>, f: F): { items: R[]; total: number } {
  const w = ["pending = 0"];
  const p: (string | number)[] = [];
  if (f.scope) {
    const ors = [
      "owner = ?",
      ...f.scope.pairs.flatMap(() => ["(source_site = ? AND source_org = ?)", "(dest_site = ? AND dest_org = ?)"]),
    ];
    w.push(`(${ors.join(" OR ")})`);
    p.push(f.scope.owner, ...f.scope.pairs.flatMap((x) => [x.site, x.org, x.site, x.org]));
  }
  for (const [k, col] of t.eq) {
    const v = f[k];
    if (v !== undefined) {
      w.push(`${col} = ?`);
      p.push(v as string);
    }
  }
  const name = f[t.name[0]];
  if (name !== undefined) {
    w.push(`instr(${t.name[1]}, ?) > 0`);
    p.push(name as string);
  }
  if (f.isMigration !== undefined) {
    w.push("is_migration = ?");
    p.push(f.isMigration ? 1 : 0);
  }
  if (f.lastUpdatedBefore !== undefined) {
    w.push("last_updated < ?");
    p.push(f.lastUpdatedBefore);
  }
  if (f.lastUpdatedAfter !== undefined) {
    w.push("last_updated > ?");
    p.push(f.lastUpdatedAfter);
  }
  if (f.ids) {
    w.push(`id IN (${f.ids.map(() => "?").join(",")})`);
    p.push(...f.ids);
  }
  const where = `WHERE ${w.join(" AND ")}`;
  const order = f.sort.length
    ? [...f.sort.map(([k, d]) => `${t.sort[k]} ${d ? "DESC" : "ASC"}`), "seq DESC"].join(", ")
    : "seq DESC";
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${t.table} ${where}`).get(...p) as { n: number }).n;
  const rows = db
    .prepare(`SELECT doc FROM ${t.table} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...p, f.limit, f.offset) as { doc: string }[];
  return { items: rows.map((r) => JSON.parse(r.doc) as R), total };
}
