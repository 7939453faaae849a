import type { Inventory, Vm } from "./types.js";

/**
 * Built-in inventory. Every id the guide's examples name is here, placed so the examples run as written
 * (decisions.md #4b): site2 is local, site1 a paired cloud site, onprem1 a paired on-prem site.
 */

const pad = (n: number, w = 12) => String(n).padStart(w, "0");

export const IDS = {
  localSite: "site2",
  /** Destination vDC of the create examples (org2, site2). */
  vdcOrg2: "d6977f40-4d90-46b2-a34e-5077e8648eda",
  /** Source vDC of the example replication (org1, site1). */
  vdcOrg1: "f61d60d2-698a-46dc-a266-88df27644956",
  vdcOrg3: "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03",
  /** The example replication's destination vDC (org s2org, site2). */
  vdcS2org: "5ee9224f-305d-46f6-865f-b605e70acef8",
  /** Source VM of the cloud create examples (site1, org1). */
  vmExample: "5ee9224f-305d-46f6-865f-b605e70acef8",
  /** VM of the example replication (site1, org1). */
  vmExampleReplicated: "4e7fa4b1-e8d9-45bd-a91d-852c46b7a0da",
  /** Powered-off seed VM of the seeded create examples (site2, org2). */
  seedVm: "107102e0-e03b-404e-8e17-0688c657a74b",
  /** vCenter of the on-prem create examples (the guide places it at site1). */
  vcenterExample: "9664de13-6150-4315-9f59-2d85eb4c302f",
  vcenterOnprem1: "7d3c1e2a-5b4f-4e6d-9a8b-0c1d2e3f4a5b",
  slaGold: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba",
  /** Three-VM vApp "web-tier" (site1, org1); the id of the reference's POST /vapp-replications example (4.5, 4.6). */
  vappWebTier: "9664de13-6150-4315-9f59-2d85eb4c302f",
  /** VMs web-01..03 of web-tier. */
  webVm: (n: number) => `7e1a0000-0000-4000-8000-${pad(n)}`,
  exampleReplication: "C4-ec991bd5-af9d-446a-8599-5b693842c4a3",
};

const twoDisks = (a = 16384, b = 32768) => [
  { key: 2000, capacityMB: a },
  { key: 2001, capacityMB: b },
];

function cloudVms(prefix: string, site: string, org: string, vdcId: string, count: number, name: string): Vm[] {
  const out: Vm[] = [];
  for (let i = 1; i <= count; i++) {
    out.push({
      id: `${prefix}-0000-4000-8000-${pad(i)}`,
      name: `${name}-${String(i).padStart(2, "0")}`,
      site,
      org,
      vdcId,
      vappId: `${prefix}-aaaa-4000-8000-${pad(i)}`,
      vappName: `${name}-vapp-${String(i).padStart(2, "0")}`,
      powerState: "poweredOn",
      cpus: 2,
      coresPerSocket: 1,
      memoryMB: 4096,
      computerName: `${name}-${i}`,
      description: null,
      disks: twoDisks(),
    });
  }
  return out;
}

/** web-tier: three powered-on VMs in one vApp, for vApp replications. */
function webTier(): Vm[] {
  return [1, 2, 3].map((n) => ({
    id: IDS.webVm(n),
    name: `web-0${n}`,
    site: "site1",
    org: "org1",
    vdcId: IDS.vdcOrg1,
    vappId: IDS.vappWebTier,
    vappName: "web-tier",
    vappDescription: "Web front end: three load-balanced VMs",
    powerState: "poweredOn",
    cpus: 2,
    coresPerSocket: 1,
    memoryMB: 4096,
    computerName: `web-0${n}`,
    description: null,
    disks: twoDisks(),
  }));
}

function vcenterVms(vcUuid: string, site: string, from: number, count: number): Vm[] {
  const out: Vm[] = [];
  for (let i = 0; i < count; i++) {
    const n = from + i;
    out.push({
      id: `vm-${n}`,
      name: `onprem-vm-${String(i + 1).padStart(2, "0")}`,
      site,
      vcUuid,
      powerState: "poweredOn",
      cpus: 2,
      coresPerSocket: 2,
      memoryMB: 8192,
      computerName: `onprem-vm-${i + 1}`,
      description: null,
      disks: twoDisks(20480, 40960),
    });
  }
  return out;
}

