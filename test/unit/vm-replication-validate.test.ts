import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, limitProblems, parseLimitsConfig, resolveLimits } from "../../provider/limits";
import { UNKNOWN, validateInputs } from "../../provider/replication/validate";

const happy = () => ({
  site: "site2",
  source: { type: "vcloud", site: "site1", vmId: "vm-1" },
  destination: { type: "vcloud", site: "site2", vdc: "vdc-1", storageProfile: "*" },
  description: "web",
  rpo: 15,
  dataConnectionType: "ENCRYPTED",
  quiesced: true,
  retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
  targetDiskType: "THIN",
  initialSyncTime: 0,
  isMigration: false,
  excludedDisks: [2000],
  paused: false,
  timeoutSeconds: 600,
  adopt: false,
});

/** Breaks one field of the happy inputs and returns the failures. */
const failuresWith = (patch: Record<string, unknown>, stack?: Parameters<typeof validateInputs>[1]) =>
  validateInputs({ ...happy(), ...patch }, stack);

const expectOne = (patch: Record<string, unknown>, property: string, reason: RegExp) => {
  const failures = failuresWith(patch);
  expect(failures).toHaveLength(1);
  expect(failures[0]?.property).toBe(property);
  expect(failures[0]?.reason).toMatch(reason);
  expect(failures[0]?.reason.startsWith(property)).toBe(true);
};

describe("check of VmReplication inputs", () => {
  it("accepts the happy inputs", () => {
    expect(validateInputs(happy())).toEqual([]);
  });

  it("accepts every one of the six variants", () => {
    const cloud = { type: "vcloud", site: "site1", vmId: "vm-1" };
    const onprem = { type: "vcenter", site: "onprem1", vcUuid: "vc", vmId: "vm-42" };
    const dests = [
      { type: "vcloud", site: "site2", vdc: "v" },
      { type: "vcloud", site: "site2", vdc: "v", seedVmId: "s" },
    ];
    for (const destination of dests) {
      expect(validateInputs({ source: cloud, destination })).toEqual([]);
      expect(validateInputs({ source: onprem, destination })).toEqual([]);
    }
    expect(validateInputs({ source: cloud, destination: { type: "vcenter", site: "onprem1" } })).toEqual([]);
    expect(
      validateInputs({
        source: cloud,
        destination: { type: "vcenter", site: "onprem1", seedVm: { vcId: "a", moId: "b" } },
      }),
    ).toEqual([]);
  });

  it("requires source and destination", () => {
    const failures = validateInputs({});
    expect(failures.map((f) => f.property)).toEqual(["source", "destination"]);
    expect(failures[0]?.reason).toBe("source is required");
  });

  it("rejects an unknown source type, naming the allowed ones", () => {
    expectOne({ source: { type: "vm", site: "site1", vmId: "x" } }, "source.type", /"vcloud".*"vcenter".*got "vm"/);
  });

  it("requires vcUuid for a vCenter source", () => {
    expectOne({ source: { type: "vcenter", site: "onprem1", vmId: "vm-42" } }, "source.vcUuid", /is required/);
  });

  it("rejects a field that belongs to another variant", () => {
    expectOne(
      { source: { type: "vcloud", site: "site1", vmId: "x", vcUuid: "y" } },
      "source.vcUuid",
      /is not a field of a vcloud source/,
    );
    expectOne(
      { destination: { type: "vcenter", site: "onprem1", vdc: "v" } },
      "destination.vdc",
      /is not a field of a vcenter destination/,
    );
  });

  it("requires the vDC of a cloud destination", () => {
    expectOne({ destination: { type: "vcloud", site: "site2" } }, "destination.vdc", /is required/);
  });

  it("requires both ids of an on-premises seed VM", () => {
    expectOne(
      { destination: { type: "vcenter", site: "onprem1", seedVm: { vcId: "a" } } },
      "destination.seedVm.moId",
      /is required/,
    );
  });

  it("rejects on-premises to on-premises", () => {
    expectOne(
      {
        source: { type: "vcenter", site: "onprem1", vcUuid: "vc", vmId: "vm-42" },
        destination: { type: "vcenter", site: "onprem2" },
      },
      "destination.type",
      /cannot be "vcenter" when source.type is "vcenter"/,
    );
  });

  it("rejects an empty site", () => {
    expectOne({ site: " " }, "site", /must be a non-empty string, got " "/);
  });

  it.each([
    [0, /must be between 1 and 1440 minutes, got 0/],
    [1441, /must be between 1 and 1440 minutes, got 1441/],
    [7.5, /must be a whole number of minutes, got 7.5/],
    ["15", /must be a whole number of minutes, got "15"/],
  ])("rejects rpo %s", (rpo, reason) => {
    expectOne({ rpo, quiesced: false }, "rpo", reason);
  });

  it("rejects quiescing below an RPO of 15 minutes", () => {
    expectOne({ rpo: 5, retentionPolicy: undefined }, "quiesced", /needs an RPO of at least 15 minutes \(rpo is 5\)/);
  });

  it("allows a short RPO without quiescing", () => {
    expect(failuresWith({ rpo: 5, quiesced: false, retentionPolicy: undefined })).toEqual([]);
  });

  it("rejects more than 5 retention rules", () => {
    const rules = Array.from({ length: 6 }, () => ({ numberOfInstances: 1, distance: 60 }));
    expectOne({ retentionPolicy: { rules } }, "retentionPolicy.rules", /at most 5 rules \(it holds 6\)/);
  });

  it("rejects more than 24 instances in total", () => {
    expectOne(
      {
        retentionPolicy: {
          rules: [
            { numberOfInstances: 20, distance: 60 },
            { numberOfInstances: 5, distance: 1440 },
          ],
        },
      },
      "retentionPolicy.rules",
      /at most 24 instances in total \(the rules keep 25\)/,
    );
  });

  it("rejects a rule distance below the RPO", () => {
    expectOne(
      { rpo: 120, retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] } },
      "retentionPolicy.rules[0].distance",
      /must not be below the RPO \(120 minutes\), got 60/,
    );
  });

  it("rejects an empty rule list and a rule without instances", () => {
    expectOne({ retentionPolicy: { rules: [] } }, "retentionPolicy.rules", /at least one rule/);
    expectOne(
      { retentionPolicy: { rules: [{ numberOfInstances: 0, distance: 60 }] } },
      "retentionPolicy.rules[0].numberOfInstances",
      /must be at least 1, got 0/,
    );
  });

  it.each([
    ["dataConnectionType", "GZIP", /must be one of PLAIN, ENCRYPTED, ENCRYPTED_COMPRESSED, got "GZIP"/],
    ["targetDiskType", "thin", /must be one of THIN, PREALLOCATED, PREALLOCATED_ZEROS, got "thin"/],
    ["quiesced", "yes", /must be true or false, got "yes"/],
    ["isMigration", 1, /must be true or false, got 1/],
    ["paused", "false", /must be true or false, got "false"/],
    ["adopt", "y", /must be true or false, got "y"/],
    ["initialSyncTime", 1.5, /whole number of epoch milliseconds, got 1.5/],
    ["timeoutSeconds", 0, /must be between 1 and 604800 seconds, got 0/],
    ["description", 5, /must be a string, got 5/],
  ])("rejects %s = %s", (field, value, reason) => {
    expectOne({ [field]: value }, field, reason);
  });

  it("rejects excluded disks that are not device keys or repeat", () => {
    expectOne({ excludedDisks: [2000, "2001"] }, "excludedDisks[1]", /disk device key.*got "2001"/);
    expectOne({ excludedDisks: [2000, 2000] }, "excludedDisks[1]", /repeats a disk device key, got 2000/);
  });

  it("rejects an SLA profile combined with custom settings", () => {
    const failures = failuresWith({
      slaProfileId: "gold",
      dataConnectionType: undefined,
      quiesced: undefined,
      retentionPolicy: undefined,
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.property).toBe("slaProfileId");
    expect(failures[0]?.reason).toMatch(/cannot be combined with custom settings \(rpo\)/);
  });

  it("accepts an SLA profile alone", () => {
    expect(
      validateInputs({
        source: { type: "vcloud", site: "site1", vmId: "vm-1" },
        destination: { type: "vcloud", site: "site2", vdc: "vdc-1" },
        slaProfileId: "gold",
        description: "ok",
      }),
    ).toEqual([]);
  });

  it("skips values that are unknown during preview", () => {
    expect(
      failuresWith({
        rpo: UNKNOWN,
        source: { type: "vcloud", site: "site1", vmId: UNKNOWN },
        destination: UNKNOWN,
        excludedDisks: [UNKNOWN],
      }),
    ).toEqual([]);
  });

  it("reports every broken field at once", () => {
    const failures = failuresWith({ rpo: 0, targetDiskType: "X", paused: 3 });
    expect(failures.map((f) => f.property).sort()).toEqual(["paused", "rpo", "targetDiskType"]);
  });
});

