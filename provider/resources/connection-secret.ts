/**
 * What every resource class does with `connection` (it holds credentials: kept as a secret in inputs and outputs)
 * and with the output keys its provider computes (named, as `undefined`, so the engine registers them).
 */
import * as pulumi from "@pulumi/pulumi";

/** `connection` as a secret; absent stays absent. */
export function secretConnection(c: unknown): pulumi.Output<unknown> | undefined {
  return c === undefined ? undefined : pulumi.secret(c);
}

/** Adds `connection` to additionalSecretOutputs. */
export function withSecretConnection(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection"] };
}

/** The props of a resource: its arguments, `connection` secret when given, and every output key named. */
export function propsWithOutputs(
  args: Record<string, unknown>,
  outputKeys: readonly string[],
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...args };
  if (args.connection !== undefined) props.connection = secretConnection(args.connection);
  for (const k of outputKeys) props[k] = undefined;
  return props;
}
