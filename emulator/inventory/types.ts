/** Inventory: the fixed world the emulated appliance sees (sites, orgs, vDCs, VMs, users). Loaded once at start. */

export interface Disk {
  /** Device key, e.g. 2000. */
  key: number;
  capacityMB: number;
}

export interface Site {
  name: string;
  /** `cloud` (a VCD site with a Cloud Service) or `onprem` (a vCenter-only site). */
  type: "cloud" | "onprem";
  /** Exactly one cloud site is local: the appliance being emulated. */
  local?: boolean;
  description?: string;
  /** GET /sites: the site's API address; default `https://<name>.vcda.example:8048` (its public one: port 443). */
  apiUrl?: string;
  apiPublicUrl?: string;
  /** On-prem sites: the local org that paired it; its tenants see the site's vCenters (`GET /vc-sites/...`). */
  org?: string;
}

export interface Org {
  name: string;
  site: string;
  /** Orgs on other sites associated through VCD multisite; `POST /sessions/extend` maps to them. */
  associations?: { site: string; org: string }[];
}

export interface StorageProfile {
  id: string;
  name: string;
  datastore?: string;
  datastoreMoref?: string;
  datastoreName?: string;
}

export interface Vdc {
  id: string;
  name: string;
  site: string;
  org: string;
  /** First one is what `storageProfile: "*"` selects. */
  storageProfiles: StorageProfile[];
  vimServer?: string;
  vimServerInstanceUuid?: string;
}

export interface Vm {
  /** VCD VM id (UUID) for cloud VMs, vCenter MoRef (e.g. `vm-42`) for vCenter VMs. */
  id: string;
  name: string;
  site: string;
  /** Cloud VMs: org, vdc and vApp. */
  org?: string;
  vdcId?: string;
  vappId?: string;
  vappName?: string;
  /** The vApp's description in VCD (a vApp replication's `descriptor.description`). */
  vappDescription?: string;
  /** vCenter VMs: the vCenter instance UUID. */
  vcUuid?: string;
  powerState?: "poweredOn" | "poweredOff" | "suspended";
  cpus?: number;
  coresPerSocket?: number;
  memoryMB?: number;
  computerName?: string | null;
  description?: string | null;
  disks: Disk[];
}

export interface Vcenter {
  uuid: string;
  site: string;
  name?: string;
}

export interface User {
  username: string;
  password: string;
  /** local = appliance root; sso = SSO admin; vcdProvider = root@System; vcdTenant = org user. */
  kind: "local" | "sso" | "vcdProvider" | "vcdTenant";
  /** Site of the VCD account (vcd* kinds); defaults to the local site. */
  site?: string;
  /** Org of a tenant. */
  org?: string;
}

export interface TokenGrant {
  token: string;
  username: string;
  site?: string;
}

export interface SlaProfile {
  id: string;
  displayName: string;
  /** Shown from 4.7 (the latest reference's SlaProfile). */
  description?: string;
  /** Site of the profile; default the local site. */
  site?: string;
  rpo: number;
  initialSyncTime?: number;
  quiesced?: boolean;
  dataConnectionType?: "PLAIN" | "ENCRYPTED" | "ENCRYPTED_COMPRESSED";
  retentionPolicy?: { rules: { numberOfInstances: number; distance: number }[] };
}

export interface Inventory {
  sites: Site[];
  orgs: Org[];
  vdcs: Vdc[];
  vcenters: Vcenter[];
  vms: Vm[];
  users: User[];
  samlTokens?: TokenGrant[];
  vcdAccessTokens?: TokenGrant[];
  /** VCD session cookies for the `vcdCookie` login and the `cookie` extension (4.1 reference). */
  vcdCookies?: TokenGrant[];
  slaProfiles?: SlaProfile[];
  /** Preload the guide's example replication `C4-ec991bd5-...` into an empty database. */
  exampleReplication?: boolean;
}
