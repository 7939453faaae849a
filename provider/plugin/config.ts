/**
 * The provider's configuration at the plugin's edge. A default provider gets stack config `vcda:*` (strings), an
 * explicit provider (`new vcda.Provider(...)`, YAML `providers:`) its arguments (strings, or objects and booleans
 * that some SDKs send as JSON text). Both become the `vcda:<key>` strings the dynamic providers' `configure` reads,
 * and are checked with the same functions and messages (client/connection.ts, limits.ts).
 * @module
 */
import { CONNECTION_KEYS, readConfig, readEnv, resolveConnection, VcdaConfigError } from "../client/connection";
import type { ConnectionArgs } from "../client/types";
import { configureFromRequest } from "../config";
import { parseLimitsConfig } from "../limits";
import type { Props } from "./values";

export interface Failure {
  property: string;
  reason: string;
}

/** Properties kept secret in the provider's state whatever the program says. */
export const SECRET_CONFIG = ["password", "sites"] as const;

/** A `vcda:<key>` getter over the provider's properties. */
export function configGetter(props: Props): (key: string) => string | undefined {
  return (key) => {
    const v = props[key.startsWith("vcda:") ? key.slice("vcda:".length) : key];
    if (v === undefined || v === null) return undefined;
    return typeof v === "string" ? v : JSON.stringify(v);
  };
}

/** Where messages say the configuration comes from: stack config for the default provider, else the provider. */
export function configSource(urn: string): string {
  const name = urn.split("::").pop() ?? "";
  return name.startsWith("default") ? "stack config" : `provider "${name}"`;
}

/**
 * What is wrong with the values given, with the messages a resource operation would fail with. A value set nowhere
 * is not a failure here: a resource's `connection` or the `VCDA_*` environment may still set it.
 */
export function checkConfig(props: Props, source: string): Failure[] {
  const get = configGetter(props);
  const failures: Failure[] = [];
  // One field at a time, so each failure names its property.
  for (const field of Object.keys(CONNECTION_KEYS) as (keyof ConnectionArgs)[]) {
    const key = CONNECTION_KEYS[field].config;
    try {
      readConfig((k) => (k === key ? get(k) : undefined), source);
    } catch (e) {
      if (!(e instanceof VcdaConfigError)) throw e;
      failures.push({ property: field, reason: e.message });
    }
  }
  try {
    parseLimitsConfig(get("vcda:limits"));
  } catch (e) {
    failures.push({ property: "limits", reason: (e as Error).message });
  }
  if (failures.length > 0) return failures;
  try {
    resolveConnection(undefined, readConfig(get, source), readEnv(), source);
  } catch (e) {
    if (!(e instanceof VcdaConfigError)) throw e;
    if (!e.missing) failures.push({ property: e.field ?? "endpoint", reason: e.message });
  }
  return failures;
}

/** Keys whose values differ. Nothing in the configuration replaces resources (as with stack config today). */
export function changedConfig(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null)).sort();
}

/** Hands the configuration to the resource code, as every dynamic provider's `configure` does. */
export function configure(props: Props): void {
  configureFromRequest({ config: { get: configGetter(props) } });
}
