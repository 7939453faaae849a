/**
 * The contracts the schema is generated from (provider/properties) against the rest of the code. At compile time
 * (`npm run typecheck`): each table has exactly the keys of its TypeScript input type, with the right kinds and
 * `required` flags (provider/properties/types.ts), and each Resource class accepts those inputs and declares those
 * outputs. At run time: the keys the providers keep and report are the schema's.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  DefaultPolicyInputs,
  FailoverTestInputs,
  PolicyAssignmentInputs,
  PolicyInputs,
  SlaProfileAssignmentInputs,
} from "../../provider/inputs";
import { KINDS } from "../../provider/plugin/registry";
import { buildSchema, token } from "../../provider/plugin/schema";
import type { FAILOVER_TEST } from "../../provider/properties/failover-test";
import type { DEFAULT_POLICY, POLICY, POLICY_ASSIGNMENT } from "../../provider/properties/policy";
import type { SLA_PROFILE_ASSIGNMENT } from "../../provider/properties/sla-profile-assignment";
import { VAPP_REPLICATION } from "../../provider/properties/vapp-replication";
import { VM_REPLICATION } from "../../provider/properties/vm-replication";
import { FAILOVER_TEST_INPUT_KEYS } from "../../provider/replication/failover-test";
import { INPUT_KEYS } from "../../provider/replication/mapping";
import { VAPP_KIND } from "../../provider/replication/vapp-kind";
import { VAPP_INPUT_KEYS } from "../../provider/replication/vapp-mapping";
import { VM_KIND } from "../../provider/replication/vm-kind";
import type { DefaultPolicy, DefaultPolicyArgs } from "../../provider/resources/default-policy";
import type { FailoverTest, FailoverTestArgs } from "../../provider/resources/failover-test";
import type { Policy, PolicyArgs } from "../../provider/resources/policy";
import type { PolicyAssignment, PolicyAssignmentArgs } from "../../provider/resources/policy-assignment";
import type { SlaProfileAssignment, SlaProfileAssignmentArgs } from "../../provider/resources/sla-profile-assignment";
import type { VappReplication, VappReplicationResourceArgs } from "../../provider/resources/vapp-replication";
import type { VmReplication, VmReplicationResourceArgs } from "../../provider/resources/vm-replication";

/** What a Resource class declares beyond what every custom resource has. */
type Declared<R> = Exclude<keyof R, keyof pulumi.CustomResource>;
type Keys<T> = keyof T & string;

