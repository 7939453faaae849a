import type { Db } from "./db.js";

export interface PolicyRec {
  id: string;
  displayName: string;
  minRpo: number;
  maxInstances: number;
  maxPinnedInstances: number;
  maxIncoming: number;
  allowIncomingProtections: boolean;
  allowOutgoingProtections: boolean;
  allowIncomingMigrations: boolean;
  allowOutgoingMigrations: boolean;
  onpremDataCap: number;
  allowCustomSlaSettings: boolean;
  allowNotificationConfiguration: boolean;
  // 4.5 and later (stored in every profile; a profile shows and enforces those it has)
  allowAdvancedRetentionRules: boolean;
  allowOutgoingOnpremMigrations: boolean;
  allowOutgoingOnpremProtections: boolean;
}

export class PoliciesRepo {
  constructor(private readonly db: Db) {}
  list(): PolicyRec[] {
    return (this.db.prepare("SELECT doc FROM policies ORDER BY seq").all() as { doc: string }[]).map((r) =>
      JSON.parse(r.doc),
    );
  }
  get(id: string): PolicyRec | undefined {
    const r = this.db.prepare("SELECT doc FROM policies WHERE id = ?").get(id) as { doc: string } | undefined;
    return r ? JSON.parse(r.doc) : undefined;
  }
  byName(name: string): PolicyRec | undefined {
    const r = this.db.prepare("SELECT doc FROM policies WHERE display_name = ?").get(name) as
      | { doc: string }
      | undefined;
    return r ? JSON.parse(r.doc) : undefined;
  }
  insert(p: PolicyRec): void {
    const seq = (this.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM policies").get() as { s: number }).s;
    this.db
      .prepare("INSERT INTO policies(id, display_name, seq, doc) VALUES (?, ?, ?, ?)")
      .run(p.id, p.displayName, seq, JSON.stringify(p));
  }
  update(p: PolicyRec): void {
    this.db
      .prepare("UPDATE policies SET display_name = ?, doc = ? WHERE id = ?")
      .run(p.displayName, JSON.stringify(p), p.id);
  }
  delete(id: string): void {
    this.db.prepare("DELETE FROM policies WHERE id = ?").run(id);
  }
  // assignments: org (local short name) -> policy id; an org without a row has the default policy
  assignment(org: string): string | undefined {
    const r = this.db.prepare("SELECT policy_id FROM assignments WHERE org = ?").get(org) as
      | { policy_id: string }
      | undefined;
    return r?.policy_id;
  }
  assign(org: string, policyId: string): void {
    this.db
      .prepare(
        "INSERT INTO assignments(org, policy_id) VALUES (?, ?) ON CONFLICT(org) DO UPDATE SET policy_id = excluded.policy_id",
      )
      .run(org, policyId);
  }
  unassign(org: string): void {
    this.db.prepare("DELETE FROM assignments WHERE org = ?").run(org);
  }
  assignments(): { org: string; policyId: string }[] {
    return (
      this.db.prepare("SELECT org, policy_id FROM assignments ORDER BY org").all() as {
        org: string;
        policy_id: string;
      }[]
    ).map((r) => ({
      org: r.org,
      policyId: r.policy_id,
    }));
  }
  countAssigned(policyId: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM assignments WHERE policy_id = ?").get(policyId) as { n: number })
      .n;
  }
}
