import type { ReplicationRec } from "../model/replication-types.js";
import type { Db } from "./db.js";
import { type ListFilter, listPage } from "./replication-query.js";

/** GET /vm-replications filters (guide L8244-8358), already validated. */
export interface ReplicationFilter extends ListFilter {
  owner?: string;
  sourceSite?: string;
  sourceSiteType?: string;
  sourceVdcId?: string;
  sourceVdcName?: string;
  sourceOrg?: string;
  sourceVimServerUuid?: string;
  vmId?: string;
  vmName?: string;
  storageProfile?: string;
  destinationOrg?: string;
  destinationVdcId?: string;
  destinationVdcName?: string;
  destinationSiteType?: string;
  recoveredVmId?: string;
  vimServerInstanceUuid?: string;
  datastoreMoref?: string;
  slaProfileId?: string;
  slaProfileDisplayName?: string;
  overallHealth?: string;
  dataConnectionState?: string;
}

export const REPLICATION_SORT: Record<string, string> = {
  vmName: "vm_name",
  sourceSite: "source_site",
  sourceOrg: "source_org",
  sourceVdcName: "source_vdc_name",
  site: "dest_site",
  destinationOrg: "dest_org",
  destinationVdcName: "dest_vdc_name",
  owner: "owner",
  lastUpdated: "last_updated",
};

const EQ: [keyof ReplicationFilter, string][] = [
  ["owner", "owner"],
  ["sourceSite", "source_site"],
  ["sourceSiteType", "source_type"],
  ["sourceVdcId", "source_vdc_id"],
  ["sourceVdcName", "source_vdc_name"],
  ["sourceOrg", "source_org"],
  ["sourceVimServerUuid", "source_vim_uuid"],
  ["vmId", "vm_id"],
  ["storageProfile", "storage_profile"],
  ["destinationOrg", "dest_org"],
  ["destinationVdcId", "dest_vdc_id"],
  ["destinationVdcName", "dest_vdc_name"],
  ["destinationSiteType", "dest_type"],
  ["recoveredVmId", "recovered_vm_id"],
  ["vimServerInstanceUuid", "vim_uuid"],
  ["datastoreMoref", "datastore_moref"],
  ["slaProfileId", "sla_id"],
  ["slaProfileDisplayName", "sla_name"],
  ["overallHealth", "overall_health"],
  ["dataConnectionState", "data_connection_state"],
];

