/**
 * A small vocabulary for describing the properties of a resource contract (its inputs and outputs), from which the
 * provider plugin's Pulumi schema is generated (provider/plugin/schema.ts). The tables are checked against the
 * TypeScript contracts at compile time: `Table<T>` demands one entry per key of `T`, no other key, the kind of value
 * the key holds (string, number, boolean, array, map, object) and `required` exactly where `T` requires the key.
 * @module
 */

interface Base {
  description: string;
  /** Kept secret by the SDKs and in state. */
  secret?: boolean;
  required?: boolean;
}

export interface StringProp extends Base {
  type: "string";
  /** The values a string may take; documentation only (the provider's check enforces them). */
  values?: readonly string[];
}

export interface NumberProp extends Base {
  type: "integer" | "number";
}

export interface BooleanProp extends Base {
  type: "boolean";
}

export interface ArrayProp<U = unknown> extends Base {
  type: "array";
  items: Item<U>;
}

export interface MapProp<U = unknown> extends Base {
  type: "map";
  values: Item<U>;
}

export interface ObjectProp<V = unknown> extends Base {
  type: "object";
  object: ObjectType<V>;
}

/** A named object type (`vcda:index:<name>` in the schema); a union of objects is described as one merged type. */
export interface ObjectType<V = unknown> {
  name: string;
  description: string;
  properties: Table<Merged<V>>;
}

/** A value of any JSON shape, passed through as the appliance's API takes it (`pulumi.json#/Any`). */
export interface AnyProp extends Base {
  type: "any";
}

export type Prop = StringProp | NumberProp | BooleanProp | ArrayProp | MapProp | ObjectProp | AnyProp;

/** The element of an array or map: a property without its own description. */
export type Item<U> = Omit<unknown extends U ? AnyProp : PropOf<NonNullable<U>>, "description" | "required" | "secret">;

/** The kind of property a TypeScript value type calls for. */
export type PropOf<V> = unknown extends V
  ? AnyProp
  : [V] extends [string]
    ? StringProp
    : [V] extends [number]
      ? NumberProp
      : [V] extends [boolean]
        ? BooleanProp
        : [V] extends [readonly (infer U)[]]
          ? ArrayProp<U>
          : [V] extends [object]
            ? string extends keyof V
              ? MapProp<V[string]>
              : ObjectProp<V>
            : never;

/** A key is optional when it may be left out or may be null (outputs the appliance does not report are null). */
type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : null extends T[K] ? true : false;
type Requirement<T, K extends keyof T> = IsOptional<T, K> extends true ? { required?: false } : { required: true };

/** One property per key of `T`, of the kind its value calls for, `required` exactly where `T` requires it. */
export type Table<T> = { [K in keyof T]-?: PropOf<NonNullable<T[K]>> & Requirement<T, K> };

type AllKeys<U> = U extends unknown ? keyof U : never;
type ValueOf<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;
type OptionalIn<U, K extends PropertyKey> = U extends unknown
  ? K extends keyof U
    ? object extends Pick<U, K>
      ? true
      : false
    : true
  : never;

/** A union of object types as one object: every key of every member, required only where every member requires it. */
export type Merged<U> = {
  [K in AllKeys<U> as true extends OptionalIn<U, K> ? never : K]: ValueOf<U, K>;
} & {
  [K in AllKeys<U> as true extends OptionalIn<U, K> ? K : never]?: ValueOf<U, K>;
};

/** A resource's contract: what the schema says about it, next to the TypeScript types it is checked against. */
export interface ResourceContract<I = unknown, O = unknown> {
  /** The type name: `vcda:index:<name>` in the plugin, `pulumi-nodejs:dynamic/vcda:<name>` for the dynamic resource. */
  name: string;
  description: string;
  /** What a program sets. */
  inputs: Table<I>;
  /** What the provider computes, besides the inputs, which every resource's outputs also hold as applied. */
  outputs: Table<O>;
  /** Inputs that every output state holds (check fills their defaults), so SDKs type them as always present. */
  alwaysOutput: readonly (keyof I & string)[];
}

/** A resource contract, with its tables checked against `I` (inputs) and `O` (computed outputs). */
export function resourceContract<I, O>(contract: ResourceContract<I, O>): ResourceContract<I, O> {
  return contract;
}

/** A named object type, with its table checked against `V` (a union is merged). */
export function objectType<V>(name: string, description: string, properties: Table<Merged<V>>): ObjectType<V> {
  return { name, description, properties };
}

/** The keys of a table, in order. */
export function keysOf<T>(table: Table<T>): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}
