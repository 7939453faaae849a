import type { Db } from "./db.js";

/** What changes in the otherwise fixed inventory: SLA profile assignments and VM power states. */
export class SlaAssignmentsRepo {
  constructor(private readonly db: Db) {}
  assign(org: string, profileId: string): void {
    this.db.prepare("INSERT OR IGNORE INTO sla_assignments(org, profile_id) VALUES (?, ?)").run(org, profileId);
  }
  unassign(org: string, profileId: string): void {
    this.db.prepare("DELETE FROM sla_assignments WHERE org = ? AND profile_id = ?").run(org, profileId);
  }
  countOrgs(profileId: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM sla_assignments WHERE profile_id = ?").get(profileId) as { n: number }
    ).n;
  }
  all(): { org: string; profileId: string }[] {
    return (
      this.db.prepare("SELECT org, profile_id FROM sla_assignments ORDER BY org, profile_id").all() as {
        org: string;
        profile_id: string;
      }[]
    ).map((r) => ({ org: r.org, profileId: r.profile_id }));
  }
}

/** Power states set by operations (a planned migration powers its source VM off), keyed like World's VMs. */
export class VmPowerRepo {
  constructor(private readonly db: Db) {}
  get(key: string): string | undefined {
    const r = this.db.prepare("SELECT state FROM vm_power WHERE vm_key = ?").get(key) as { state: string } | undefined;
    return r?.state;
  }
  set(key: string, state: string): void {
    this.db
      .prepare(
        "INSERT INTO vm_power(vm_key, state) VALUES (?, ?) ON CONFLICT(vm_key) DO UPDATE SET state = excluded.state",
      )
      .run(key, state);
  }
  all(): { key: string; state: string }[] {
    return (
      this.db.prepare("SELECT vm_key, state FROM vm_power ORDER BY vm_key").all() as { vm_key: string; state: string }[]
    ).map((r) => ({ key: r.vm_key, state: r.state }));
  }
}