describe("configurable limits", () => {
  it("applies a per-resource override", () => {
    expect(failuresWith({ rpo: 5, quiesced: true, limits: { minQuiescedRpo: 5 }, retentionPolicy: undefined })).toEqual(
      [],
    );
    expectOne({ rpo: 60, limits: { maxRpo: 30 } }, "rpo", /between 1 and 30/);
  });

  it("applies stack limits, overridden by the resource's", () => {
    const rules = Array.from({ length: 3 }, () => ({ numberOfInstances: 1, distance: 60 }));
    expect(failuresWith({ retentionPolicy: { rules } }, { maxRules: 2 })[0]?.reason).toMatch(/at most 2 rules/);
    expect(failuresWith({ retentionPolicy: { rules }, limits: { maxRules: 3 } }, { maxRules: 2 })).toEqual([]);
  });

  it("can turn off the distance rule", () => {
    expect(
      failuresWith({
        rpo: 120,
        retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] },
        limits: { distanceAtLeastRpo: false },
      }),
    ).toEqual([]);
  });

  it("rejects a malformed override, naming the key", () => {
    expectOne({ limits: { maxRpo: "x" } }, "limits.maxRpo", /non-negative integer, got "x"/);
    expectOne({ limits: { maxRPO: 5 } }, "limits.maxRPO", /is not a known limit/);
    expect(limitProblems({ minRpo: 10, maxRpo: 5 })).toEqual([["minRpo", "(10) must not exceed maxRpo (5)"]]);
  });

  it("defaults to the published limits", () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({
      minRpo: 1,
      maxRpo: 1440,
      maxInstances: 24,
      maxRules: 5,
      minQuiescedRpo: 15,
      distanceAtLeastRpo: true,
      maxPinnedInstances: 24,
    });
  });

  it("parses vcda:limits from stack config", () => {
    expect(parseLimitsConfig('{"maxInstances": 12}')).toEqual({ maxInstances: 12 });
    expect(parseLimitsConfig(undefined)).toBeUndefined();
    expect(() => parseLimitsConfig("{oops")).toThrow(/vcda:limits must be a JSON object/);
    expect(() => parseLimitsConfig('{"maxRules": -1}')).toThrow(/maxRules must be a non-negative integer/);
  });
});
