import { describe, expect, it } from "vitest";
import { diffReplication } from "../../provider/replication/diff";
import type { VmReplicationArgs, VmReplicationOutputs } from "../../provider/replication/mapping";
import { UNKNOWN } from "../../provider/replication/validate";

const inputs = (): VmReplicationArgs => ({
  site: "site2",
  source: { type: "vcloud", site: "site1", vmId: "vm-1", org: "org1" },
  destination: { type: "vcloud", site: "site2", vdc: "vdc-1", storageProfile: "*" },
  description: "web",
  rpo: 15,
  quiesced: true,
  retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
  excludedDisks: [2000],
  paused: false,
  connection: { endpoint: "https://vcda:8046", username: "u", password: "p" },
});

/** Previous outputs: the applied inputs plus (a part of) the server state the server filled in. */
const olds = (patch: Partial<VmReplicationArgs> = {}): Partial<VmReplicationOutputs> => ({
  ...inputs(),
  ...patch,
  replicationId: "C4-1",
  isPaused: false,
});

describe("diff of VmReplication", () => {
  it("reports no change when the program did not change (no phantom diff from server values)", () => {
    const d = diffReplication(olds(), inputs());
    expect(d).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      settings: false,
      disks: false,
      changed: [],
    });
  });

  it("ignores the order of excluded disks and key order of objects", () => {
    const news = {
      ...inputs(),
      excludedDisks: [2000],
      destination: { storageProfile: "*", vdc: "vdc-1", site: "site2", type: "vcloud" as const },
    };
    expect(diffReplication(olds({ excludedDisks: [2000] }), news).changes).toBe(false);
  });

  it("treats unset targetDiskType as THIN and unset isMigration as false", () => {
    expect(diffReplication(olds(), { ...inputs(), targetDiskType: "THIN", isMigration: false }).changes).toBe(false);
  });

  it.each([
    ["rpo", { rpo: 30 }],
    ["description", { description: "new" }],
    ["quiesced", { quiesced: false }],
    ["dataConnectionType", { dataConnectionType: "PLAIN" as const }],
    ["retentionPolicy", { retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] } }],
    ["slaProfileId", { slaProfileId: "gold" }],
  ])("updates %s in place with a settings PATCH", (key, patch) => {
    const d = diffReplication(olds(), { ...inputs(), ...patch });
    expect(d).toMatchObject({ changes: true, replaces: [], settings: true, disks: false, changed: [key] });
  });

  it("updates excluded disks in place with a disks PATCH", () => {
    const d = diffReplication(olds(), { ...inputs(), excludedDisks: [2000, 2001] });
    expect(d).toMatchObject({ changes: true, replaces: [], settings: false, disks: true, changed: ["excludedDisks"] });
  });

  it("sends the full set of excluded disks once when the user starts managing them (the state keeps no server copy)", () => {
    const o = olds({ excludedDisks: undefined });
    delete o.excludedDisks;
    expect(diffReplication(o, { ...inputs(), excludedDisks: [2000] })).toMatchObject({ disks: true, replaces: [] });
    expect(diffReplication(o, { ...inputs(), excludedDisks: [] }).disks).toBe(true);
    delete (o as Record<string, unknown>).excludedDisks;
    const news = inputs();
    delete news.excludedDisks;
    expect(diffReplication(o, news).disks).toBe(false);
  });

  it("pauses and resumes in place", () => {
    expect(diffReplication(olds(), { ...inputs(), paused: true })).toMatchObject({ pause: "pause", replaces: [] });
    expect(diffReplication(olds({ paused: true }), { ...inputs(), paused: false })).toMatchObject({ pause: "resume" });
  });

  it.each([
    ["site", { site: "site1" }],
    ["source", { source: { type: "vcloud" as const, site: "site1", vmId: "vm-2", org: "org1" } }],
    ["source", { source: { type: "vcenter" as const, site: "onprem1", vcUuid: "vc", vmId: "vm-1" } }],
    ["destination", { destination: { type: "vcloud" as const, site: "site2", vdc: "vdc-2", storageProfile: "*" } }],
    [
      "destination",
      { destination: { type: "vcloud" as const, site: "site2", vdc: "vdc-1", storageProfile: "gold-sp" } },
    ],
    [
      "destination",
      { destination: { type: "vcloud" as const, site: "site2", vdc: "vdc-1", storageProfile: "*", seedVmId: "s" } },
    ],
    ["destination", { destination: { type: "vcenter" as const, site: "onprem1" } }],
    ["targetDiskType", { targetDiskType: "PREALLOCATED" as const }],
    ["isMigration", { isMigration: true }],
  ])("replaces on a change of %s, deleting first", (key, patch) => {
    const d = diffReplication(olds(), { ...inputs(), ...patch });
    expect(d).toMatchObject({
      changes: true,
      replaces: [key],
      deleteBeforeReplace: true,
      settings: false,
      disks: false,
    });
  });

  it("does not run in-place steps when it replaces", () => {
    const d = diffReplication(olds(), { ...inputs(), isMigration: true, rpo: 60, paused: true, excludedDisks: [] });
    expect(d.settings).toBe(false);
    expect(d.disks).toBe(false);
    expect(d.pause).toBeUndefined();
    expect(d.changed).toEqual(expect.arrayContaining(["isMigration", "rpo", "paused", "excludedDisks"]));
  });

  it("records org labels, initialSyncTime, timeouts, adopt, limits and connection without an API call", () => {
    const d = diffReplication(olds(), {
      ...inputs(),
      source: { type: "vcloud", site: "site1", vmId: "vm-1", org: "org9" },
      initialSyncTime: 5,
      timeoutSeconds: 60,
      adopt: true,
      limits: { maxRpo: 60 },
      connection: { endpoint: "https://other:8046" },
    });
    expect(d).toMatchObject({ changes: true, replaces: [], settings: false, disks: false });
    expect(d.pause).toBeUndefined();
    expect(d.changed.sort()).toEqual([
      "adopt",
      "connection",
      "initialSyncTime",
      "limits",
      "source.org",
      "timeoutSeconds",
    ]);
  });

  it("does not manage settings the program leaves out", () => {
    const news = inputs();
    delete news.rpo;
    delete news.description;
    delete news.retentionPolicy;
    delete news.paused;
    delete news.excludedDisks;
    expect(diffReplication(olds(), news).changes).toBe(false);
  });

  it("treats an unknown value as a change of that field", () => {
    expect(diffReplication(olds(), { ...inputs(), rpo: UNKNOWN as never })).toMatchObject({
      settings: true,
      replaces: [],
    });
    expect(
      diffReplication(olds(), { ...inputs(), destination: { type: "vcloud", site: "site2", vdc: UNKNOWN } }).replaces,
    ).toEqual(["destination"]);
  });
});
