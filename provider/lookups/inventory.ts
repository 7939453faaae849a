/**
 * Lookups by name, so a stack reads like a user's: `vcda.getVdcOutput({ site: "site2", org: "org2", name: "Gold
 * vDC" }).id` instead of a UUID. Each resolves an exact, case-sensitive name through the appliance (client/inventory.ts)
 * and fails, naming what was looked for and what exists, when there is no match or more than one. Each has a Promise
 * form and an `…Output` form taking Inputs. The connection comes from `connection`, then stack config `vcda:*`, then
 * `VCDA_*`. `site` defaults to the appliance's local site; a remote cloud site needs `vcda:sites`.
 */
import type {
  InventoryOrg,
  InventoryStorageProfile,
  InventoryVapp,
  InventoryVdc,
  InventoryVm,
  Site,
  SlaProfile,
  VcenterVm,
} from "../api/inventory";
import { newOperationId } from "../client";
import type { ConnectionArgs } from "../inputs";
import { lookupClient as clientFor, outputForm } from "./client";

export type { InventoryOrg, InventoryStorageProfile, InventoryVapp, InventoryVdc, InventoryVm, Site, SlaProfile };

interface Common {
  /** Site to look on (default: the appliance's local site). */
  site?: string;
  connection?: ConnectionArgs;
}

const shown = (names: string[]) =>
  names.length === 0
    ? "none"
    : names.length > 20
      ? `${names.slice(0, 20).join(", ")} and ${names.length - 20} more`
      : names.join(", ");

/** The one item named `name` among `items`, or an error naming what was looked for and what exists. */
export function pickByName<T>(
  items: T[],
  name: string,
  nameOf: (t: T) => string,
  what: string,
  where: string,
  describe: (t: T) => string,
  narrow: string,
): T {
  const exact = items.filter((t) => nameOf(t) === name);
  if (exact.length === 1) return exact[0] as T;
  if (exact.length === 0) {
    throw new Error(
      `No ${what} named "${name}" ${where} (names are exact and case-sensitive); ${what}s there: ${shown(items.map(nameOf))}`,
    );
  }
  throw new Error(
    `${exact.length} ${what}s are named "${name}" ${where}: ${exact.map(describe).join("; ")}. ${narrow}`,
  );
}

const onSite = (site?: string) => (site ? `on site "${site}"` : "on the local site");
const inOrg = (site?: string, org?: string) => `${onSite(site)}${org ? ` in org "${org}"` : ""}`;

/** GET /sites: every paired cloud site. */
export function listSites(args: { connection?: ConnectionArgs } = {}): Promise<Site[]> {
  return clientFor(args.connection).inventory.sites(newOperationId("list-sites"));
}

/** A paired cloud site by name; without a name, the appliance's local site. */
export async function getSite(args: { name?: string; connection?: ConnectionArgs } = {}): Promise<Site> {
  const sites = await listSites(args);
  if (args.name === undefined) {
    const local = sites.find((s) => s.isLocal === true);
    if (!local) throw new Error(`The appliance lists no local site among ${shown(sites.map((s) => s.site))}`);
    return local;
  }
  return pickByName(
    sites,
    args.name,
    (s) => s.site,
    "site",
    "paired with the appliance",
    (s) => s.site,
    "",
  );
}

/** A VMware Cloud Director org by short name. */
export async function getOrg(args: Common & { name: string }): Promise<InventoryOrg> {
  const orgs = await clientFor(args.connection).inventory.orgs(args.site, newOperationId("get-org"));
  return pickByName(
    orgs,
    args.name,
    (o) => o.name,
    "org",
    onSite(args.site),
    (o) => o.name,
    "",
  );
}

/** An org vDC by name; `org` narrows the search when names repeat across orgs. */
export async function getVdc(args: Common & { name: string; org?: string }): Promise<InventoryVdc> {
  const filter = { name: args.name, ...(args.org ? { org: args.org } : {}) };
  const client = clientFor(args.connection);
  let vdcs = await client.inventory.vdcs(args.site, filter, newOperationId("get-vdc"));
  if (args.org) vdcs = vdcs.filter((v) => !v.org || v.org === args.org);
  if (!vdcs.some((v) => v.name === args.name)) {
    // Show what exists, not only what the name filter let through.
    vdcs = await client.inventory.vdcs(args.site, args.org ? { org: args.org } : {}, newOperationId("get-vdc"));
  }
  return pickByName(
    vdcs,
    args.name,
    (v) => v.name,
    "vDC",
    inOrg(args.site, args.org),
    (v) => `${v.id} (org ${v.org ?? "?"})`,
    "Pass `org` to choose.",
  );
}

/** A storage profile of a vDC by name (`*` is the vDC's default in a replication's destination). */
export async function getStorageProfile(
  args: Common & { vdcId: string; name: string },
): Promise<InventoryStorageProfile> {
  const profiles = await clientFor(args.connection).inventory.storageProfiles(
    args.site,
    args.vdcId,
    newOperationId("get-storage-profile"),
  );
  return pickByName(
    profiles,
    args.name,
    (p) => p.name,
    "storage profile",
    `of vDC ${args.vdcId} ${onSite(args.site)}`,
    (p) => p.id,
    "",
  );
}