export class ReplicationsRepo {
  private seq: number;
  constructor(private readonly db: Db) {
    this.seq = (db.prepare("SELECT COALESCE(MAX(seq), 0) AS s FROM replications").get() as { s: number }).s;
  }
  save(r: ReplicationRec): void {
    if (!r.seq) r.seq = ++this.seq;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO replications(id, pending, owner, vm_id, vm_name, source_site, source_org, source_vdc_id, source_vdc_name, source_type,
          source_vim_uuid, dest_site, dest_org, dest_vdc_id, dest_vdc_name, dest_type, storage_profile, is_migration, sla_id, sla_name, last_updated,
          overall_health, data_connection_state, recovered_vm_id, vim_uuid, datastore_moref, seq, next_event_at, vapp_rep_id, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.id,
        r.pending ? 1 : 0,
        r.owner,
        r.vmId,
        r.vmName,
        r.source.site,
        r.source.org,
        r.source.vdcId,
        r.source.vdcName,
        r.sourceType,
        r.sourceVcUuid,
        r.destination.site,
        r.destination.org,
        r.destination.vdcId,
        r.destination.vdcName,
        r.destinationType,
        r.storageProfile,
        r.isMigration ? 1 : 0,
        r.slaProfile?.id ?? null,
        r.slaProfile?.displayName ?? null,
        r.lastUpdated,
        r.overallHealth,
        r.dataConnectionState,
        r.recoveryInfo.vAppId ?? r.recoveryInfo.vcdVmId,
        r.vimLocation.vimServerInstanceUuid,
        r.vimLocation.datastoreMoref,
        r.seq,
        r.nextEventAt,
        r.vappReplicationId,
        JSON.stringify(r),
      );
  }
  get(id: string): ReplicationRec | undefined {
    const row = this.db.prepare("SELECT doc FROM replications WHERE id = ?").get(id) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) : undefined;
  }
  delete(id: string): void {
    this.db.prepare("DELETE FROM replications WHERE id = ?").run(id);
    this.db.prepare("DELETE FROM instances WHERE replication_id = ?").run(id);
  }
  /** Any replication (pending too) of this source VM. */
  byVm(site: string, vmId: string): ReplicationRec | undefined {
    const row = this.db
      .prepare("SELECT doc FROM replications WHERE source_site = ? AND vm_id = ? LIMIT 1")
      .get(site, vmId) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) : undefined;
  }
  /** The VM replications of a vApp replication (pending ones too), in creation order. */
  byVapp(vappReplicationId: string): ReplicationRec[] {
    return (
      this.db.prepare("SELECT doc FROM replications WHERE vapp_rep_id = ? ORDER BY seq").all(vappReplicationId) as {
        doc: string;
      }[]
    ).map((r) => JSON.parse(r.doc));
  }
  countBySla(slaId: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM replications WHERE pending = 0 AND sla_id = ?").get(slaId) as {
        n: number;
      }
    ).n;
  }
  countIncoming(site: string, org: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM replications WHERE dest_site = ? AND dest_org = ?").get(site, org) as {
        n: number;
      }
    ).n;
  }
  byDestination(site: string, org: string): ReplicationRec[] {
    return (
      this.db
        .prepare("SELECT doc FROM replications WHERE pending = 0 AND dest_site = ? AND dest_org = ? ORDER BY seq")
        .all(site, org) as { doc: string }[]
    ).map((r) => JSON.parse(r.doc));
  }
  due(now: number, limit: number): ReplicationRec[] {
    return (
      this.db
        .prepare(
          "SELECT doc FROM replications WHERE pending = 0 AND next_event_at IS NOT NULL AND next_event_at <= ? ORDER BY next_event_at LIMIT ?",
        )
        .all(now, limit) as {
        doc: string;
      }[]
    ).map((r) => JSON.parse(r.doc));
  }
  all(): ReplicationRec[] {
    return (
      this.db.prepare("SELECT doc FROM replications WHERE pending = 0 ORDER BY seq").all() as { doc: string }[]
    ).map((r) => JSON.parse(r.doc));
  }
  query(f: ReplicationFilter): { items: ReplicationRec[]; total: number } {
    return listPage(this.db, { table: "replications", eq: EQ, name: ["vmName", "vm_name"], sort: REPLICATION_SORT }, f);
  }
}

export interface InstanceRec {
  key: string;
  sequenceNumber: number;
  timestamp: number;
  transferBytes: number;
  transferSeconds: number;
  quiescedType: string;
  isPinned: boolean;
  disksInfo: { diskKey: number }[];
}

export class InstancesRepo {
  constructor(private readonly db: Db) {}
  insert(replicationId: string, i: InstanceRec): void {
    this.db
      .prepare("INSERT INTO instances(key, replication_id, timestamp, doc) VALUES (?, ?, ?, ?)")
      .run(i.key, replicationId, i.timestamp, JSON.stringify(i));
  }
  list(replicationId: string): InstanceRec[] {
    return (
      this.db
        .prepare("SELECT doc FROM instances WHERE replication_id = ? ORDER BY timestamp DESC")
        .all(replicationId) as { doc: string }[]
    ).map((r) => JSON.parse(r.doc));
  }
  get(replicationId: string, key: string): InstanceRec | undefined {
    const row = this.db
      .prepare("SELECT doc FROM instances WHERE replication_id = ? AND key = ?")
      .get(replicationId, key) as { doc: string } | undefined;
    return row ? JSON.parse(row.doc) : undefined;
  }
  delete(key: string): void {
    this.db.prepare("DELETE FROM instances WHERE key = ?").run(key);
  }
  deleteAll(replicationId: string): void {
    this.db.prepare("DELETE FROM instances WHERE replication_id = ?").run(replicationId);
  }
}
