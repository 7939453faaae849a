import { randomUUID } from "node:crypto";
import type { PoliciesRepo, PolicyRec } from "../store/policies-repo.js";
import type { ReplicationsRepo } from "../store/replications-repo.js";
import { DefaultPolicyImmutable, DuplicatePolicyName, OrgNotFound, PolicyInUse, PolicyNotFound } from "./errors.js";
import type { PolicyBody } from "./schemas.js";
import type { World } from "./world.js";

/** The system policy, as the guide's example shows it (decisions.md #11). */
export const DEFAULT_POLICY: PolicyRec = {
  id: "default",
  displayName: "Default Policy",
  minRpo: 15,
  maxInstances: 24,
  maxPinnedInstances: 0,
  maxIncoming: 0,
  allowIncomingProtections: false,
  allowOutgoingProtections: false,
  allowIncomingMigrations: true,
  allowOutgoingMigrations: true,
  onpremDataCap: 0,
  allowCustomSlaSettings: true,
  allowNotificationConfiguration: true,
};

export interface PolicyStatus {
  org: string;
  configuredReplications: number;
  quotaViolation: number;
  protectionViolation: number;
  migrationViolation: number;
  nonRpoCompliant: string[];
  nonInstancesCompliant: string[];
}

export function instancesOf(rules: { numberOfInstances: number }[]): number {
  return rules.reduce((n, r) => n + r.numberOfInstances, 0);
}

/** Replication policies and their assignment to local orgs (guide L2851-3981, decisions.md #6-#11). */
export class Policies {
  constructor(
    private readonly repo: PoliciesRepo,
    private readonly replications: ReplicationsRepo,
    private readonly world: World,
  ) {
    if (!repo.get("default")) repo.insert({ ...DEFAULT_POLICY });
  }

  view(p: PolicyRec): Record<string, unknown> {
    const orgs = p.id === "default" ? -1 : this.repo.countAssigned(p.id);
    const { id, displayName, ...rest } = p;
    return { id, displayName, orgs, ...rest };
  }

  list(): PolicyRec[] {
    return this.repo.list();
  }

  get(id: string): PolicyRec {
    const p = this.repo.get(id);
    if (!p) throw new PolicyNotFound(id);
    return p;
  }

  create(body: PolicyBody): PolicyRec {
    if (this.repo.byName(body.displayName)) throw new DuplicatePolicyName(body.displayName);
    const p: PolicyRec = { id: randomUUID(), ...body };
    this.repo.insert(p);
    return p;
  }

  replace(id: string, body: PolicyBody): PolicyRec {
    const old = this.get(id);
    const displayName = id === "default" ? old.displayName : body.displayName;
    const clash = this.repo.byName(displayName);
    if (clash && clash.id !== id) throw new DuplicatePolicyName(displayName);
    const p: PolicyRec = { ...body, id, displayName };
    this.repo.update(p);
    return p;
  }

  delete(id: string): void {
    if (id === "default") throw new DefaultPolicyImmutable();
    this.get(id);
    const n = this.repo.countAssigned(id);
    if (n > 0) throw new PolicyInUse(id, n);
    this.repo.delete(id);
  }

  /** Synchronous (decisions.md #9); assigning `default` removes an explicit assignment. */
  assign(id: string, org: string): void {
    this.get(id);
    if (!this.world.hasOrg(this.world.localSite, org)) throw new OrgNotFound(org);
    if (id === "default") this.repo.unassign(org);
    else this.repo.assign(org, id);
  }

  /** Policy in force for a local org. */
  policyOf(org: string): PolicyRec {
    const id = this.repo.assignment(org) ?? "default";
    return this.repo.get(id) ?? DEFAULT_POLICY;
  }

  assignments(): { org: string; policyId: string }[] {
    return this.repo.assignments();
  }

  /** decisions.md #10: every org with this policy, with the replications that break it today. */
  status(id: string): PolicyStatus[] {
    const p = this.get(id);
    const site = this.world.localSite;
    const orgs = this.world
      .localOrgs()
      .map((o) => o.name)
      .filter((o) => (this.repo.assignment(o) ?? "default") === id);
    return orgs.map((org) => {
      const reps = this.replications.byDestination(site, org);
      const prot = reps.filter((r) => !r.isMigration).length;
      const migr = reps.length - prot;
      const incomingOn = p.allowIncomingProtections || p.allowIncomingMigrations;
      return {
        org,
        configuredReplications: reps.length,
        quotaViolation: incomingOn && p.maxIncoming >= 0 ? Math.max(0, reps.length - p.maxIncoming) : 0,
        protectionViolation: p.allowIncomingProtections ? 0 : prot,
        migrationViolation: p.allowIncomingMigrations ? 0 : migr,
        nonRpoCompliant: reps.filter((r) => r.settings.rpo < p.minRpo).map((r) => r.id),
        nonInstancesCompliant: reps
          .filter((r) => instancesOf(r.settings.retentionPolicy.rules) > p.maxInstances)
          .map((r) => r.id),
      };
    });
  }

  /** POST /policies/sync: drops assignments of orgs that no longer exist. */
  sync(): void {
    for (const a of this.repo.assignments()) {
      if (!this.world.hasOrg(this.world.localSite, a.org) || !this.repo.get(a.policyId)) this.repo.unassign(a.org);
    }
  }
}
