import type { VappReplicationRec } from "../model/replication-types.js";
import type { Db } from "./db.js";
import { type ListFilter, listPage } from "./replication-query.js";

/** GET /vapp-replications filters (4.5/4.6/latest reference), already validated. */
export interface VappReplicationFilter extends ListFilter {
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
    return listPage(
      this.db,
      { table: "vapp_replications", eq: EQ, name: ["vappName", "vapp_name"], sort: VAPP_REPLICATION_SORT },
      f,
    );
  }
}
