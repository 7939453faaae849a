import { describe, expect, it } from "vitest";
import defaultPolicyProvider from "../../provider/dynamic/default-policy";
import policyProvider from "../../provider/dynamic/policy";
import assignmentProvider from "../../provider/dynamic/policy-assignment";
import { UNKNOWN } from "../../provider/dynamic/policy-common";
import { configureLimits } from "../../provider/limits";

const base = { displayName: "Gold" };
const reasons = async (news: Record<string, unknown>) =>
  ((await policyProvider.check({} as never, news as never)).failures ?? []).map((f) => f.reason);

describe("Policy check", () => {
  it("fills omitted settings with the documented default-policy values", async () => {
    const r = await policyProvider.check({} as never, { displayName: "Gold", minRpo: 30 } as never);
    expect(r.failures).toBeUndefined();
    expect(r.inputs).toEqual({
      displayName: "Gold",
      minRpo: 30,
      maxInstances: 24,
      maxPinnedInstances: 0,
      maxIncoming: 0,
      allowIncomingProtections: false,
      allowOutgoingProtections: false,
      allowIncomingMigrations: true,
      allowOutgoingMigrations: true,
      onpremDataCap: 0,
      allowCustomSlaSettings: true,
      allowNotificationConfiguration: true,
    });
  });

  it("requires displayName", async () => {
    expect(await reasons({})).toEqual([
      "displayName: is required (a non-empty string, unique and case-sensitive on the appliance)",
    ]);
    expect(await reasons({ displayName: "  " })).toEqual([
      'displayName: "  " is not allowed: must be a non-empty string',
    ]);
  });

  it("rejects an RPO outside 1-1440 minutes, naming field, value and rule", async () => {
    expect(await reasons({ ...base, minRpo: 0 })).toEqual([
      "minRpo: 0 is not allowed: must be an integer from 1 to 1440 minutes (VCDA RPO range, decisions.md #21)",
    ]);
    expect(await reasons({ ...base, minRpo: 1441 })).toHaveLength(1);
    expect(await reasons({ ...base, minRpo: 7.5 })).toEqual([
      "minRpo: 7.5 is not allowed: must be an integer from 1 to 1440 minutes (VCDA RPO range, decisions.md #21)",
    ]);
  });

  it("rejects more than 24 rotated instances and a negative pinned count", async () => {
    expect(await reasons({ ...base, maxInstances: 25 })).toEqual([
      "maxInstances: 25 is not allowed: must be an integer from 1 to 24 (rotated instances per replication, decisions.md #21)",
    ]);
    expect(await reasons({ ...base, maxPinnedInstances: -1 })).toEqual([
      "maxPinnedInstances: -1 is not allowed: must be an integer from 0 to 24 (stored instances per replication)",
    ]);
  });

  it("accepts a negative maxIncoming (unlimited) and rejects a non-integer", async () => {
    expect(await reasons({ ...base, maxIncoming: -1 })).toEqual([]);
    expect(await reasons({ ...base, maxIncoming: "many" })).toEqual([
      'maxIncoming: "many" is not allowed: must be an integer (negative = unlimited, 0 = the org cannot be a destination)',
    ]);
  });

  it("rejects non-boolean flags and a non-boolean adopt", async () => {
    expect(await reasons({ ...base, allowIncomingProtections: "yes", adopt: 1 })).toEqual([
      'allowIncomingProtections: "yes" is not allowed: must be true or false',
      "adopt: 1 is not allowed: must be true or false",
    ]);
  });

  it("validates the connection override without echoing a password", async () => {
    const r = await reasons({
      ...base,
      connection: { endpoint: "vcda.local", authType: "kerberos", password: 42, colour: "red" },
    });
    expect(r).toEqual([
      "connection.colour: unknown field; expected one of endpoint, authType, username, password, caCert, insecure, authContext, sites, apiVersion",
      'connection.endpoint: "vcda.local" is not allowed: must be an https:// URL (http:// for an emulator)',
      'connection.authType: "kerberos" is not allowed: must be one of localUser, ssoCredentials, ssoToken, vcdCredentials, vcdAccessToken, vcdCookie',
      "connection.password: must be a string",
    ]);
  });

  it("skips values that are unknown during preview", async () => {
    expect(await reasons({ displayName: UNKNOWN, minRpo: UNKNOWN, connection: UNKNOWN })).toEqual([]);
  });

  it("honours the stack's vcda:limits to adjust the product limits", async () => {
    configureLimits('{"maxRpo": 2880}');
    try {
      expect(await reasons({ ...base, minRpo: 2000 })).toEqual([]);
    } finally {
      configureLimits(undefined);
    }
    expect((await reasons({ ...base, minRpo: 2000 }))[0]).toMatch(
      /minRpo: 2000 is not allowed: must be an integer from 1 to 1440/,
    );
  });
});

