/**
 * The provider plugin's Pulumi package schema, generated from the resource contracts (provider/properties) that the
 * TypeScript types are checked against, never written by hand. The plugin serves it (GetSchema) and
 * `npm run sdk` generates the SDKs of every language from it.
 * @module
 */
import { PROVIDER_CONFIG } from "../properties/connection";
import type { ObjectType, Prop, ResourceContract } from "../properties/types";

export const PACKAGE = "vcda";
export const VERSION = "0.1.0";

/** `vcda:index:<name>`, the token of a resource or object type. */
export const token = (name: string) => `${PACKAGE}:index:${name}`;

type Spec = Record<string, unknown>;
type Item = Prop extends infer P ? (P extends Prop ? Omit<P, "description" | "required" | "secret"> : never) : never;

/** Collects the named object types the properties refer to; one name, one definition. */
class Types {
  readonly specs: Record<string, Spec> = {};
  private readonly seen = new Map<string, ObjectType>();

  ref(t: ObjectType): Spec {
    const key = token(t.name);
    const known = this.seen.get(key);
    if (known && known !== t) throw new Error(`two different object types are named ${t.name}`);
    if (!known) {
      this.seen.set(key, t);
      const { properties, required } = this.table(t.properties as Record<string, Prop>);
      this.specs[key] = { type: "object", description: t.description, properties, ...nonEmpty("required", required) };
    }
    return { $ref: `#/types/${key}` };
  }

  /** Properties and the names of the required ones. */
  table(table: Record<string, Prop>): { properties: Record<string, Spec>; required: string[] } {
    const properties: Record<string, Spec> = {};
    for (const [name, p] of Object.entries(table)) properties[name] = this.prop(p);
    const required = Object.entries(table)
      .filter(([, p]) => p.required === true)
      .map(([name]) => name);
    return { properties, required };
  }

  prop(p: Prop): Spec {
    return { ...this.item(p), description: p.description, ...(p.secret ? { secret: true } : {}) };
  }

  item(p: Item): Spec {
    switch (p.type) {
      case "array":
        return { type: "array", items: this.item(p.items as unknown as Item) };
      case "map":
        return { type: "object", additionalProperties: this.item(p.values as unknown as Item) };
      case "object":
        return this.ref(p.object);
      case "any":
        return { $ref: "pulumi.json#/Any" };
      default:
        return { type: p.type };
    }
  }
}

const nonEmpty = (key: string, list: string[]) => (list.length > 0 ? { [key]: list } : {});

function resource(types: Types, c: ResourceContract): Spec {
  const inputs = types.table(c.inputs as Record<string, Prop>);
  const outputs = types.table({ ...(c.inputs as Record<string, Prop>), ...(c.outputs as Record<string, Prop>) });
  const required = [...new Set([...c.alwaysOutput, ...types.table(c.outputs as Record<string, Prop>).required])];
  return {
    description: c.description,
    inputProperties: inputs.properties,
    ...nonEmpty("requiredInputs", inputs.required),
    properties: outputs.properties,
    ...nonEmpty("required", required),
  };
}

/** The schema of the package serving `contracts`. */
export function buildSchema(contracts: readonly ResourceContract[]): Spec {
  const types = new Types();
  const config = types.table(PROVIDER_CONFIG as Record<string, Prop>);
  const resources: Record<string, Spec> = {};
  for (const c of contracts) resources[token(c.name)] = resource(types, c);
  return {
    name: PACKAGE,
    displayName: "VMware Cloud Director Availability",
    version: VERSION,
    description:
      "Replication policies, their assignment to organizations, SLA profile assignments, VM and vApp replications, and test failovers of VMware Cloud Director Availability (VCDA).",
    keywords: ["pulumi", "vcda", "vmware", "disaster-recovery", "category/infrastructure", "kind/native"],
    license: "Apache-2.0",
    publisher: "pulumi-vcda",
    meta: { moduleFormat: "(.*)", supportPack: true },
    config: { variables: config.properties },
    provider: {
      description:
        "The provider of VCDA resources. Its arguments configure the endpoint and the credentials; a default provider reads stack config `vcda:*`. Every field falls back to the `VCDA_*` environment variables.",
      inputProperties: config.properties,
    },
    types: types.specs,
    resources,
    language: {
      nodejs: {
        packageName: "@pulumi-vcda/vcda",
        packageDescription: "Pulumi SDK of the VCDA provider plugin (pulumi-resource-vcda).",
        dependencies: { "@pulumi/pulumi": "^3.142.0" },
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_vcda",
        requires: { pulumi: ">=3.142.0,<4.0.0" },
        respectSchemaVersion: true,
        pyproject: { enabled: true },
      },
      go: {
        importBasePath: "github.com/pulumi-vcda/pulumi-vcda/sdk/go/vcda",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: "PulumiVcda",
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
  };
}
