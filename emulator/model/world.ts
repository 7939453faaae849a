import type { Inventory, Org, Site, SlaProfile, User, Vcenter, Vdc, Vm } from "../inventory/types.js";
import { OrgNotFound, SiteNotFound, SlaProfileNotFound, VcenterNotFound, VdcNotFound, VmNotFound } from "./errors.js";

/** Read-only lookups over the inventory. */
export class World {
  readonly localSite: string;
  private readonly sites = new Map<string, Site>();
  private readonly orgs = new Map<string, Org>();
  private readonly vdcs = new Map<string, Vdc>();
  private readonly vms = new Map<string, Vm>();
  private readonly vcenters = new Map<string, Vcenter>();
  private readonly sla = new Map<string, SlaProfile>();

  constructor(readonly inventory: Inventory) {
    for (const s of inventory.sites) this.sites.set(s.name, s);
    this.localSite = inventory.sites.find((s) => s.local)?.name ?? "site2";
    for (const o of inventory.orgs) this.orgs.set(`${o.site}/${o.name}`, o);
    for (const v of inventory.vdcs) this.vdcs.set(v.id, v);
    for (const v of inventory.vms) this.vms.set(v.vcUuid ? `${v.vcUuid}/${v.id}` : `${v.site}/${v.id}`, v);
    for (const v of inventory.vcenters) this.vcenters.set(v.uuid, v);
    for (const p of inventory.slaProfiles ?? []) this.sla.set(p.id, p);
  }

  site(name: string): Site {
    const s = this.sites.get(name);
    if (!s) throw new SiteNotFound(name);
    return s;
  }
  hasSite(name: string): boolean {
    return this.sites.has(name);
  }
  org(site: string, name: string): Org {
    const o = this.orgs.get(`${site}/${name}`);
    if (!o) throw new OrgNotFound(name);
    return o;
  }
  hasOrg(site: string, name: string): boolean {
    return this.orgs.has(`${site}/${name}`);
  }
  localOrgs(): Org[] {
    return this.inventory.orgs.filter((o) => o.site === this.localSite);
  }
  /** The org on `site` associated (VCD multisite) with `org@fromSite`, if any. */
  associatedOrg(fromSite: string, org: string, site: string): string | undefined {
    if (fromSite === site) return org;
    const o = this.orgs.get(`${fromSite}/${org}`);
    const direct = o?.associations?.find((a) => a.site === site)?.org;
    if (direct) return direct;
    for (const other of this.inventory.orgs) {
      if (other.site === site && other.associations?.some((a) => a.site === fromSite && a.org === org))
        return other.name;
    }
    return undefined;
  }
  vdc(id: string, site?: string): Vdc {
    const v = this.vdcs.get(id);
    if (!v || (site && v.site !== site)) throw new VdcNotFound(id);
    return v;
  }
  findVdc(id: string): Vdc | undefined {
    return this.vdcs.get(id);
  }
  cloudVm(site: string, id: string): Vm {
    const v = this.vms.get(`${site}/${id}`);
    if (!v || v.vcUuid) throw new VmNotFound(id);
    return v;
  }
  vcenter(uuid: string, site?: string): Vcenter {
    const v = this.vcenters.get(uuid);
    if (!v || (site && v.site !== site)) throw new VcenterNotFound(uuid);
    return v;
  }
  vcenterOf(site: string): Vcenter | undefined {
    return this.inventory.vcenters.find((v) => v.site === site);
  }
  vcVm(vcUuid: string, moref: string): Vm {
    const v = this.vms.get(`${vcUuid}/${moref}`);
    if (!v) throw new VmNotFound(moref);
    return v;
  }
  slaProfile(id: string): SlaProfile {
    const p = this.sla.get(id);
    if (!p) throw new SlaProfileNotFound(id);
    return p;
  }
  users(username: string): User[] {
    return this.inventory.users.filter((u) => u.username === username);
  }
}
