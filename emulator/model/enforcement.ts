import type { PolicyRec } from "../store/policies-repo.js";
import {
  AdvancedRetentionNotAllowed,
  BadRequest,
  CustomSlaNotAllowed,
  IncomingQuotaExceeded,
  MigrationsNotAllowed,
  ProtectionsNotAllowed,
  RpoBelowPolicyMinimum,
  TooManyInstances,
} from "./errors.js";
import { instancesOf } from "./policies.js";
import type { PolicyFlag } from "./profiles.js";
import type { RetentionPolicy } from "./replication-types.js";

/** Product limits of decisions.md #21; each one configurable because versions differ. */
export interface Limits {
  rpoMin: number;
  rpoMax: number;
  /** Most rotated instances one replication may keep. */
  maxRotatedInstances: number;
  maxRetentionRules: number;
  /** A retention rule's distance may not be below the RPO. */
  distanceNotBelowRpo: boolean;
  /** Minimum RPO for quiescing; 0 = off (the guide's own examples quiesce at RPO 5). */
  quiesceMinRpo: number;
}

export const DEFAULT_LIMITS: Limits = {
  rpoMin: 1,
  rpoMax: 1440,
  maxRotatedInstances: 24,
  maxRetentionRules: 5,
  distanceNotBelowRpo: true,
  quiesceMinRpo: 0,
};

export function checkLimits(l: Limits, s: { rpo: number; quiesced: boolean; retentionPolicy: RetentionPolicy }): void {
  if (s.rpo < l.rpoMin || s.rpo > l.rpoMax)
    throw new BadRequest(`RPO must be between ${l.rpoMin} and ${l.rpoMax} minutes; got ${s.rpo}.`, [s.rpo]);
  const rules = s.retentionPolicy.rules;
  if (rules.length > l.maxRetentionRules)
    throw new BadRequest(`At most ${l.maxRetentionRules} retention rules are allowed; got ${rules.length}.`, [
      rules.length,
    ]);
  const n = instancesOf(rules);
  if (n > l.maxRotatedInstances)
    throw new BadRequest(
      `At most ${l.maxRotatedInstances} rotated instances are allowed; the retention policy keeps ${n}.`,
      [n],
    );
  if (l.distanceNotBelowRpo) {
    for (const r of rules) {
      if (r.distance < s.rpo)
        throw new BadRequest(`Retention distance ${r.distance} is below the RPO ${s.rpo}.`, [r.distance, s.rpo]);
    }
  }
  if (s.quiesced && l.quiesceMinRpo > 0 && s.rpo < l.quiesceMinRpo) {
    throw new BadRequest(`Quiescing needs an RPO of at least ${l.quiesceMinRpo} minutes; got ${s.rpo}.`, [s.rpo]);
  }
}

/** A local org at one end of a replication and the policy in force for it. */
export interface Party {
  org: string;
  policy: PolicyRec;
}

export interface CreateCheck {
  isMigration: boolean;
  rpo: number;
  retentionPolicy: RetentionPolicy;
  custom: boolean;
  /** The destination is an on-premises site (cloud to on-prem). */
  onpremDestination: boolean;
  /** Policy flags of the profile; a flag the version lacks restricts nothing. */
  flags: PolicyFlag[];
  /** Destination org and its policy, when the destination is a local org; `count` VMs come in (default 1). */
  dest?: Party & { incoming: number; count?: number };
  /** Source org and its policy, when the source is a local org. */
  source?: Party;
}

/** decisions.md #12 on create: direction, quota, RPO, instances, custom settings; the first violation wins. */
export function checkCreate(c: CreateCheck): void {
  if (c.source) {
    const p = c.source.policy;
    const org = c.source.org;
    if (c.isMigration && !p.allowOutgoingMigrations) throw new MigrationsNotAllowed(org, "outgoing", p.id);
    if (!c.isMigration && !p.allowOutgoingProtections) throw new ProtectionsNotAllowed(org, "outgoing", p.id);
    if (c.onpremDestination) {
      // on top of the general outgoing flags; a flag the version lacks restricts nothing
      const off = (f: PolicyFlag) => c.flags.includes(f) && !p[f];
      if (c.isMigration && off("allowOutgoingOnpremMigrations"))
        throw new MigrationsNotAllowed(org, "outgoing on-premises", p.id);
      if (!c.isMigration && off("allowOutgoingOnpremProtections"))
        throw new ProtectionsNotAllowed(org, "outgoing on-premises", p.id);
    }
  }
  if (c.dest) {
    const { org, policy: p, incoming, count = 1 } = c.dest;
    if (c.isMigration && !p.allowIncomingMigrations) throw new MigrationsNotAllowed(org, "incoming", p.id);
    if (!c.isMigration && !p.allowIncomingProtections) throw new ProtectionsNotAllowed(org, "incoming", p.id);
    // each VM is one incoming replication, so a vApp that does not fit whole is refused whole
    if (p.maxIncoming === 0 || (p.maxIncoming > 0 && incoming + count > p.maxIncoming))
      throw new IncomingQuotaExceeded(org, p.maxIncoming, p.id, incoming, count);
  }
  checkSettings(c);
}

/** decisions.md #12 on reconfigure (the direction and quota cannot change then). */
export function checkSettings(c: {
  rpo: number;
  retentionPolicy: RetentionPolicy;
  custom: boolean;
  flags: PolicyFlag[];
  dest?: Party;
  source?: Party;
}): void {
  if (c.dest) {
    const { org, policy: p } = c.dest;
    if (c.rpo < p.minRpo) throw new RpoBelowPolicyMinimum(c.rpo, p.minRpo, p.id);
    const n = instancesOf(c.retentionPolicy.rules);
    if (n > p.maxInstances) throw new TooManyInstances(n, p.maxInstances, p.id);
    if (c.custom && !p.allowCustomSlaSettings) throw new CustomSlaNotAllowed(org, p.id);
  }
  // advanced retention (several rules) is a capability of either end's org
  const rules = c.retentionPolicy.rules.length;
  if (rules > 1 && c.flags.includes("allowAdvancedRetentionRules")) {
    for (const party of [c.dest, c.source]) {
      if (party && !party.policy.allowAdvancedRetentionRules)
        throw new AdvancedRetentionNotAllowed(party.org, rules, party.policy.id);
    }
  }
}
