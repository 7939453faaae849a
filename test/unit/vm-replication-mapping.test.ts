import { describe, expect, it } from "vitest";
import { VmReplicationSchema } from "../../provider/api/replication";
import {
  pickInputs,
  reflectDrift,
  stripUndefined,
  toCreateBody,
  toOutputs,
  toReconfigureBody,
  toServerState,
  type VmReplicationArgs,
  variantOf,
} from "../../provider/replication/mapping";

const cloudSource = { type: "vcloud", site: "site1", vmId: "vm-uuid-1" } as const;
const onpremSource = { type: "vcenter", site: "onprem1", vcUuid: "vc-uuid", vmId: "vm-42" } as const;
const cloudDest = { type: "vcloud", site: "site2", vdc: "vdc-uuid", storageProfile: "*" } as const;

/** The six variants: user inputs and the API source/destination they must produce (api-digest §3.3). */
const variants: Array<[string, VmReplicationArgs, unknown, unknown]> = [
  [
    "cloud-to-cloud",
    { source: cloudSource, destination: cloudDest },
    { type: "vm", site: "site1", vmId: "vm-uuid-1" },
    { type: "vcloud", site: "site2", vdc: "vdc-uuid", storageProfile: "*" },
  ],
  [
    "cloud-to-cloud-seed",
    { source: cloudSource, destination: { ...cloudDest, seedVmId: "seed-1" } },
    { type: "vm", site: "site1", vmId: "vm-uuid-1" },
    { type: "vm", site: "site2", vdc: "vdc-uuid", storageProfile: "*", seedVmId: "seed-1" },
  ],
  [
    "onprem-to-cloud",
    { source: onpremSource, destination: { type: "vcloud", site: "site2", vdc: "vdc-uuid" } },
    { type: "vcVm", site: "onprem1", vcUuid: "vc-uuid", vmId: "vm-42" },
    { type: "vcloud", site: "site2", vdc: "vdc-uuid" },
  ],
  [
    "onprem-to-cloud-seed",
    { source: onpremSource, destination: { type: "vcloud", site: "site2", vdc: "vdc-uuid", seedVmId: "seed-2" } },
    { type: "vcVm", site: "onprem1", vcUuid: "vc-uuid", vmId: "vm-42" },
    { type: "vm", site: "site2", vdc: "vdc-uuid", seedVmId: "seed-2" },
  ],
  [
    "cloud-to-onprem",
    { source: cloudSource, destination: { type: "vcenter", site: "onprem1" } },
    { type: "vm", site: "site1", vmId: "vm-uuid-1" },
    { type: "vc", site: "onprem1" },
  ],
  [
    "cloud-to-onprem-seed",
    { source: cloudSource, destination: { type: "vcenter", site: "onprem1", seedVm: { vcId: "vc-2", moId: "vm-7" } } },
    { type: "vm", site: "site1", vmId: "vm-uuid-1" },
    { type: "vcVm", site: "onprem1", seedVm: { vcId: "vc-2", moId: "vm-7" } },
  ],
];

describe("create body mapping", () => {
  it.each(variants)("maps the %s variant to the API discriminators", (variant, args, source, destination) => {
    expect(variantOf(args)).toBe(variant);
    const body = toCreateBody(args, "4.1");
    expect(body.source).toEqual(source);
    expect(body.destination).toEqual(destination);
  });

  it("names the excluded disks per API version: excludedDisks before 4.5, excludedDiskKeys from 4.5", () => {
    const args = { source: cloudSource, destination: cloudDest, excludedDisks: [2000] };
    expect(toCreateBody(args, "4.1").source).toEqual({
      type: "vm",
      site: "site1",
      vmId: "vm-uuid-1",
      excludedDisks: [2000],
    });
    for (const v of ["4.5", "4.6", "4.7", "4.9"]) {
      expect(toCreateBody(args, v).source).toEqual({
        type: "vm",
        site: "site1",
        vmId: "vm-uuid-1",
        excludedDiskKeys: [2000],
      });
    }
  });

  it("puts excludedDisks into the source and copies every setting", () => {
    const body = toCreateBody(
      {
        source: cloudSource,
        destination: cloudDest,
        excludedDisks: [2000, 2001],
        description: "d",
        rpo: 30,
        dataConnectionType: "ENCRYPTED",
        quiesced: false,
        retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
        targetDiskType: "PREALLOCATED",
        initialSyncTime: 0,
        isMigration: true,
      },
      "4.1",
    );
    expect(body).toEqual({
      source: { type: "vm", site: "site1", vmId: "vm-uuid-1", excludedDisks: [2000, 2001] },
      destination: { type: "vcloud", site: "site2", vdc: "vdc-uuid", storageProfile: "*" },
      description: "d",
      rpo: 30,
      dataConnectionType: "ENCRYPTED",
      quiesced: false,
      retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
      targetDiskType: "PREALLOCATED",
      initialSyncTime: 0,
      isMigration: true,
    });
  });

  it("omits settings the user left out so the server applies its defaults", () => {
    const body = toCreateBody({ source: cloudSource, destination: cloudDest }, "4.1");
    expect(Object.keys(body).sort()).toEqual(["destination", "source"]);
  });

  it("never sends the provider-only inputs (site, paused, adopt, limits, timeoutSeconds, connection, org)", () => {
    const body = toCreateBody(
      {
        site: "site2",
        source: { ...cloudSource, org: "org1" },
        destination: { ...cloudDest, org: "org2" },
        paused: true,
        adopt: true,
        limits: { maxRpo: 60 },
        timeoutSeconds: 10,
        connection: { endpoint: "https://x" },
      },
      "4.7",
    );
    const text = JSON.stringify(body);
    for (const word of ["paused", "adopt", "limits", "timeoutSeconds", "connection", "org"]) {
      expect(text).not.toContain(word);
    }
  });
});