export function defaultInventory(): Inventory {
  const exampleDisks = [
    { key: 1000, capacityMB: 1024 },
    { key: 2000, capacityMB: 16384 },
  ];
  return {
    sites: [
      { name: "site2", type: "cloud", local: true, description: "Local cloud site (this appliance)" },
      { name: "site1", type: "cloud", description: "Paired remote cloud site" },
      { name: "onprem1", type: "onprem", description: "Paired on-premises site", org: "org2" },
      {
        name: "site",
        type: "onprem",
        description: "Placeholder site of the guide's seeded cloud-to-on-prem example",
        org: "org2",
      },
    ],
    orgs: [
      { name: "org2", site: "site2", associations: [{ site: "site1", org: "org1" }] },
      { name: "org3", site: "site2" },
      { name: "s2org", site: "site2" },
      { name: "org1", site: "site1", associations: [{ site: "site2", org: "org2" }] },
    ],
    vdcs: [
      {
        id: IDS.vdcOrg2,
        name: "Virtual DC 2",
        site: "site2",
        org: "org2",
        vimServer: "c3ebbf62-c7ff-4c70-b783-7b6074d770e4",
        vimServerInstanceUuid: "318d06a5-b126-4a8d-8150-dc90d3e385cd",
        storageProfiles: [
          {
            id: "9a1f2b3c-0000-4000-8000-000000000201",
            name: "Default",
            datastore: "69f9e569-30f1-46a7-a754-969a2fa5b955",
            datastoreMoref: "datastore-12",
            datastoreName: "testDatastore",
          },
          {
            id: "9a1f2b3c-0000-4000-8000-000000000202",
            name: "Gold Storage",
            datastore: "69f9e569-30f1-46a7-a754-969a2fa5b956",
            datastoreMoref: "datastore-13",
            datastoreName: "goldDatastore",
          },
        ],
      },
      {
        id: IDS.vdcOrg3,
        name: "Virtual DC 3",
        site: "site2",
        org: "org3",
        vimServer: "c3ebbf62-c7ff-4c70-b783-7b6074d770e4",
        vimServerInstanceUuid: "318d06a5-b126-4a8d-8150-dc90d3e385cd",
        storageProfiles: [
          {
            id: "9a1f2b3c-0000-4000-8000-000000000301",
            name: "Default",
            datastoreMoref: "datastore-14",
            datastoreName: "org3Datastore",
          },
        ],
      },
      {
        id: IDS.vdcS2org,
        name: "Virtual DC 2",
        site: "site2",
        org: "s2org",
        vimServer: "c3ebbf62-c7ff-4c70-b783-7b6074d770e4",
        vimServerInstanceUuid: "318d06a5-b126-4a8d-8150-dc90d3e385cd",
        storageProfiles: [
          {
            id: "9a1f2b3c-0000-4000-8000-000000000401",
            name: "Default",
            datastore: "69f9e569-30f1-46a7-a754-969a2fa5b955",
            datastoreMoref: "datastore-12",
            datastoreName: "testDatastore",
          },
        ],
      },
      {
        id: IDS.vdcOrg1,
        name: "Virtual DC 1",
        site: "site1",
        org: "org1",
        vimServer: "b1c2d3e4-0000-4000-8000-000000000101",
        vimServerInstanceUuid: "b1c2d3e4-0000-4000-8000-000000000102",
        storageProfiles: [
          {
            id: "9a1f2b3c-0000-4000-8000-000000000101",
            name: "Default",
            datastoreMoref: "datastore-21",
            datastoreName: "site1Datastore",
          },
        ],
      },
    ],
    vcenters: [
      { uuid: IDS.vcenterExample, site: "site1", name: "vc-example.site1" },
      { uuid: IDS.vcenterOnprem1, site: "onprem1", name: "vc.onprem1" },
      { uuid: "vcId", site: "site", name: "vc placeholder (guide example)" },
    ],
    vms: [
      {
        id: IDS.vmExample,
        name: "my vm 2",
        site: "site1",
        org: "org1",
        vdcId: IDS.vdcOrg1,
        vappId: "0b6f5a3e-0000-4000-8000-000000000001",
        vappName: "my vApp",
        powerState: "poweredOn",
        cpus: 2,
        coresPerSocket: 1,
        memoryMB: 2048,
        computerName: "computerName",
        description: "vmDescription",
        disks: exampleDisks,
      },
      {
        id: IDS.vmExampleReplicated,
        name: "my vm 1",
        site: "site1",
        org: "org1",
        vdcId: IDS.vdcOrg1,
        vappId: IDS.vdcOrg2,
        vappName: "my vApp",
        powerState: "poweredOn",
        cpus: 2,
        coresPerSocket: 1,
        memoryMB: 2048,
        computerName: "computerName",
        description: "vmDescription",
        disks: exampleDisks,
      },
      {
        id: IDS.seedVm,
        name: "seed vm",
        site: "site2",
        org: "org2",
        vdcId: IDS.vdcOrg2,
        vappId: "0b6f5a3e-0000-4000-8000-000000000002",
        vappName: "seed vApp",
        powerState: "poweredOff",
        cpus: 2,
        coresPerSocket: 1,
        memoryMB: 2048,
        disks: exampleDisks,
      },
      {
        id: "vm-42",
        name: "vm-42",
        site: "site1",
        vcUuid: IDS.vcenterExample,
        powerState: "poweredOn",
        cpus: 2,
        coresPerSocket: 1,
        memoryMB: 2048,
        disks: exampleDisks,
      },
      {
        id: "moId",
        name: "seed on-prem vm",
        site: "site",
        vcUuid: "vcId",
        powerState: "poweredOff",
        disks: exampleDisks,
      },
      ...webTier(),
      ...cloudVms("5e1a0000", "site1", "org1", IDS.vdcOrg1, 24, "demo-vm"),
      ...cloudVms("5e2a0000", "site2", "org2", IDS.vdcOrg2, 6, "org2-vm"),
      ...cloudVms("5e3a0000", "site2", "org3", IDS.vdcOrg3, 4, "org3-vm"),
      ...vcenterVms(IDS.vcenterOnprem1, "onprem1", 101, 20),
    ],
    users: [
      { username: "root", password: "password", kind: "local" },
      { username: "ssoUser", password: "ssoPass", kind: "sso" },
      { username: "administrator@vsphere.local", password: "password", kind: "sso" },
      { username: "root@System", password: "password", kind: "vcdProvider", site: "site2" },
      { username: "root@System", password: "password", kind: "vcdProvider", site: "site1" },
      { username: "admin1@org2", password: "password", kind: "vcdTenant", site: "site2", org: "org2" },
      { username: "admin3@org3", password: "password", kind: "vcdTenant", site: "site2", org: "org3" },
      { username: "admin1@org1", password: "password", kind: "vcdTenant", site: "site1", org: "org1" },
      { username: "user1@org1", password: "password", kind: "vcdTenant", site: "site1", org: "org1" },
    ],
    samlTokens: [{ token: "<saml2:Assertion xmlns:saml2=...>...</saml2:Assertion>", username: "ssoUser" }],
    vcdAccessTokens: [
      { token: "eyJhbGciOiJSUzI1NiJ9....", username: "admin1@org2" },
      { token: "eyJhbGciOiJSUzI1NiJ9.org3", username: "admin3@org3" },
    ],
    // the 4.1 reference's vcdCookie example
    vcdCookies: [{ token: "f12977876fef48a6b032ffdb2cdf22d7", username: "admin1@org2" }],
    slaProfiles: [
      {
        id: IDS.slaGold,
        displayName: "Gold",
        description: "RPO 15 minutes, three hourly instances",
        rpo: 15,
        quiesced: true,
        dataConnectionType: "ENCRYPTED",
        retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
      },
      {
        id: "3c8d9e0f-0000-4000-8000-000000000002",
        displayName: "Silver",
        description: "RPO 1 hour, a day of hourly instances",
        rpo: 60,
        quiesced: true,
        dataConnectionType: "ENCRYPTED_COMPRESSED",
        retentionPolicy: { rules: [{ numberOfInstances: 24, distance: 60 }] },
      },
      {
        id: "3c8d9e0f-0000-4000-8000-000000000003",
        displayName: "Bronze",
        description: "RPO 4 hours, a week of daily instances",
        rpo: 240,
        quiesced: false,
        dataConnectionType: "ENCRYPTED_COMPRESSED",
        retentionPolicy: { rules: [{ numberOfInstances: 7, distance: 1440 }] },
      },
    ],
    exampleReplication: true,
  };
}
