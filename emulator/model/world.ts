import type { Inventory, Org, Site, SlaProfile, User, Vcenter, Vdc, Vm } from "../inventory/types.js";
import {
  OrgNotFound,
  SiteNotFound,
  SlaProfileNotFound,
  VappNotFound,
  VcenterNotFound,
  VdcNotFound,
  VmNotFound,
} from "./errors.js";

/** A cloud vApp: derived from the VMs that name it. */
export interface Vapp {
  id: string;
  name: string;
  description: string;
  site: string;
  org: string | null;
  vdcId: string | null;
  vms: Vm[];
}

/** Where operations record a changed power state (a migration powers its source off). */
export interface PowerStore {
  get(key: string): string | undefined;
  set(key: string, state: string): void;
  all(): { key: string; state: string }[];
}

/** Key of a VM: `<vcUuid>/<moref>` for vCenter VMs, `<site>/<id>` for cloud VMs. */
export const vmKey = (v: { site: string; id: string; vcUuid?: string }) =>
  v.vcUuid ? `${v.vcUuid}/${v.id}` : `${v.site}/${v.id}`;

/** Lookups over the inventory; only VM power states change (through `power`). */
export class World {
  readonly localSite: string;
  private readonly sites = new Map<string, Site>();
  private readonly orgs = new Map<string, Org>();
  private readonly vdcs = new Map<string, Vdc>();
  private readonly vms = new Map<string, Vm>();
  private readonly vcenters = new Map<string, Vcenter>();
  private readonly sla = new Map<string, SlaProfile>();
  private readonly vapps = new Map<string, Vapp>();

  constructor(
    readonly inventory: Inventory,
    private readonly power?: PowerStore,
  ) {
    for (const s of inventory.sites) this.sites.set(s.name, s);
    this.localSite = inventory.sites.find((s) => s.local)?.name ?? "site2";
    for (const o of inventory.orgs) this.orgs.set(`${o.site}/${o.name}`, o);
    for (const v of inventory.vdcs) this.vdcs.set(v.id, v);
    for (const v of inventory.vms) {
      this.vms.set(vmKey(v), v);
      if (v.vcUuid || !v.vappId) continue;
      const key = `${v.site}/${v.vappId}`;
      let a = this.vapps.get(key);
      if (!a) {
        a = {
          id: v.vappId,
          name: v.vappName ?? v.vappId,
          description: v.vappDescription ?? "",
          site: v.site,
          org: v.org ?? null,
          vdcId: v.vdcId ?? null,
          vms: [],
        };
        this.vapps.set(key, a);
      }
      a.vms.push(v);
    }
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
  vapp(site: string, id: string): Vapp {
    const a = this.vapps.get(`${site}/${id}`);
    if (!a) throw new VappNotFound(id);
    return a;
  }
  /** Power state now: as the inventory says, unless an operation changed it. */
  powerState(v: Vm): string {
    return this.power?.get(vmKey(v)) ?? v.powerState ?? "poweredOn";
  }
  setPowerState(v: { site: string; id: string; vcUuid?: string }, state: string): void {
    this.power?.set(vmKey(v), state);
  }
  /** Power states operations changed, as `{site, vmId, vcUuid?, powerState}`. */
  powerChanges(): { site: string; vmId: string; vcUuid?: string; powerState: string }[] {
    return (this.power?.all() ?? []).flatMap(({ key, state }) => {
      const v = this.vms.get(key);
      return v ? [{ site: v.site, vmId: v.id, ...(v.vcUuid ? { vcUuid: v.vcUuid } : {}), powerState: state }] : [];
    });
  }

  // listings for the inventory reads, in inventory order
  orgsAt(site: string): Org[] {
    return this.inventory.orgs.filter((o) => o.site === site);
  }
  vdcsAt(site: string): Vdc[] {
    return this.inventory.vdcs.filter((v) => v.site === site);
  }
  vappsAt(site: string): Vapp[] {
    return [...this.vapps.values()].filter((a) => a.site === site);
  }
  cloudVmsAt(site: string): Vm[] {
    return this.inventory.vms.filter((v) => v.site === site && !v.vcUuid);
  }
  vcentersAt(site: string): Vcenter[] {
    return this.inventory.vcenters.filter((v) => v.site === site);
  }
  vcenterVms(vcUuid: string): Vm[] {
    return this.inventory.vms.filter((v) => v.vcUuid === vcUuid);
  }
  cloudSites(): Site[] {
    return this.inventory.sites.filter((s) => s.type === "cloud");
  }
  slaProfiles(): SlaProfile[] {
    return this.inventory.slaProfiles ?? [];
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
