/**
 * What the appliance knows of its world: paired sites (GET /sites, reference …-operations-index/latest/sites/get),
 * SLA profiles (GET /sla-profiles, …/latest/sla-profiles/get and …/4.1/sla-profiles/get), and the VMware Cloud
 * Director / vCenter inventory. The inventory reads are NOT in Broadcom's reference: their paths and shapes are those
 * public clients of the API use (PsychoBelka/VMware.vCAV.Community, Public/Inventory/*.ps1). Read tolerantly: only
 * the fields a lookup matches on are required.
 */
import { z } from "zod";
import type { Known } from "./known";

const str = z.string().nullish();
const num = z.number().nullish();

/** One paired cloud site; the local one has `isLocal: true`. */
export const SiteSchema = z.looseObject({
  site: z.string(),
  description: str,
  isLocal: z.boolean().nullish(),
  apiUrl: str,
  apiPublicUrl: str,
  apiVersion: str,
  buildVersion: str,
});
export type Site = Known<z.infer<typeof SiteSchema>>;

/** An SLA profile (`SlaProfile`): the settings a replication may take instead of custom ones. */
export const SlaProfileSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  description: str,
  rpo: num,
  retentionPolicy: z
    .looseObject({ rules: z.array(z.looseObject({ numberOfInstances: z.number(), distance: z.number() })).nullish() })
    .nullish(),
  quiesced: z.boolean().nullish(),
  dataConnectionType: str,
  initialSyncTime: num,
  /** How many orgs have it assigned. */
  orgs: num,
  /** How many replications use it. */
  replications: num,
});
export type SlaProfile = Known<z.infer<typeof SlaProfileSchema>>;

export const InventoryOrgSchema = z.looseObject({ name: z.string(), site: str });
export const InventoryVdcSchema = z.looseObject({ id: z.string(), name: z.string(), org: str, site: str });
export const InventoryStorageProfileSchema = z.looseObject({ id: z.string(), name: z.string() });
export const InventoryVmSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  org: str,
  vdcId: str,
  vappId: str,
  vappName: str,
  site: str,
});
export const InventoryVappSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  org: str,
  vdcId: str,
  site: str,
  vms: z.array(z.looseObject({ id: z.string(), name: str })).nullish(),
});
export const VcenterSchema = z.looseObject({ vcId: z.string(), name: str, site: str });
export const VcenterVmSchema = z.looseObject({ id: z.string(), name: z.string() });

export type InventoryOrg = Known<z.infer<typeof InventoryOrgSchema>>;
export type InventoryVdc = Known<z.infer<typeof InventoryVdcSchema>>;
export type InventoryStorageProfile = Known<z.infer<typeof InventoryStorageProfileSchema>>;
export type InventoryVm = Known<z.infer<typeof InventoryVmSchema>>;
export type InventoryVapp = Known<z.infer<typeof InventoryVappSchema>>;
export type Vcenter = Known<z.infer<typeof VcenterSchema>>;
export type VcenterVm = Known<z.infer<typeof VcenterVmSchema>>;

/** The `{items, total}` envelope of the inventory lists. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), total: z.number().nullish() });
