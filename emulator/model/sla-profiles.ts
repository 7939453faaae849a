import type { SlaProfile } from "../inventory/types.js";
import type { SlaAssignmentsRepo } from "../store/inventory-state-repo.js";
import type { ReplicationsRepo } from "../store/replications-repo.js";
import { OrgNotFound } from "./errors.js";
import type { Profile } from "./profiles.js";
import type { World } from "./world.js";

/**
 * SLA profiles (latest reference: list, assign, unassign; no create or update). The profiles come from the inventory;
 * their assignments to local orgs are stored. Assigning twice and unassigning what is not assigned are harmless.
 */
export class SlaProfiles {
  constructor(
    private readonly world: World,
    private readonly assignments: SlaAssignmentsRepo,
    private readonly replications: ReplicationsRepo,
    private readonly profile: Profile,
  ) {}

  /** The profiles of a site (a profile without a site is the local site's). */
  list(site: string): Record<string, unknown>[] {
    return this.world
      .slaProfiles()
      .filter((p) => (p.site ?? this.world.localSite) === site)
      .map((p) => this.view(p));
  }

  private view(p: SlaProfile): Record<string, unknown> {
    return {
      id: p.id,
      displayName: p.displayName,
      ...(this.profile.sla.description ? { description: p.description ?? "" } : {}),
      rpo: p.rpo,
      retentionPolicy: p.retentionPolicy ?? { rules: [{ numberOfInstances: 1, distance: Math.max(p.rpo, 60) }] },
      quiesced: p.quiesced ?? true,
      dataConnectionType: p.dataConnectionType ?? "ENCRYPTED_COMPRESSED",
      initialSyncTime: p.initialSyncTime ?? 0,
      orgs: this.assignments.countOrgs(p.id),
      // every VM replication made with the profile counts, the VMs of a vApp replication each
      replications: this.replications.countBySla(p.id),
    };
  }

  assign(org: string, profileId: string): void {
    this.check(org, profileId);
    this.assignments.assign(org, profileId);
  }

  unassign(org: string, profileId: string): void {
    this.check(org, profileId);
    this.assignments.unassign(org, profileId);
  }

  all(): { org: string; profileId: string }[] {
    return this.assignments.all();
  }

  private check(org: string, profileId: string): void {
    if (!this.world.hasOrg(this.world.localSite, org)) throw new OrgNotFound(org);
    this.world.slaProfile(profileId);
  }
}
