import { randomUUID } from "node:crypto";
import type { PoliciesRepo, PolicyRec } from "../store/policies-repo.js";
import type { ReplicationsRepo } from "../store/replications-repo.js";
import { DefaultPolicyImmutable, DuplicatePolicyName, OrgNotFound, PolicyInUse, PolicyNotFound } from "./errors.js";
import type { Profile } from "./profiles.js";
import { type PolicyField, parse, policyBodySchema } from "./schemas.js";
import type { World } from "./world.js";

/** Run-time switches outside the profiles (quirks a client should survive). */
export interface Quirks {
  /** GET /policies/{id}/status lists only orgs with at least one replication (the other reading of the UI docs). */
  statusOmitsIdleOrgs: boolean;
}

/** The guide's twelve writable fields, in the guide's order. */
export const GUIDE_POLICY_FIELDS = [
  "displayName",
  "minRpo",
  "maxInstances",
  "maxPinnedInstances",
  "maxIncoming",
  "allowIncomingProtections",
  "allowOutgoingProtections",
  "allowIncomingMigrations",
  "allowOutgoingMigrations",
  "onpremDataCap",
  "allowCustomSlaSettings",
  "allowNotificationConfiguration",
] as const satisfies PolicyField[];

/**
 * Value of each field when a write leaves it out (profiles with `writes: "defaults"`) and on the default policy:
 * the guide's default policy (decisions.md #11) plus the newer flags. The flags' defaults are the emulator's choice
 * (no page gives them): advanced retention and on-prem migrations on, as before the flags existed; on-prem
 * protections off.
 */
export const POLICY_DEFAULTS: Omit<PolicyRec, "id" | "displayName"> = {
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
  allowAdvancedRetentionRules: true,
  allowOutgoingOnpremMigrations: true,
  allowOutgoingOnpremProtections: false,
};

/** The system policy, as the guide's example shows it (decisions.md #11). */
export const DEFAULT_POLICY: PolicyRec = { id: "default", displayName: "Default Policy", ...POLICY_DEFAULTS };

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
  /** Fields this profile reads and shows, and the schemas of its POST and PUT bodies. */
  private readonly fields: PolicyField[];
  private readonly shown: PolicyField[];
  private readonly postSchema: ReturnType<typeof policyBodySchema>;
  private readonly putSchema: ReturnType<typeof policyBodySchema>;

  constructor(
    private readonly repo: PoliciesRepo,
    private readonly replications: ReplicationsRepo,
    private readonly world: World,
    profile: Profile,
    private readonly quirks: Quirks,
  ) {
    if (!repo.get("default")) repo.insert({ ...DEFAULT_POLICY });
    const pol = profile.policy;
    this.fields = [...GUIDE_POLICY_FIELDS, ...pol.flags];
    this.shown = this.fields.filter((f) => f !== "displayName" && (f !== "onpremDataCap" || pol.showOnpremDataCap));
    const all = pol.writes === "all";
    this.postSchema = policyBodySchema(this.fields, all ? [...GUIDE_POLICY_FIELDS] : ["displayName"]);
    this.putSchema = policyBodySchema(this.fields, all ? [...GUIDE_POLICY_FIELDS] : []);
  }

  view(p: PolicyRec): Record<string, unknown> {
    const out: Record<string, unknown> = { id: p.id, displayName: p.displayName };
    out.orgs = p.id === "default" ? -1 : this.repo.countAssigned(p.id);
    for (const f of this.shown) out[f] = p[f];
    return out;
  }

  list(): PolicyRec[] {
    return this.repo.list().map(complete);
  }

  get(id: string): PolicyRec {
    const p = this.repo.get(id);
    if (!p) throw new PolicyNotFound(id);
    return complete(p);
  }

  create(raw: unknown): PolicyRec {
    const body = parse(this.postSchema, raw, "policy");
    const displayName = body.displayName as string;
    if (this.repo.byName(displayName)) throw new DuplicatePolicyName(displayName);
    const p: PolicyRec = { id: randomUUID(), displayName, ...POLICY_DEFAULTS, ...defined(body) };
    this.repo.insert(p);
    return p;
  }

  /**
   * PUT: every field of this profile is overwritten, an omitted one with its default (decisions.md #7 makes 4.1
   * require them all); fields the profile does not know keep their stored value.
   */
  replace(id: string, raw: unknown): PolicyRec {
    const body = parse(this.putSchema, raw, "policy");
    const old = this.get(id);
    const displayName = id === "default" ? old.displayName : (body.displayName ?? old.displayName);
    const clash = this.repo.byName(displayName);
    if (clash && clash.id !== id) throw new DuplicatePolicyName(displayName);
    const p: PolicyRec = { ...old };
    const rec = p as unknown as Record<string, unknown>;
    for (const f of this.fields) if (f !== "displayName") rec[f] = body[f] ?? POLICY_DEFAULTS[f];
    p.displayName = displayName;
    this.repo.update(p);
    return p;
  }

  /** Whether the profile has a policy flag (a flag a version lacks restricts nothing there). */
  hasFlag(f: PolicyField): boolean {
    return this.fields.includes(f);
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
    const p = this.repo.get(id);
    return p ? complete(p) : DEFAULT_POLICY;
  }

  assignments(): { org: string; policyId: string }[] {
    return this.repo.assignments();
  }

  /** decisions.md #10: every org with this policy (or, with the quirk, those with replications) and its violations. */
  status(id: string): PolicyStatus[] {
    const p = this.get(id);
    const site = this.world.localSite;
    const orgs = this.world
      .localOrgs()
      .map((o) => o.name)
      .filter((o) => (this.repo.assignment(o) ?? "default") === id);
    const rows = orgs.map((org) => {
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
    return this.quirks.statusOmitsIdleOrgs ? rows.filter((r) => r.configuredReplications > 0) : rows;
  }

  /** POST /policies/sync: drops assignments of orgs that no longer exist. */
  sync(): void {
    for (const a of this.repo.assignments()) {
      if (!this.world.hasOrg(this.world.localSite, a.org) || !this.repo.get(a.policyId)) this.repo.unassign(a.org);
    }
  }
}

/** A stored policy with the flags that an older database lacks. */
function complete(p: PolicyRec): PolicyRec {
  return { ...POLICY_DEFAULTS, ...p };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
