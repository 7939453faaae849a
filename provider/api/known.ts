/**
 * A tolerant schema's type without its index signatures: the fields this package knows. Responses are parsed with
 * loose schemas, which keep unknown fields at runtime, but a `[key: string]: unknown` in a type turns every property
 * of a program's `pulumi.Output<T>` into `Output<unknown>`; the types users see name only the known fields.
 */
export type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;