describe("Policy diff", () => {
  const olds = {
    displayName: "Gold",
    minRpo: 15,
    maxInstances: 24,
    orgs: 2,
    connection: { endpoint: "https://a", password: "old" },
  };

  it("updates every setting in place, including a rename", async () => {
    for (const change of [{ displayName: "Platinum" }, { minRpo: 30 }, { maxInstances: 12 }]) {
      expect(await policyProvider.diff("id", olds as never, { ...olds, ...change } as never)).toEqual({
        changes: true,
        replaces: [],
      });
    }
  });

  it("reports no changes when only outputs differ", async () => {
    const { orgs: _o, ...news } = olds;
    expect(await policyProvider.diff("id", olds as never, news as never)).toEqual({ changes: false, replaces: [] });
  });

  it("never replaces for a changed password", async () => {
    expect(
      await policyProvider.diff(
        "id",
        olds as never,
        { ...olds, connection: { endpoint: "https://a", password: "new" } } as never,
      ),
    ).toEqual({ changes: true, replaces: [] });
  });

  it("replaces when the connection points at another appliance", async () => {
    expect(
      await policyProvider.diff(
        "id",
        olds as never,
        { ...olds, connection: { endpoint: "https://b", password: "old" } } as never,
      ),
    ).toEqual({
      changes: true,
      replaces: ["connection"],
    });
  });
});

describe("DefaultPolicy check and diff", () => {
  it("refuses a displayName: the default policy's name is fixed", async () => {
    const r = await defaultPolicyProvider.check({} as never, { displayName: "Mine" } as never);
    expect(r.failures?.map((f) => f.reason)).toEqual([
      'displayName: "Mine" is not allowed: the default policy\'s name is fixed ("Default Policy")',
    ]);
  });

  it("ignores the stored displayName when diffing", async () => {
    const olds = { displayName: "Default Policy", minRpo: 15 };
    expect(await defaultPolicyProvider.diff("default", olds as never, { minRpo: 15 } as never)).toEqual({
      changes: false,
      replaces: [],
    });
    expect(await defaultPolicyProvider.diff("default", olds as never, { minRpo: 60 } as never)).toEqual({
      changes: true,
      replaces: [],
    });
  });
});

describe("PolicyAssignment check and diff", () => {
  const pid = "6d2f8c3e-1111-4a4a-9b9b-0123456789ab";

  it("requires policyId and org and names the rule", async () => {
    const r = await assignmentProvider.check({} as never, {} as never);
    expect(r.failures?.map((f) => f.reason)).toEqual([
      'policyId: is required ("default" or the id of a Policy)',
      "org: is required (the short name of a local VCD organization)",
    ]);
    const bad = await assignmentProvider.check({} as never, { policyId: "gold", org: "org 2" } as never);
    expect(bad.failures?.map((f) => f.property)).toEqual(["policyId", "org"]);
    expect(bad.failures?.[0]?.reason).toBe('policyId: "gold" is not allowed: must be "default" or a policy id (UUID)');
  });

  it("accepts default and a UUID", async () => {
    expect(
      (await assignmentProvider.check({} as never, { policyId: "default", org: "org2" } as never)).failures,
    ).toBeUndefined();
    expect(
      (await assignmentProvider.check({} as never, { policyId: pid, org: "org2" } as never)).failures,
    ).toBeUndefined();
  });

  it("replaces when org changes and updates in place when policyId changes", async () => {
    const olds = { policyId: pid, org: "org2" };
    expect(await assignmentProvider.diff("org2", olds as never, { ...olds, org: "org3" } as never)).toEqual({
      changes: true,
      replaces: ["org"],
    });
    expect(await assignmentProvider.diff("org2", olds as never, { ...olds, policyId: "default" } as never)).toEqual({
      changes: true,
      replaces: [],
    });
    expect(await assignmentProvider.diff("org2", olds as never, olds as never)).toEqual({
      changes: false,
      replaces: [],
    });
  });
});
