import { describe, expect, it } from "vitest";
import type { ApiVappReplication } from "../../provider/api/replication";
import { VAPP_KIND, validateVappInputs } from "../../provider/replication/vapp-kind";
import {
  reflectVappDrift,
  toVappCreateBody,
  toVappOutputs,
  toVappServerState,
  type VappReplicationArgs,
} from "../../provider/replication/vapp-mapping";

const args = (over: Partial<VappReplicationArgs> = {}): VappReplicationArgs => ({
  source: { type: "vcloud", site: "site1", vappId: "vapp-1", org: "org1" },
  destination: { type: "vcloud", site: "site2", vdc: "vdc-2", org: "org2" },
  rpo: 30,
  retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
  ...over,
});

const vm = (n: number, over: Record<string, unknown> = {}) => ({
  id: `C4-${n}`,
  vmId: `vm-${n}`,
  vmName: `web-0${n}`,
  isPaused: false,
  overallHealth: "GREEN",
  settings: { rpo: 30, retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] }, excludedDiskKeys: [] },
  destinationState: { recoveryInfo: { recoveryState: "NOT_STARTED" } },
  ...over,
});

const vapp = (members: Record<string, unknown>[]): ApiVappReplication => ({
  id: "C4VAPP-1",
  descriptor: { name: "web-tier" },
  owner: "org1@site1",
  source: { site: "site1", org: "org1", vappId: "vapp-1" },
  destination: { site: "site2", org: "org2", vdcId: "vdc-2" },
  overallHealth: "GREEN",
  vmReplications: members as ApiVappReplication["vmReplications"],
});

const reasons = (news: Record<string, unknown>) => validateVappInputs(news).map((f) => f.reason);

describe("VappReplication check", () => {
  it("accepts a cloud vApp into a vDC", () => {
    expect(reasons(args() as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("names a vApp source that is not a VMware Cloud Director vApp, and a missing vappId", () => {
    const r = reasons({ ...args(), source: { type: "vcenter", site: "onprem1" } });
    expect(r[0]).toContain('source.type must be "vcloud"');
    expect(reasons({ ...args(), source: { type: "vcloud", site: "site1" } })).toEqual(["source.vappId is required"]);
  });

  it("checks every VM's excluded disks and the shared settings rules", () => {
    const r = reasons({ ...args(), excludedDisks: { "vm-1": [2000, "x"] }, rpo: 5000 });
    expect(r).toContain('excludedDisks["vm-1"][1] must be a disk device key (a whole number, e.g. 2000), got "x"');
    expect(r.some((x) => x.startsWith("rpo must be between 1 and 1440"))).toBe(true);
  });
});

describe("VappReplication mapping", () => {
  it("creates a vapp source and a vcloud destination with only the settings given", () => {
    expect(
      toVappCreateBody(args({ destination: { type: "vcloud", site: "site2", vdc: "vdc-2", storageProfile: "*" } })),
    ).toEqual({
      source: { type: "vapp", site: "site1", vappId: "vapp-1" },
      destination: { type: "vcloud", site: "site2", vdc: "vdc-2", storageProfile: "*" },
      rpo: 30,
      retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
    });
  });

  it("reports the vApp from its VMs: count, all paused, the most telling recovery state", () => {
    const s = toVappServerState(
      vapp([
        vm(1, { isPaused: true }),
        vm(2, { isPaused: true, destinationState: { recoveryInfo: { recoveryState: "TEST" } } }),
        vm(3),
      ]),
    );
    expect(s).toMatchObject({ replicationId: "C4VAPP-1", vappName: "web-tier", vmCount: 3, isPaused: false });
    expect(s.recoveryState).toBe("TEST");
    expect(s.settings.rpo).toBe(30);
    expect(s.vmReplications.map((m) => m.replicationId)).toEqual(["C4-1", "C4-2", "C4-3"]);
  });

  it("takes drifted settings and per-VM disks, never the source or destination", () => {
    const drifted = vapp([vm(1, { settings: { rpo: 45, excludedDiskKeys: [2001] } }), vm(2)]);
    const next = reflectVappDrift(args({ excludedDisks: { "vm-1": [] } }), drifted);
    expect(next.rpo).toBe(45);
    expect(next.excludedDisks).toEqual({ "vm-1": [2001] });
    expect(next.source).toEqual(args().source);
  });
});

describe("VappReplication update or replace", () => {
  const olds = toVappOutputs(args({ excludedDisks: { "vm-2": [] } }), vapp([vm(1), vm(2), vm(3)]));

  it("updates settings, disks of one VM and pause in place, in that order", () => {
    const news = args({ rpo: 60, excludedDisks: { "vm-2": [2001] }, paused: true });
    expect(VAPP_KIND.diff(olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(VAPP_KIND.steps(olds, news).map((s) => s.name)).toEqual([
      "PATCH settings",
      "PATCH disks of VM vm-2",
      "pause",
    ]);
  });

  it("replaces, deleting first, when the destination changes; an org label changes only state", () => {
    const moved = args({ destination: { type: "vcloud", site: "site2", vdc: "vdc-3", org: "org2" } });
    expect(VAPP_KIND.diff(olds, moved)).toMatchObject({ replaces: ["destination"], deleteBeforeReplace: true });
    expect(VAPP_KIND.steps(olds, moved)).toEqual([]);
    const relabelled = args({ excludedDisks: { "vm-2": [] }, destination: { ...args().destination, org: "other" } });
    expect(VAPP_KIND.diff(olds, relabelled)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(VAPP_KIND.steps(olds, relabelled)).toEqual([]);
  });

  it("sees no change when nothing managed differs", () => {
    expect(VAPP_KIND.diff(olds, args({ excludedDisks: { "vm-2": [] } })).changes).toBe(false);
  });
});