/** A VMware Cloud Director vApp by name, with its VMs. */
export async function getVapp(args: Common & { name: string; org?: string }): Promise<InventoryVapp> {
  const client = clientFor(args.connection);
  const org = args.org ? { org: args.org } : {};
  let vapps = await client.inventory.vapps(args.site, { name: args.name, ...org }, newOperationId("get-vapp"));
  if (!vapps.some((v) => v.name === args.name))
    vapps = await client.inventory.vapps(args.site, org, newOperationId("get-vapp"));
  return pickByName(
    vapps,
    args.name,
    (v) => v.name,
    "vApp",
    inOrg(args.site, args.org),
    (v) => `${v.id} (org ${v.org ?? "?"})`,
    "Pass `org` to choose.",
  );
}

/** A VMware Cloud Director VM by name; `org` or `vappId` narrow the search when names repeat. */
export async function getVm(args: Common & { name: string; org?: string; vappId?: string }): Promise<InventoryVm> {
  const client = clientFor(args.connection);
  const narrow = { ...(args.org ? { org: args.org } : {}), ...(args.vappId ? { vappId: args.vappId } : {}) };
  let vms = await client.inventory.vms(args.site, { name: args.name, ...narrow }, newOperationId("get-vm"));
  if (args.vappId) vms = vms.filter((v) => !v.vappId || v.vappId === args.vappId);
  if (!vms.some((v) => v.name === args.name))
    vms = await client.inventory.vms(args.site, narrow, newOperationId("get-vm"));
  return pickByName(
    vms,
    args.name,
    (v) => v.name,
    "VM",
    `${inOrg(args.site, args.org)}${args.vappId ? ` in vApp ${args.vappId}` : ""}`,
    (v) => `${v.id} (vApp ${v.vappName ?? v.vappId ?? "?"})`,
    "Pass `org` or `vappId` to choose.",
  );
}

/** A VM of an on-premises vCenter by name (its MoRef is the `vmId` of a `vcenter` source). */
export async function getVcenterVm(args: {
  site: string;
  name: string;
  vcId?: string;
  connection?: ConnectionArgs;
}): Promise<VcenterVm & { vcId: string }> {
  const client = clientFor(args.connection);
  const op = newOperationId("get-vcenter-vm");
  let vcId = args.vcId;
  if (!vcId) {
    const vcenters = await client.inventory.vcenters(args.site, op);
    if (vcenters.length !== 1) {
      throw new Error(
        `Site "${args.site}" has ${vcenters.length} vCenters (${shown(vcenters.map((v) => v.vcId))}); pass vcId to choose`,
      );
    }
    vcId = (vcenters[0] as { vcId: string }).vcId;
  }
  const vms = await client.inventory.vcenterVms(args.site, vcId, op);
  const vm = pickByName(
    vms,
    args.name,
    (v) => v.name,
    "VM",
    `in vCenter ${vcId} of site "${args.site}"`,
    (v) => v.id,
    "",
  );
  return { ...vm, vcId };
}

/** Every SLA profile (GET /sla-profiles). */
export function listSlaProfiles(args: { site?: string; connection?: ConnectionArgs } = {}): Promise<SlaProfile[]> {
  return clientFor(args.connection).inventory.slaProfiles(newOperationId("list-sla-profiles"), args.site);
}

/** An SLA profile by `id` or exact `name` (its displayName); its `id` is what `slaProfileId` takes. */
export async function getSlaProfile(args: Common & { name?: string; id?: string }): Promise<SlaProfile> {
  const profiles = await listSlaProfiles(args);
  if (args.id) {
    const found = profiles.find((p) => p.id === args.id);
    if (!found)
      throw new Error(
        `No SLA profile with id ${args.id} ${onSite(args.site)}; profiles: ${shown(profiles.map((p) => `${p.displayName} (${p.id})`))}`,
      );
    return found;
  }
  if (!args.name) throw new Error("getSlaProfile: pass name or id");
  return pickByName(
    profiles,
    args.name,
    (p) => p.displayName,
    "SLA profile",
    onSite(args.site),
    (p) => p.id,
    "Use `id`.",
  );
}

export const getSiteOutput = outputForm(getSite);
export const getOrgOutput = outputForm(getOrg);
export const getVdcOutput = outputForm(getVdc);
export const getStorageProfileOutput = outputForm(getStorageProfile);
export const getVappOutput = outputForm(getVapp);
export const getVmOutput = outputForm(getVm);
export const getVcenterVmOutput = outputForm(getVcenterVm);
export const getSlaProfileOutput = outputForm(getSlaProfile);
export const listSlaProfilesOutput = outputForm(listSlaProfiles);
