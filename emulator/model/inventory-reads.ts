import { createHash } from "node:crypto";
import type { Site } from "../inventory/types.js";
import type { SessionRec } from "../store/sessions-repo.js";
import { BadRequest, SiteNotFound, VcenterNotFound, VdcNotFound } from "./errors.js";
import type { Profile } from "./profiles.js";
import type { Sessions } from "./sessions.js";
import type { World } from "./world.js";

export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

function page<T>(all: T[], p: Page): Paged<T> {
  return { items: all.slice(p.offset, p.offset + p.limit), total: all.length, offset: p.offset, limit: p.limit };
}

/** `name` filters are exact and case-sensitive; an absent filter matches everything. */
const eq = (want: string | undefined, have: string | null | undefined) => want === undefined || want === have;

/**
 * Sites (latest and 4.6 reference) and the inventory reads public clients use (PsychoBelka/VMware.vCAV.Community,
 * vCAV 3.x; not in Broadcom's reference). Tenants see only the orgs of their session; a remote cloud site must be in
 * the session.
 */
export class InventoryReads {
  constructor(
    private readonly world: World,
    private readonly sessions: Sessions,
    private readonly profile: Profile,
  ) {}

  sites(): Record<string, unknown>[] {
    return this.world.cloudSites().map((s) => this.siteView(s));
  }

  site(name: string): Record<string, unknown> {
    const s = this.world.site(name);
    if (s.type !== "cloud") throw new SiteNotFound(name);
    return this.siteView(s);
  }

  /** PeerSiteInfo; paired sites are assumed to run the same version as this one. */
  private siteView(s: Site): Record<string, unknown> {
    const base = `https://${s.name}.vcda.example`;
    return {
      site: s.name,
      description: s.description ?? "",
      isLocal: s.name === this.world.localSite,
      apiUrl: s.apiUrl ?? `${base}:8048`,
      apiPublicUrl: s.apiPublicUrl ?? `${base}:443`,
      apiThumbprint: thumbprint(s.name),
      apiVersion: this.profile.version,
      buildVersion: this.profile.build.version,
      state: { incomingCommError: null, outgoingCommError: null },
    };
  }

  /** The cloud site a read runs on: default local; a remote one must be in the session. */
  private cloudSite(caller: SessionRec, site: string | undefined): string {
    const s = this.sessions.resolveSite(caller, site);
    if (this.world.site(s).type !== "cloud")
      throw new BadRequest(`Site '${s}' is on-premises; it has no VMware Cloud Director inventory.`, [s]);
    return s;
  }

  /** Whether the caller may see an org's objects at a site. */
  private sees(caller: SessionRec, site: string, org: string | null | undefined): boolean {
    if (caller.admin) return true;
    return org != null && caller.authenticatedSites.some((p) => p.site === site && p.org === org);
  }

  orgs(caller: SessionRec, q: { site?: string } & Page): Paged<{ name: string; site: string }> {
    const site = this.cloudSite(caller, q.site);
    const all = this.world
      .orgsAt(site)
      .filter((o) => this.sees(caller, site, o.name))
      .map((o) => ({ name: o.name, site: o.site }));
    return page(all, q);
  }

  vdcs(caller: SessionRec, q: { site?: string; name?: string; org?: string } & Page) {
    const site = this.cloudSite(caller, q.site);
    const all = this.world
      .vdcsAt(site)
      .filter((v) => this.sees(caller, site, v.org) && eq(q.name, v.name) && eq(q.org, v.org))
      .map((v) => ({ id: v.id, name: v.name, org: v.org, site: v.site }));
    return page(all, q);
  }

  storageProfiles(caller: SessionRec, vdcId: string, siteParam: string | undefined): { id: string; name: string }[] {
    const site = this.cloudSite(caller, siteParam);
    const vdc = this.world.findVdc(vdcId);
    if (!vdc || vdc.site !== site || !this.sees(caller, site, vdc.org)) throw new VdcNotFound(vdcId);
    return vdc.storageProfiles.map((p) => ({ id: p.id, name: p.name }));
  }

  vapps(caller: SessionRec, q: { site?: string; name?: string; org?: string; vdcId?: string } & Page) {
    const site = this.cloudSite(caller, q.site);
    const all = this.world
      .vappsAt(site)
      .filter((a) => this.sees(caller, site, a.org) && eq(q.name, a.name) && eq(q.org, a.org) && eq(q.vdcId, a.vdcId))
      .map((a) => ({
        id: a.id,
        name: a.name,
        org: a.org,
        vdcId: a.vdcId,
        site: a.site,
        vms: a.vms.map((v) => ({ id: v.id, name: v.name })),
      }));
    return page(all, q);
  }

  vms(caller: SessionRec, q: { site?: string; name?: string; vappId?: string; org?: string } & Page) {
    const site = this.cloudSite(caller, q.site);
    const all = this.world
      .cloudVmsAt(site)
      .filter((v) => this.sees(caller, site, v.org) && eq(q.name, v.name) && eq(q.vappId, v.vappId) && eq(q.org, v.org))
      .map((v) => ({
        id: v.id,
        name: v.name,
        org: v.org ?? null,
        vdcId: v.vdcId ?? null,
        vappId: v.vappId ?? null,
        vappName: v.vappName ?? null,
        site: v.site,
      }));
    return page(all, q);
  }

  /**
   * vCenters of a site. An on-prem site's are seen by tenants of the org that paired it; a cloud site's (the guide
   * places a vCenter at site1) only by admins.
   */
  vcenters(caller: SessionRec, site: string): { vcId: string; name: string; site: string }[] {
    const s = this.world.site(site);
    this.sessions.requireSite(caller, site);
    if (!this.seesVcenters(caller, s)) return [];
    return this.world.vcentersAt(site).map((v) => ({ vcId: v.uuid, name: v.name ?? v.uuid, site: v.site }));
  }

  vcenterVms(caller: SessionRec, site: string, vcId: string, p: Page): Paged<{ id: string; name: string }> {
    const s = this.world.site(site);
    this.sessions.requireSite(caller, site);
    const vc = this.world.inventory.vcenters.find((v) => v.uuid === vcId && v.site === site);
    if (!vc || !this.seesVcenters(caller, s)) throw new VcenterNotFound(vcId);
    return page(
      this.world.vcenterVms(vc.uuid).map((v) => ({ id: v.id, name: v.name })),
      p,
    );
  }

  private seesVcenters(caller: SessionRec, s: Site): boolean {
    if (caller.admin) return true;
    return s.type === "onprem" && s.org !== undefined && this.sees(caller, this.world.localSite, s.org);
  }
}

/** A stable, made-up SHA-256 thumbprint per site. */
function thumbprint(name: string): string {
  const hex = createHash("sha256").update(`vcda-emulator:${name}`).digest("hex").toUpperCase();
  return `SHA-256:${hex.match(/../g)?.join(":")}`;
}
