import type { VappReplicationRec } from "../model/replication-types.js";
import type { Db } from "./db.js";

/** GET /vapp-replications filters (4.5/4.6/latest reference), already validated. */
export interface VappReplicationFilter {
  /** Tenant scope: owner, or one of these (site, org) pairs as source or destination. */
  scope?: { owner: string; pairs: { site: string; org: string }[] };
  owner?: string;
  vappId?: string;
  /** Substring of the vApp name. */
  vappName?: string;
  sourceSite?: string;
  sourceSiteType?: string;
  sourceOrg?: string;
  sourceVdcId?: string;
  sourceVdcName?: string;
  destinationOrg?: string;
  destinationVdcId?: string;
  destinationVdcName?: string;
  destinationSiteType?: string;
  isMigration?: boolean;
  lastUpdatedBefore?: number;
  lastUpdatedAfter?: number;
  ids?: string[];
  sort: [string, boolean][];
  limit: number;
  offset: number;
}

/** The sort fields the reference lists before its list is cut off. */
export const VAPP_REPLICATION_SORT: Record<string, string> = {
  name: "vapp_name",
  sourceSite: "source_site",
  sourceOrg: "source_org",
  sourceVdcName: "source_vdc_name",
  destinationOrg: "dest_org",
  destinationVdcName: "dest_vdc_name",
  site: "dest_site",
  owner: "owner",
};

const EQ: [keyof VappReplicationFilter, string][] = [
  ["owner", "owner"],
  ["vappId", "vapp_id"],
  ["sourceSite", "source_site"],
  ["sourceSiteType", "source_type"],
  ["sourceOrg", "source_org"],
  ["sourceVdcId", "source_vdc_id"],
  ["sourceVdcName", "source_vdc_name"],
  ["destinationOrg", "dest_org"],
  ["destinationVdcId", "dest_vdc_id"],
  ["destinationVdcName", "dest_vdc_name"],
  ["destinationSiteType", "dest_type"],
];

export class VappReplicationsRepo {
  private seq: number;
  constructor(private readonly db: Db) {
    this.seq = (db.prepare("SELECT COALESCE(MAX(seq), 0) AS s FROM vapp_replications").get() as { s: number }).s;
  }
  save(v: VappReplicationRec): void {
    if (!v.seq) v.seq = ++this.seq;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO vapp_replications(id, pending, owner, vapp_id, vapp_name, source_site, source_org, source_vdc_id,
          source_vdc_name, source_type, dest_site, dest_org, dest_vdc_id, dest_vdc_name, dest_type, is_migration, last_updated, seq, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.id,
        v.pending ? 1 : 0,
        v.owner,
        v.source.vappId,
        v.descriptor.name,
        v.source.site,
        v.source.org,
        v.source.vdcId,
        v.source.vdcName,
        v.sourceType,
        v.destination.site,
        v.destination.org,
        v.destination.vdcId,
        v.destination.vdcName,
        v.destinationType,
        v.isMigration ? 1 : 0,
        v.lastUpdated,
        v.seq,
        JSON.stringify(v),
      );
  }
  get(id: string): VappReplicationRec | undefined {
    const row = this.db.prepare("SELECT doc FROM vapp_replications WHERE id = ?").get(id) as
      | { doc: string }
      | undefined;
    return row ? JSON.parse(row.doc) : undefined;
  }
  delete(id: string): void {
    this.db.prepare("DELETE FROM vapp_replications WHERE id = ?").run(id);
  }
  all(): VappReplicationRec[] {
    return (
      this.db.prepare("SELECT doc FROM vapp_replications WHERE pending = 0 ORDER BY seq").all() as { doc: string }[]
    ).map((r) => JSON.parse(r.doc));
  }
  query(f: VappReplicationFilter): { items: VappReplicationRec[]; total: number } {
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
    for (const [k, col] of EQ) {
      const v = f[k];
      if (v !== undefined) {
        w.push(`${col} = ?`);
        p.push(v as string);
      }
    }
    if (f.vappName !== undefined) {
      w.push("instr(vapp_name, ?) > 0");
      p.push(f.vappName);
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
      ? [...f.sort.map(([k, d]) => `${VAPP_REPLICATION_SORT[k]} ${d ? "DESC" : "ASC"}`), "seq DESC"].join(", ")
      : "seq DESC";
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM vapp_replications ${where}`).get(...p) as { n: number })
      .n;
    const rows = this.db
      .prepare(`SELECT doc FROM vapp_replications ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...p, f.limit, f.offset) as { doc: string }[];
    return { items: rows.map((r) => JSON.parse(r.doc)), total };
  }
}
