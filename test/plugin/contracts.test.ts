/**
 * The contracts the schema is generated from (provider/properties) against the rest of the code. At compile time
 * (`npm run typecheck`): each table has exactly the keys of its TypeScript input type, with the right kinds and
 * `required` flags (provider/properties/types.ts), and each Resource class accepts those inputs and declares those
 * outputs. At run time: the keys the providers keep and report are the schema's.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { DefaultPolicyInputs, PolicyAssignmentInputs, PolicyInputs } from "../../provider/inputs";
import { KINDS } from "../../provider/plugin/registry";
import { buildSchema, token } from "../../provider/plugin/schema";
import type { DEFAULT_POLICY, POLICY, POLICY_ASSIGNMENT } from "../../provider/properties/policy";
import { keysOf } from "../../provider/properties/types";
import { VM_REPLICATION } from "../../provider/properties/vm-replication";
import { INPUT_KEYS, pickInputs, toOutputs, type VmReplicationArgs } from "../../provider/replication/mapping";
import { VM_KIND } from "../../provider/replication/vm-kind";
import type { DefaultPolicy, DefaultPolicyArgs } from "../../provider/resources/default-policy";
import type { Policy, PolicyArgs } from "../../provider/resources/policy";
import type { PolicyAssignment, PolicyAssignmentArgs } from "../../provider/resources/policy-assignment";
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
  });
});

describe("the schema and what the providers keep and report", () => {
  const schema = buildSchema(KINDS.map((k) => k.contract)) as {
    resources: Record<string, { inputProperties: object; properties: object; required?: string[] }>;
  };
  const resource = (name: string) => schema.resources[token(name)]!;

  it("serves every resource kind of the registry, and nothing else", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(
      ["DefaultPolicy", "Policy", "PolicyAssignment", "VmReplication"].map(token),
    );
  });

  const recorded: readonly string[] = VM_KIND.recordedKeys;
  const settable = INPUT_KEYS.filter((k) => !recorded.includes(k));

  it("lists as VmReplication inputs exactly the keys its provider keeps (replication/mapping.ts INPUT_KEYS) but those it records", () => {
    expect(Object.keys(resource("VmReplication").inputProperties).sort()).toEqual([...settable].sort());
    const everything = Object.fromEntries(keysOf(VM_REPLICATION.inputs).map((k) => [k, `value of ${k}`]));
    expect(Object.keys(pickInputs({ ...everything, unknownField: 1 })).sort()).toEqual([...settable].sort());
  });

  it("lists as VmReplication outputs the inputs and exactly the server state its provider keeps, and what it records", () => {
    const server = Object.keys(toOutputs({} as VmReplicationArgs, { id: "C4-1" }));
    const props = Object.keys(resource("VmReplication").properties);
    expect(props.filter((k) => !(settable as readonly string[]).includes(k)).sort()).toEqual(
      [...server, ...recorded].sort(),
    );
  });
});
