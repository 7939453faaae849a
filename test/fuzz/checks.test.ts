/**
 * Property-based tests of every resource's `check` (Policy, DefaultPolicy, PolicyAssignment, VmReplication): random
 * and hostile inputs (wrong types, huge and non-finite numbers, unicode, missing fields, unknown fields, oversized
 * strings and arrays, prototype keys) never make `check` throw; every failure names a field (`property`) and its
 * reason starts with that field; a field given a value of the wrong type is always rejected by name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import defaultPolicyProvider from "../../provider/dynamic/default-policy";
import policyProvider from "../../provider/dynamic/policy";
import assignmentProvider from "../../provider/dynamic/policy-assignment";
import vmReplicationProvider from "../../provider/dynamic/vm-replication";

// Bounded for CI; FUZZ_RUNS=2000 for a longer run by hand.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

type Check = (
  olds: never,
  news: never,
) => Promise<{ inputs?: unknown; failures?: { property: string; reason: string }[] }>;
interface Target {
  name: string;
  check: Check;
  valid: Record<string, unknown>;
  numbers: string[];
  booleans: string[];
  strings: string[];
  objects: string[];
}

const POLICY_NUMBERS = ["minRpo", "maxInstances", "maxPinnedInstances", "maxIncoming", "onpremDataCap"];
const POLICY_BOOLEANS = [
  "allowIncomingProtections",
  "allowOutgoingProtections",
  "allowIncomingMigrations",
  "allowOutgoingMigrations",
  "allowCustomSlaSettings",
  "allowNotificationConfiguration",
];

const targets: Target[] = [
  {
    name: "Policy",
    check: policyProvider.check.bind(policyProvider) as unknown as Check,
    valid: { displayName: "gold", minRpo: 15, maxIncoming: -1, allowIncomingProtections: true },
    numbers: POLICY_NUMBERS,
    booleans: [...POLICY_BOOLEANS, "adopt"],
    strings: ["displayName"],
    objects: ["connection"],
  },
  {
    name: "DefaultPolicy",
    check: defaultPolicyProvider.check.bind(defaultPolicyProvider) as unknown as Check,
    valid: { minRpo: 15, allowIncomingProtections: true },
    numbers: POLICY_NUMBERS,
    booleans: POLICY_BOOLEANS,
    strings: [],
    objects: ["connection"],
  },
  {
    name: "PolicyAssignment",
    check: assignmentProvider.check.bind(assignmentProvider) as unknown as Check,
    valid: { policyId: "default", org: "org2" },
    numbers: [],
    booleans: [],
    strings: ["policyId", "org"],
    objects: ["connection"],
  },
  {
    name: "VmReplication",
    check: vmReplicationProvider.check.bind(vmReplicationProvider) as unknown as Check,
    valid: {
      source: { type: "vcloud", site: "site1", vmId: "0a0b0c0d-0000-4000-9000-000000000001", org: "org1" },
      destination: { type: "vcloud", site: "site2", vdc: "d6977f40-4d90-46b2-a34e-5077e8648eda", org: "org2" },
      rpo: 30,
      description: "fuzz",
      retentionPolicy: { rules: [{ numberOfInstances: 2, distance: 60 }] },
    },
    numbers: ["rpo"],
    booleans: ["paused", "quiesced", "isMigration", "adopt"],
    strings: ["description"],
    objects: ["source", "destination", "retentionPolicy", "connection"],
  },
];

/** Numbers that break naive code: huge, tiny, non-finite, negative zero, unsafe integers. */
const nastyNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    5e-324,
    0.5,
    -1,
    2 ** 31,
  ),
  fc.double(),
  fc.integer(),
);
/** Strings: unicode (graphemes, surrogates), control characters, very long, lookalikes of valid values. */
const nastyString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e",
    "default\n",
    "org2/../org3",
    "👩‍👩‍👧",
    "𝔬𝔯𝔤2",
    "__proto__",
    "constructor",
  ),
  fc.nat({ max: 200_000 }).map((n) => "x".repeat(n)),
);
const hostile = fc.oneof(
  { depthSize: "small" },
  nastyNumber,
  nastyString,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.nat({ max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.object({ maxDepth: 2 }),
  fc.anything({ maxDepth: 3, withBigInt: false }),
);

/** Any value that is not of the given JSON type. */
const notA = (type: "number" | "boolean" | "string" | "object") =>
  hostile.filter((v) => {
    if (v === undefined || v === null) return false; // absent: optional fields may be omitted
    if (type === "object") return typeof v !== "object" || Array.isArray(v);
    if (type === "string") return typeof v !== "string";
    return typeof v !== type;
  });

function assertWellFormed(result: Awaited<ReturnType<Check>>) {
  expect(result).toBeTypeOf("object");
  for (const f of result.failures ?? []) {
    expect(typeof f.property).toBe("string");
    expect(f.property.length).toBeGreaterThan(0);
    expect(typeof f.reason).toBe("string");
    // The message names the field it is about.
    expect(f.reason, JSON.stringify(f)).toContain(f.property.split(".")[0]);
  }
}

describe.each(targets)("$name check under random and hostile inputs", (t) => {
  it("accepts the valid base inputs", async () => {
    const r = await t.check({} as never, t.valid as never);
    expect(r.failures ?? []).toEqual([]);
  });

  it("never throws, and every failure names its field (one field changed, removed or added)", async () => {
    const keys = [...new Set([...Object.keys(t.valid), ...t.numbers, ...t.booleans, ...t.strings, ...t.objects])];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        hostile,
        fc.boolean(),
        fc.dictionary(nastyString, hostile, { maxKeys: 3 }),
        async (key, value, remove, extra) => {
          const news: Record<string, unknown> = { ...t.valid, ...extra };
          if (remove) delete news[key];
          else news[key] = value;
          assertWellFormed(await t.check({} as never, news as never));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("never throws on entirely random input objects", async () => {
    await fc.assert(
      fc.asyncProperty(fc.object({ maxDepth: 3, maxKeys: 8 }), async (news) => {
        assertWellFormed(await t.check({} as never, news as never));
      }),
      { numRuns: RUNS },
    );
  });

  const typed: [string, "number" | "boolean" | "string" | "object"][] = [
    ...t.numbers.map((k) => [k, "number"] as [string, "number"]),
    ...t.booleans.map((k) => [k, "boolean"] as [string, "boolean"]),
    ...t.strings.map((k) => [k, "string"] as [string, "string"]),
    ...t.objects.map((k) => [k, "object"] as [string, "object"]),
  ];
  it.each(typed)("rejects a wrong-typed %s by name", async (key, type) => {
    await fc.assert(
      fc.asyncProperty(notA(type), async (value) => {
        const r = await t.check({} as never, { ...t.valid, [key]: value } as never);
        assertWellFormed(r);
        const names = (r.failures ?? []).map((f) => f.property);
        expect(
          names.some((p) => p === key || p.startsWith(`${key}.`)),
          `${t.name}.${key} = ${String(JSON.stringify(value)).slice(0, 80)} → ${JSON.stringify(r.failures)}`,
        ).toBe(true);
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 5)) },
    );
  });

  if (t.numbers.length) {
    // Unsafe integers (1e308) are accepted by the Policy checks for fields without an upper bound (maxIncoming,
    // onpremDataCap); the emulator then rejects maxIncoming with a 400 naming it (test/fuzz/emulator.test.ts checks
    // that agreement). Reported in issue 8's note; only non-finite values are asserted here.
    it("rejects non-finite numbers by name", async () => {
      for (const key of t.numbers) {
        for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const r = await t.check({} as never, { ...t.valid, [key]: v } as never);
          assertWellFormed(r);
          expect(
            (r.failures ?? []).some((f) => f.property === key),
            `${t.name}.${key} = ${v} → ${JSON.stringify(r.failures)}`,
          ).toBe(true);
        }
      }
    });
  }
});
