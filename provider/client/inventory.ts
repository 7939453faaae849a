/**
 * Typed reads of what the appliance knows (sites, SLA profiles, the VCD and vCenter inventory) and SLA-profile
 * assignment. The inventory paths are those public clients use, not the reference's (api/inventory.ts).
 * Lists are followed page by page (`offset`/`limit` 100), like the other lists of the API.
 */
import { z } from "zod";
import {
  type InventoryOrg,
  InventoryOrgSchema,
  type InventoryStorageProfile,
  InventoryStorageProfileSchema,
  type InventoryVapp,
  InventoryVappSchema,
  type InventoryVdc,
  InventoryVdcSchema,
  type InventoryVm,
  InventoryVmSchema,
  pageOf,
  type Site,
  SiteSchema,
  type SlaProfile,
  SlaProfileSchema,
  type Vcenter,
  VcenterSchema,
  type VcenterVm,
  VcenterVmSchema,
} from "../api/inventory";
import type { QueryValue } from "./http";
import type { Requester } from "./types";

const enc = encodeURIComponent;

export class InventoryApi {
  constructor(private readonly client: Requester) {}

  /** GET /sites: the paired cloud sites, the local one with `isLocal`. */
  sites(operationId: string): Promise<Site[]> {
    return this.client.request({ method: "GET", path: "/sites", schema: z.array(SiteSchema), operationId });
  }

  /** GET /sla-profiles[?site]: every SLA profile (bare list). */
  slaProfiles(operationId: string, site?: string): Promise<SlaProfile[]> {
    return this.client.request({
      method: "GET",
      path: "/sla-profiles",
      query: { site },
      schema: z.array(SlaProfileSchema),
      operationId,
    });
  }

  /** POST /sla-profiles/orgs/{org}/profiles/{id} (201, no body): gives a local org the SLA profile. */
  async assignSlaProfile(org: string, profileId: string, operationId: string): Promise<void> {
    await this.client.request({
      method: "POST",
      path: `/sla-profiles/orgs/${enc(org)}/profiles/${enc(profileId)}`,
      operationId,
      idempotent: true,
    });
  }

  /** DELETE /sla-profiles/orgs/{org}/profiles/{id} (204). */
  async unassignSlaProfile(org: string, profileId: string, operationId: string): Promise<void> {
    await this.client.request({
      method: "DELETE",
      path: `/sla-profiles/orgs/${enc(org)}/profiles/${enc(profileId)}`,
      operationId,
      idempotent: true,
    });
  }

  orgs(site: string | undefined, operationId: string): Promise<InventoryOrg[]> {
    return this.pages("/inventory/orgs", { site }, InventoryOrgSchema, operationId);
  }

  vdcs(
    site: string | undefined,
    filter: { name?: string; org?: string },
    operationId: string,
  ): Promise<InventoryVdc[]> {
    return this.pages("/inventory/vdcs", { site, ...filter }, InventoryVdcSchema, operationId);
  }

  storageProfiles(site: string | undefined, vdcId: string, operationId: string): Promise<InventoryStorageProfile[]> {
    return this.client.request({
      method: "GET",
      path: `/inventory/vdcs/${enc(vdcId)}/storage-profiles`,
      query: { site },
      schema: z.array(InventoryStorageProfileSchema),
      operationId,
    });
  }

  vapps(
    site: string | undefined,
    filter: { name?: string; org?: string; vdcId?: string },
    operationId: string,
  ): Promise<InventoryVapp[]> {
    return this.pages("/inventory/vapps", { site, ...filter }, InventoryVappSchema, operationId);
  }

  vms(
    site: string | undefined,
    filter: { name?: string; org?: string; vappId?: string },
    operationId: string,
  ): Promise<InventoryVm[]> {
    return this.pages("/inventory/vms", { site, ...filter }, InventoryVmSchema, operationId);
  }

  /** GET /vc-sites/{site}/vcenters: the vCenters of an on-premises site. */
  vcenters(site: string, operationId: string): Promise<Vcenter[]> {
    return this.client.request({
      method: "GET",
      path: `/vc-sites/${enc(site)}/vcenters`,
      schema: z.array(VcenterSchema),
      operationId,
    });
  }

  /** GET /vc-sites/{site}/{vcId}/vms: the VMs of an on-premises vCenter. */
  vcenterVms(site: string, vcId: string, operationId: string): Promise<VcenterVm[]> {
    return this.pages(`/vc-sites/${enc(site)}/${enc(vcId)}/vms`, {}, VcenterVmSchema, operationId);
  }

  private async pages<T>(
    path: string,
    query: Record<string, QueryValue>,
    item: z.ZodType<T>,
    operationId: string,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; ) {
      const page = await this.client.request({
        method: "GET",
        path,
        query: { ...query, offset, limit: 100 },
        schema: pageOf(item),
        operationId,
      });
      out.push(...(page.items as T[]));
      offset += page.items.length;
      if (page.items.length === 0 || (typeof page.total === "number" && offset >= page.total)) return out;
    }
  }
}