describe("resource contracts and the TypeScript resources (checked by npm run typecheck)", () => {
  it("each Resource class takes the contract's inputs", () => {
    expectTypeOf<keyof PolicyArgs>().toEqualTypeOf<Keys<typeof POLICY.inputs>>();
    expectTypeOf<keyof PolicyArgs>().toEqualTypeOf<keyof PolicyInputs>();
    expectTypeOf<keyof DefaultPolicyArgs>().toEqualTypeOf<Keys<typeof DEFAULT_POLICY.inputs>>();
    expectTypeOf<keyof DefaultPolicyArgs>().toEqualTypeOf<keyof DefaultPolicyInputs>();
    expectTypeOf<keyof PolicyAssignmentArgs>().toEqualTypeOf<Keys<typeof POLICY_ASSIGNMENT.inputs>>();
    expectTypeOf<keyof PolicyAssignmentArgs>().toEqualTypeOf<keyof PolicyAssignmentInputs>();
    expectTypeOf<keyof VmReplicationResourceArgs>().toEqualTypeOf<Keys<typeof VM_REPLICATION.inputs>>();
    expectTypeOf<keyof VappReplicationResourceArgs>().toEqualTypeOf<Keys<typeof VAPP_REPLICATION.inputs>>();
    expectTypeOf<keyof SlaProfileAssignmentArgs>().toEqualTypeOf<Keys<typeof SLA_PROFILE_ASSIGNMENT.inputs>>();
    expectTypeOf<keyof SlaProfileAssignmentArgs>().toEqualTypeOf<keyof SlaProfileAssignmentInputs>();
    expectTypeOf<keyof FailoverTestArgs>().toEqualTypeOf<Keys<typeof FAILOVER_TEST.inputs>>();
    expectTypeOf<keyof FailoverTestArgs>().toEqualTypeOf<keyof FailoverTestInputs>();
  });

  it("each Resource class declares the contract's inputs and outputs as its outputs", () => {
    expectTypeOf<Declared<Policy>>().toEqualTypeOf<Keys<typeof POLICY.inputs> | Keys<typeof POLICY.outputs>>();
    expectTypeOf<Declared<DefaultPolicy>>().toEqualTypeOf<
      Keys<typeof DEFAULT_POLICY.inputs> | Keys<typeof DEFAULT_POLICY.outputs>
    >();
    expectTypeOf<Declared<PolicyAssignment>>().toEqualTypeOf<Keys<typeof POLICY_ASSIGNMENT.inputs>>();
    expectTypeOf<Declared<VmReplication>>().toEqualTypeOf<
      Keys<typeof VM_REPLICATION.inputs> | Keys<typeof VM_REPLICATION.outputs>
    >();
    expectTypeOf<Declared<VappReplication>>().toEqualTypeOf<
      Keys<typeof VAPP_REPLICATION.inputs> | Keys<typeof VAPP_REPLICATION.outputs>
    >();
    expectTypeOf<Declared<SlaProfileAssignment>>().toEqualTypeOf<Keys<typeof SLA_PROFILE_ASSIGNMENT.inputs>>();
    expectTypeOf<Declared<FailoverTest>>().toEqualTypeOf<
      Keys<typeof FAILOVER_TEST.inputs> | Keys<typeof FAILOVER_TEST.outputs>
    >();
  });
});

describe("the schema and what the providers keep and report", () => {
  const schema = buildSchema(KINDS.map((k) => k.contract)) as {
    resources: Record<string, { inputProperties: object; properties: object; required?: string[] }>;
  };
  const resource = (name: string) => schema.resources[token(name)]!;

  it("serves every resource kind of the registry, and nothing else", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(
      [
        "DefaultPolicy",
        "FailoverTest",
        "Policy",
        "PolicyAssignment",
        "SlaProfileAssignment",
        "VappReplication",
        "VmReplication",
      ].map(token),
    );
  });

  /** The replication kinds: the keys their engine keeps (replication/mapping.ts, vapp-mapping.ts) and an id. */
  const replications = [
    { name: "VmReplication", kind: VM_KIND, keys: INPUT_KEYS, contract: VM_REPLICATION, id: "C4-1" },
    { name: "VappReplication", kind: VAPP_KIND, keys: VAPP_INPUT_KEYS, contract: VAPP_REPLICATION, id: "C4VAPP-1" },
  ] as const;

  describe.each(replications)("$name", ({ name, kind, keys, contract, id }) => {
    const recorded: readonly string[] = kind.recordedKeys ?? [];
    const settable = keys.filter((k) => !recorded.includes(k));

    it("lists as inputs exactly the keys its provider keeps (the kind's input keys) but those it records", () => {
      expect(Object.keys(resource(name).inputProperties).sort()).toEqual([...settable].sort());
      const everything = Object.fromEntries(Object.keys(contract.inputs).map((k) => [k, `value of ${k}`]));
      expect(Object.keys(kind.pickInputs({ ...everything, unknownField: 1 })).sort()).toEqual([...settable].sort());
    });

    it("lists as outputs the inputs and exactly the server state its provider keeps, and what it records", () => {
      const server = Object.keys(kind.toOutputs({} as never, { id } as never));
      const props = Object.keys(resource(name).properties);
      expect(props.filter((k) => !(settable as readonly string[]).includes(k)).sort()).toEqual(
        [...server, ...recorded].sort(),
      );
    });
  });

  it("lists as FailoverTest inputs exactly the keys its provider keeps (replication/failover-test.ts)", () => {
    expect(Object.keys(resource("FailoverTest").inputProperties).sort()).toEqual([...FAILOVER_TEST_INPUT_KEYS].sort());
  });
});
