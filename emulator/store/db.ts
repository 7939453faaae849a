import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

/** Schema migrations, applied in order; PRAGMA user_version records how many ran. */
const MIGRATIONS = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sessions (
    token TEXT PRIMARY KEY, doc TEXT NOT NULL, last_used INTEGER NOT NULL
  );
  CREATE TABLE tasks (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, state TEXT NOT NULL, type TEXT NOT NULL,
    resource_type TEXT NOT NULL, resource_id TEXT, resource_name TEXT,
    source_org TEXT, destination_org TEXT,
    start_time INTEGER NOT NULL, end_time INTEGER NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL
  );
  CREATE INDEX tasks_user ON tasks(user, start_time);
  CREATE INDEX tasks_state ON tasks(state);
  CREATE TABLE policies (id TEXT PRIMARY KEY, display_name TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, doc TEXT NOT NULL);
  CREATE TABLE assignments (org TEXT PRIMARY KEY, policy_id TEXT NOT NULL);
  CREATE TABLE replications (
    id TEXT PRIMARY KEY, pending INTEGER NOT NULL, owner TEXT NOT NULL,
    vm_id TEXT NOT NULL, vm_name TEXT NOT NULL, source_site TEXT NOT NULL, source_org TEXT, source_vdc_id TEXT,
    source_vdc_name TEXT, source_type TEXT NOT NULL, source_vim_uuid TEXT,
    dest_site TEXT NOT NULL, dest_org TEXT, dest_vdc_id TEXT, dest_vdc_name TEXT, dest_type TEXT NOT NULL,
    storage_profile TEXT, is_migration INTEGER NOT NULL, sla_id TEXT, sla_name TEXT, last_updated INTEGER NOT NULL,
    overall_health TEXT NOT NULL, data_connection_state TEXT NOT NULL, recovered_vm_id TEXT,
    vim_uuid TEXT, datastore_moref TEXT, seq INTEGER NOT NULL, next_event_at INTEGER, doc TEXT NOT NULL
  );
  CREATE INDEX rep_vm ON replications(source_site, vm_id);
  CREATE INDEX rep_dest_org ON replications(dest_site, dest_org);
  CREATE INDEX rep_source_org ON replications(source_site, source_org);
  CREATE INDEX rep_seq ON replications(seq);
  CREATE INDEX rep_next ON replications(next_event_at);
  CREATE INDEX rep_owner ON replications(owner);
  CREATE TABLE instances (
    key TEXT PRIMARY KEY, replication_id TEXT NOT NULL, timestamp INTEGER NOT NULL, doc TEXT NOT NULL
  );
  CREATE INDEX inst_rep ON instances(replication_id, timestamp);
  `,
  // sorted list pages over 10k rows stay well under 50 ms with these
  `
  CREATE INDEX rep_vm_name ON replications(vm_name, seq);
  CREATE INDEX rep_last_updated ON replications(last_updated, seq);
  CREATE INDEX rep_dest_vdc_name ON replications(dest_vdc_name, seq);
  CREATE INDEX rep_source_vdc_name ON replications(source_vdc_name, seq);
  `,
  // vApp replications (their VMs are replications rows with vapp_rep_id), SLA assignments, VM power changes
  `
  ALTER TABLE replications ADD COLUMN vapp_rep_id TEXT;
  UPDATE replications SET vapp_rep_id = json_extract(doc, '$.vappReplicationId');
  CREATE INDEX rep_vapp ON replications(vapp_rep_id, seq);
  CREATE INDEX rep_sla ON replications(sla_id);
  CREATE TABLE vapp_replications (
    id TEXT PRIMARY KEY, pending INTEGER NOT NULL, owner TEXT NOT NULL, vapp_id TEXT NOT NULL, vapp_name TEXT NOT NULL,
    source_site TEXT NOT NULL, source_org TEXT, source_vdc_id TEXT, source_vdc_name TEXT, source_type TEXT NOT NULL,
    dest_site TEXT NOT NULL, dest_org TEXT, dest_vdc_id TEXT, dest_vdc_name TEXT, dest_type TEXT NOT NULL,
    is_migration INTEGER NOT NULL, last_updated INTEGER NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL
  );
  CREATE INDEX vapp_seq ON vapp_replications(seq);
  CREATE INDEX vapp_source ON vapp_replications(source_site, vapp_id);
  CREATE TABLE sla_assignments (org TEXT NOT NULL, profile_id TEXT NOT NULL, PRIMARY KEY (org, profile_id));
  CREATE TABLE vm_power (vm_key TEXT PRIMARY KEY, state TEXT NOT NULL);
  `,
];

export type Db = DatabaseSync;

/** Opens (and migrates) the database: a file path, or ":memory:". */
export function openDb(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number };
  for (let v = row.user_version; v < MIGRATIONS.length; v++) {
    db.exec("BEGIN");
    db.exec(MIGRATIONS[v] as string);
    db.exec(`PRAGMA user_version = ${v + 1}`);
    db.exec("COMMIT");
  }
  return db;
}

/** Runs fn in one transaction. */
export function tx<T>(db: Db, fn: () => T): T {
  db.exec("BEGIN");
  try {
    const out = fn();
    db.exec("COMMIT");
    return out;
  } catch (e) {
    db.exec("ROLLBACK");
    throw e;
  }
}

export class MetaRepo {
  constructor(private readonly db: Db) {}
  get(key: string): string | undefined {
    const r = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
    return r?.value;
  }
  set(key: string, value: string): void {
    this.db
      .prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(key, value);
  }
}
