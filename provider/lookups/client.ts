/**
 * The client of a lookup. Lookups run in the program process, not in the provider: the connection comes from the
 * `connection` argument, then the program's stack config `vcda:*`, then `VCDA_*` (see config.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { readConfig, resolveConnection } from "../client/connection";
import { getClient, type VcdaClient } from "../client/index";
import type { ConnectionArgs } from "../inputs";

/** Stack config `vcda:*` of the running program; nothing outside a Pulumi program (scripts, tests). */
function programConfig(): ConnectionArgs {
  if (!pulumi.runtime.hasEngine()) return {};
  const cfg = new pulumi.Config("vcda");
  return readConfig((key) => cfg.get(key.replace(/^vcda:/, "")), "stack config");
}

/** The shared client for a lookup's connection. @internal */
export function lookupClient(connection?: ConnectionArgs): VcdaClient {
  return getClient(resolveConnection(connection, programConfig()));
}

/** A lookup's arguments as a program passes them: each one may be an Output (another resource's id, say). */
export type LookupInput<A> = pulumi.Input<{ [K in keyof A]: pulumi.Input<A[K]> }>;

/** `fn` for `pulumi.Input` arguments: runs once every argument is known (not during a preview of unknowns). */
export function outputForm<A, R>(fn: (a: A) => Promise<R>): (args: LookupInput<A>) => pulumi.Output<R> {
  return (args) => pulumi.output(args).apply((a) => fn(a as A)) as pulumi.Output<R>;
}
