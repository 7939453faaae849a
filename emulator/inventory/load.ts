import { readFileSync } from "node:fs";
import { defaultInventory } from "./default.js";
import type { Inventory, Vm } from "./types.js";

/** Reads an inventory file; missing top-level lists fall back to the built-in default's. */
export function loadInventory(src?: Inventory | string): Inventory {
  if (src === undefined) return defaultInventory();
  const raw: Partial<Inventory> = typeof src === "string" ? JSON.parse(readFileSync(src, "utf8")) : src;
  const base = defaultInventory();
  const inv: Inventory = { ...base, ...raw } as Inventory;
  if (raw.exampleReplication === undefined && typeof src === "string") inv.exampleReplication = base.exampleReplication;
  checkInventory(inv);
  return inv;
}

function checkInventory(inv: Inventory): void {
  const locals = inv.sites.filter((s) => s.local);
  if (locals.length !== 1)
    throw new Error(`inventory: exactly one site must have "local": true (found ${locals.length})`);
  const sites = new Set(inv.sites.map((s) => s.name));
  for (const o of inv.orgs)
    if (!sites.has(o.site)) throw new Error(`inventory: org ${o.name} names unknown site ${o.site}`);
  for (const v of inv.vdcs)
    if (!sites.has(v.site)) throw new Error(`inventory: vdc ${v.id} names unknown site ${v.site}`);
  for (const v of inv.vms)
    if (!sites.has(v.site)) throw new Error(`inventory: vm ${v.id} names unknown site ${v.site}`);
}

/** Adds `count` generated cloud VMs on the first remote cloud site (for load tests). */
export function withGeneratedVms(inv: Inventory, count: number): Inventory {
  if (count <= 0) return inv;
  const local = inv.sites.find((s) => s.local)?.name;
  const remote = inv.sites.find((s) => s.type === "cloud" && !s.local)?.name ?? local;
  const vdc = inv.vdcs.find((v) => v.site === remote);
  if (!vdc) throw new Error("inventory: --generate-vms needs a vDC on a cloud site");
  const vms: Vm[] = [];
  for (let i = 1; i <= count; i++) {
    const hex = i.toString(16).padStart(12, "0");
    vms.push({
      id: `0a0b0c0d-0000-4000-9000-${hex}`,
      name: `gen-vm-${String(i).padStart(6, "0")}`,
      site: vdc.site,
      org: vdc.org,
      vdcId: vdc.id,
      vappId: `0a0b0c0d-aaaa-4000-9000-${hex}`,
      vappName: `gen-vapp-${i}`,
      powerState: "poweredOn",
      cpus: 1,
      coresPerSocket: 1,
      memoryMB: 1024,
      disks: [{ key: 2000, capacityMB: 8192 }],
    });
  }
  return { ...inv, vms: [...inv.vms, ...vms] };
}

export interface GeneratedVapps {
  count: number;
  /** VMs in each vApp; default 5. */
  vmsPerVapp?: number;
}

/**
 * Adds `count` generated vApps of `vmsPerVapp` cloud VMs on the first remote cloud site (for vApp benchmarks):
 * vApp `bench-vapp-NNNNNN` = `0a0b0c0f-0000-4000-9000-<12 hex of N>`, its VMs `bench-vapp-NNNNNN-vm-MM` =
 * `0a0b0c0e-<4 hex of M>-4000-9000-<12 hex of N>`.
 */
export function withGeneratedVapps(inv: Inventory, g: GeneratedVapps): Inventory {
  const per = g.vmsPerVapp ?? 5;
  if (g.count <= 0 || per <= 0) return inv;
  if (!Number.isInteger(g.count) || !Number.isInteger(per) || per > 0xffff)
    throw new Error("inventory: --generate-vapps and --vms-per-vapp take whole numbers (at most 65535 VMs per vApp)");
  const local = inv.sites.find((s) => s.local)?.name;
  const remote = inv.sites.find((s) => s.type === "cloud" && !s.local)?.name ?? local;
  const vdc = inv.vdcs.find((v) => v.site === remote);
  if (!vdc) throw new Error("inventory: --generate-vapps needs a vDC on a cloud site");
  const vms: Vm[] = [];
  for (let i = 1; i <= g.count; i++) {
    const hex = i.toString(16).padStart(12, "0");
    const name = `bench-vapp-${String(i).padStart(6, "0")}`;
    for (let j = 1; j <= per; j++) {
      vms.push({
        id: `0a0b0c0e-${j.toString(16).padStart(4, "0")}-4000-9000-${hex}`,
        name: `${name}-vm-${String(j).padStart(2, "0")}`,
        site: vdc.site,
        org: vdc.org,
        vdcId: vdc.id,
        vappId: `0a0b0c0f-0000-4000-9000-${hex}`,
        vappName: name,
        powerState: "poweredOn",
        cpus: 1,
        coresPerSocket: 1,
        memoryMB: 1024,
        disks: [{ key: 2000, capacityMB: 8192 }],
      });
    }
  }
  return { ...inv, vms: [...inv.vms, ...vms] };
}