describe("reconfigure body mapping", () => {
  it("sends every managed custom setting when no SLA profile is set", () => {
    expect(
      toReconfigureBody({
        source: cloudSource,
        destination: cloudDest,
        description: "x",
        rpo: 60,
        quiesced: true,
        dataConnectionType: "PLAIN",
        retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 120 }] },
      }),
    ).toEqual({
      description: "x",
      rpo: 60,
      quiesced: true,
      dataConnectionType: "PLAIN",
      retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 120 }] },
    });
  });

  it("sends only the SLA profile and description when a profile is set, so the profile is kept (L15829)", () => {
    expect(
      toReconfigureBody({ source: cloudSource, destination: cloudDest, slaProfileId: "gold", description: "y" }),
    ).toEqual({ slaProfileId: "gold", description: "y" });
  });
});

const guideExample = {
  id: "C4-ec991bd5-af9d-446a-8599-5b693842c4a3",
  owner: "org1@site1",
  vmId: "4e7fa4b1-e8d9-45bd-a91d-852c46b7a0da",
  vmName: "my vm 1",
  source: { site: "site1", org: "org1", vdcId: "f61d", vdcName: "Virtual DC 1", vappId: "d697", vappName: "my vApp" },
  destination: { site: "site2", org: "s2org", vdcId: "5ee9", vdcName: "Virtual DC 2", recoveredVappId: "vapp-1" },
  storageProfile: "*",
  storageProfileName: "Default",
  vimLocation: { vimServer: "c3eb", datastoreMoref: "datastore-12" },
  isPaused: false,
  settings: {
    description: "A vm replication",
    rpo: 5,
    dataConnectionType: "ENCRYPTED_COMPRESSED",
    quiesced: true,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
    initialSyncTime: 4102444800,
    excludedDiskKeys: [],
  },
  startupInfo: { order: 0, startAction: "powerOn", startDelay: 0, stopAction: "powerOff", stopDelay: 0 },
  metadata: { val1: { key: "val1", access: "READONLY", type: "STRING", value: "Hello, world!" } },
  sourceState: { state: "syncing", progress: { progress: 50, bytesTransferred: 2048 }, stateAge: 0 },
  destinationState: {
    currentRpoViolation: -1,
    latestInstance: null,
    state: "fullsync",
    recoveryInfo: { vAppId: null, vcdVmId: null, type: "vcd", recoveryState: "NOT_STARTED" },
    lastError: null,
    stateAge: 0,
    spaceRequirement: 0,
    isMovingReplica: false,
  },
  dataConnectionState: "OK",
  overallHealth: "GREEN",
  lastUpdated: 618094800000,
  isReversed: false,
  vappReplicationId: "C4VAPP-ccbe",
  computerName: null,
  vmDescription: null,
  isMigration: false,
  slaProfile: { id: "2bfb", displayName: "Gold" },
  someFutureField: { nested: true },
};

