/**
 * Builds policy arguments the way @pulumi/policy's server.ts does (analyze / analyzeStack): props are plain
 * JSON wrapped in unknownCheckingProxy, config is the schema defaults overlaid with the given config
 * (engine: ReconcilePolicyPackConfig) and read back through a getConfig that drops enforcementLevel.
 * Violations are collected with the same shape as makeReportViolationFun, and an UnknownValueError that
 * escapes a policy is turned into the SDK's advisory "can't run policy during preview" note.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import * as proxy from "@pulumi/policy/proxy";
import { expect } from "vitest";

const sentinels = proxy as unknown as Record<string, string>;

/** The SDK's unknown sentinels, as the engine sends them for computed values during preview. */
export const UNKNOWN = {
  string: sentinels.unknownStringValue as string,
  number: sentinels.unknownNumberValue as unknown as number,
  boolean: sentinels.unknownBooleanValue as unknown as boolean,
  array: sentinels.unknownArrayValue as unknown as never[],
  object: sentinels.unknownObjectValue as unknown as object,
} as const;

export type Config = Record<string, unknown>;

export interface Diagnostic {
  policyName: string;
  message: string;
  enforcementLevel: string;
  urn?: string;
}

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

function configFor(policy: AnyPolicy, given: Config = {}): () => Config {
  const defaults: Config = {};
  for (const [k, v] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (v.default !== undefined) defaults[k] = structuredClone(v.default);
  }
  const all: Config = { ...defaults, ...structuredClone(given) };
  return () => {
    const { enforcementLevel: _level, ...rest } = all;
    return rest;
  };
}

/** Plain JSON, as deserializeProperties produces it (undefined values are dropped). */
function wire(props: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(props));
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::vcda-test::${type}::${name}`;

export interface ResourceInput {
  type: string;
  name: string;
  props: object;
}

export function resourceArgs(
  type: string,
  props: object,
  opts: { name?: string; config?: Config; policy?: AnyPolicy } = {},
): ResourceValidationArgs {
  const name = opts.name ?? "res";
  const proxied = unknownCheckingProxy(wire(props));
  return {
    type,
    props: proxied,
    urn: urnOf(type, name),
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: opts.policy
      ? (configFor(opts.policy, opts.config) as ResourceValidationArgs["getConfig"])
      : ((() => ({})) as never),
    notApplicable: (reason?: string) => {
      throw new Error(`notApplicable: ${reason}`);
    },
  } as unknown as ResourceValidationArgs;
}

export interface StackResourceInput extends ResourceInput {
  /** Names of resources this one depends on. */
  dependsOn?: string[];
  /** Property name → names of the resources it depends on. */
  propertyDependencies?: Record<string, string[]>;
}

export function stackArgs(
  resources: StackResourceInput[],
  opts: { config?: Config; policy?: AnyPolicy } = {},
): StackValidationArgs {
  const built = resources.map((r) => {
    const props = unknownCheckingProxy(wire(r.props));
    const res = {
      type: r.type,
      props,
      urn: urnOf(r.type, r.name),
      name: r.name,
      opts: {},
      dependencies: [] as PolicyResource[],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      isType: () => false,
      asType: () => undefined,
    };
    return { input: r, res };
  });
  const byName = new Map(built.map((b) => [b.input.name, b.res]));
  const lookup = (n: string) => {
    const r = byName.get(n);
    if (!r) throw new Error(`test: unknown resource ${n}`);
    return r as unknown as PolicyResource;
  };
  for (const b of built) {
    b.res.dependencies = (b.input.dependsOn ?? []).map(lookup);
    for (const [k, v] of Object.entries(b.input.propertyDependencies ?? {}))
      b.res.propertyDependencies[k] = v.map(lookup);
  }
  return {
    resources: built.map((b) => b.res as unknown as PolicyResource),
    getConfig: opts.policy ? configFor(opts.policy, opts.config) : () => ({}),
    stackTags: new Map(),
    notApplicable: (reason?: string) => {
      throw new Error(`notApplicable: ${reason}`);
    },
  } as unknown as StackValidationArgs;
}

function collector(policy: AnyPolicy, level: string, out: Diagnostic[]): ReportViolation {
  return ((message: unknown, urn?: string) => {
    if (typeof message === "object" && message !== null) {
      const m = message as { message?: string; urn?: string; enforcementLevel?: string };
      out.push({
        policyName: policy.name,
        message: m.message ?? policy.description,
        urn: m.urn,
        enforcementLevel: m.enforcementLevel ?? level,
      });
    } else {
      out.push({
        policyName: policy.name,
        message: message ? `${policy.description}\n${message}` : policy.description,
        urn,
        enforcementLevel: level,
      });
    }
  }) as ReportViolation;
}

/** Runs one policy on a resource or a stack; returns the diagnostics the engine would get. */
export async function run(
  policy: AnyPolicy,
  input: ResourceInput | StackResourceInput[],
  opts: { config?: Config; level?: string } = {},
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const level = (opts.config?.enforcementLevel as string) ?? opts.level ?? policy.enforcementLevel ?? "advisory";
  const report = collector(policy, level, out);
  try {
    if (Array.isArray(input)) {
      const p = policy as StackValidationPolicy;
      if (!p.validateStack) throw new Error(`${policy.name} is not a stack policy`);
      await p.validateStack(stackArgs(input, { config: opts.config, policy }), report);
    } else {
      const p = policy as ResourceValidationPolicy;
      if (!p.validateResource) throw new Error(`${policy.name} is not a resource policy`);
      const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      for (const v of validations)
        await v(resourceArgs(input.type, input.props, { name: input.name, config: opts.config, policy }), report);
    }
  } catch (e) {
    if (!(e instanceof UnknownValueError)) throw e;
    out.push({
      policyName: policy.name,
      message: `can't run policy '${policy.name}' during preview: ${e.message}`,
      enforcementLevel: "advisory",
    });
  }
  return out;
}

function dump(ds: Diagnostic[]): string {
  return ds.map((d) => `  [${d.enforcementLevel}] ${d.message}`).join("\n") || "  (none)";
}

/** Expects a violation whose message contains every part; returns it. */
export async function expectViolation(
  policy: AnyPolicy,
  input: ResourceInput | StackResourceInput[],
  parts: string | string[],
  opts: { config?: Config; level?: string } = {},
): Promise<Diagnostic> {
  const ds = await run(policy, input, opts);
  const want = Array.isArray(parts) ? parts : [parts];
  const hit = ds.find((d) => want.every((p) => d.message.includes(p)));
  if (!hit) expect.fail(`expected a violation of ${policy.name} containing ${JSON.stringify(want)}; got:\n${dump(ds)}`);
  return hit;
}

export async function expectNoViolations(
  policy: AnyPolicy,
  input: ResourceInput | StackResourceInput[],
  opts: { config?: Config; level?: string } = {},
): Promise<void> {
  const ds = await run(policy, input, opts);
  if (ds.length > 0) expect.fail(`expected no violations of ${policy.name}; got:\n${dump(ds)}`);
}

/** Expects a "could not be checked" note at the given level (never the SDK's silent skip). */
export async function expectNotChecked(
  policy: AnyPolicy,
  input: ResourceInput | StackResourceInput[],
  parts: string | string[],
  opts: { config?: Config; level?: string; expectedLevel?: string } = {},
): Promise<Diagnostic> {
  const want = ["could not be checked", ...(Array.isArray(parts) ? parts : [parts])];
  const d = await expectViolation(policy, input, want, opts);
  expect(d.enforcementLevel).toBe(opts.expectedLevel ?? "advisory");
  return d;
}