describe("response mapping", () => {
  it("parses the guide's example, tolerating nulls and unknown fields", () => {
    const parsed = VmReplicationSchema.parse(guideExample);
    expect(parsed.id).toBe(guideExample.id);
    expect((parsed as Record<string, unknown>).someFutureField).toEqual({ nested: true });
  });

  it("parses a minimal replication with nearly every field missing or null", () => {
    const parsed = VmReplicationSchema.parse({ id: "C4-1", settings: null, destinationState: { recoveryInfo: null } });
    const state = toServerState(parsed);
    expect(state.replicationId).toBe("C4-1");
    expect(state.settings.excludedDiskKeys).toEqual([]);
    expect(state.recoveryState).toBeNull();
    expect(JSON.stringify(state)).not.toContain("undefined");
  });

  it("rejects a replication without an id", () => {
    expect(() => VmReplicationSchema.parse({ vmName: "x" })).toThrow(/id/);
  });

  it("exposes what a user monitors", () => {
    const state = toServerState(VmReplicationSchema.parse(guideExample));
    expect(state).toMatchObject({
      replicationId: guideExample.id,
      vmName: "my vm 1",
      owner: "org1@site1",
      sourceDetails: { site: "site1", org: "org1", vappName: "my vApp" },
      destinationDetails: { site: "site2", org: "s2org", recoveredVappId: "vapp-1" },
      storageProfile: "*",
      storageProfileName: "Default",
      settings: { rpo: 5, quiesced: true, excludedDiskKeys: [] },
      slaProfile: { id: "2bfb", displayName: "Gold" },
      isPaused: false,
      overallHealth: "GREEN",
      sourceState: "syncing",
      syncProgress: 50,
      destinationState: "fullsync",
      currentRpoViolation: -1,
      recoveryState: "NOT_STARTED",
      isReversed: false,
      lastUpdated: 618094800000,
    });
  });

  it("keeps the user's inputs next to the server state and drops undefined members", () => {
    const outs = toOutputs(
      { source: cloudSource, destination: { ...cloudDest, seedVmId: "seed" }, targetDiskType: "THIN", rpo: undefined },
      VmReplicationSchema.parse(guideExample),
    );
    expect(outs.destination).toEqual({ ...cloudDest, seedVmId: "seed" });
    expect(outs.targetDiskType).toBe("THIN");
    expect("rpo" in outs).toBe(false);
    expect(outs).toMatchObject({ replicationId: guideExample.id, isPaused: false });
    // What a resource does not keep is the lookup's (toServerState): settings, details, owner.
    for (const k of ["settings", "sourceDetails", "destinationDetails", "owner", "vmId", "lastUpdated"]) {
      expect(k in outs).toBe(false);
    }
  });

  it("pickInputs drops __provider and server fields", () => {
    const picked = pickInputs({
      source: cloudSource,
      destination: cloudDest,
      __provider: "code",
      vmName: "x",
    } as never);
    expect(Object.keys(picked).sort()).toEqual(["destination", "source"]);
  });

  it("stripUndefined removes undefined members deeply", () => {
    expect(stripUndefined({ a: undefined, b: { c: undefined, d: 1 }, e: [1, undefined] })).toEqual({
      b: { d: 1 },
      e: [1],
    });
  });
});

describe("refresh drift", () => {
  const base: VmReplicationArgs = {
    source: cloudSource,
    destination: cloudDest,
    rpo: 5,
    quiesced: false,
    description: "A vm replication",
    excludedDisks: [],
    paused: false,
    retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
  };
  const server = (patch: Record<string, unknown>, settings: Record<string, unknown> = {}) =>
    toServerState(
      VmReplicationSchema.parse({
        ...guideExample,
        ...patch,
        slaProfile: null,
        settings: { ...guideExample.settings, quiesced: false, ...settings },
      }),
    );

  it("reports nothing when the server matches the inputs", () => {
    expect(reflectDrift(base, server({}))).toEqual(base);
  });

  it("takes an RPO, retention, description, disks and pause changed outside the stack", () => {
    const next = reflectDrift(
      base,
      server(
        { isPaused: true },
        {
          rpo: 30,
          description: "changed in UI",
          excludedDiskKeys: [2000],
          retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 30 }] },
        },
      ),
    );
    expect(next).toMatchObject({
      rpo: 30,
      description: "changed in UI",
      excludedDisks: [2000],
      paused: true,
      retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 30 }] },
    });
  });

  it("leaves fields the user does not manage alone (no phantom diff from server defaults)", () => {
    const minimal: VmReplicationArgs = { source: cloudSource, destination: cloudDest };
    expect(reflectDrift(minimal, server({ isPaused: true }, { rpo: 30 }))).toEqual(minimal);
  });

  it("keeps source and destination after a failover or reverse done outside the stack", () => {
    const next = reflectDrift(
      base,
      server({
        isReversed: true,
        source: guideExample.destination,
        destination: guideExample.source,
        destinationState: { ...guideExample.destinationState, recoveryInfo: { recoveryState: "COMPLETE" } },
      }),
    );
    expect(next.source).toEqual(base.source);
    expect(next.destination).toEqual(base.destination);
  });

  it("drops slaProfileId when the replication was switched to custom settings outside the stack", () => {
    const withProfile: VmReplicationArgs = { source: cloudSource, destination: cloudDest, slaProfileId: "gold" };
    expect(reflectDrift(withProfile, server({})).slaProfileId).toBeUndefined();
  });
});
