/**
 * Where a resource's connection comes from, field by field:
 *   1. the resource's `connection` input (per-resource override, for stacks managing several appliances),
 *   2. stack config `vcda:*`, captured by every provider's `configure()` (provider/config.ts) (or, in a program, `new pulumi.Config("vcda")`),
 *   3. environment variables `VCDA_*`.
 * A layer whose endpoint differs from the chosen endpoint contributes no credentials or TLS settings, so the
 * credentials of one appliance are never sent to another.
 *
 * | field       | stack config      | environment         |
 * |-------------|-------------------|---------------------|
 * | endpoint    | vcda:endpoint     | VCDA_ENDPOINT       |
 * | username    | vcda:username     | VCDA_USERNAME       |
 * | password    | vcda:password     | VCDA_PASSWORD       |
 * | authType    | vcda:authType     | VCDA_AUTH_TYPE      |
 * | caCert      | vcda:caCert       | VCDA_CA_CERT        |  (PEM text or a file path)
 * | insecure    | vcda:insecure     | VCDA_INSECURE       |
 * | authContext | vcda:authContext  | VCDA_AUTH_CONTEXT   |
 * | sites       | vcda:sites (JSON) | VCDA_SITES (JSON)   |
 * | apiVersion  | vcda:apiVersion   | VCDA_API_VERSION    |  (e.g. 4.6; default: negotiated at login)
 */
import * as fs from "node:fs";
import { isApiVersion } from "../api/version";
import { isUnknown } from "../unknown";
import type { AuthType, ConnectionArgs, ResolvedConnection, SiteAuth } from "./types";

export const AUTH_TYPES: readonly AuthType[] = [
  "localUser",
  "ssoCredentials",
  "ssoToken",
  "vcdCredentials",
  "vcdAccessToken",
  "vcdCookie",
];

/** Stack-config key and env var of each field, for messages. */
export const CONNECTION_KEYS: Record<keyof Omit<ConnectionArgs, never>, { config: string; env: string }> = {
  endpoint: { config: "vcda:endpoint", env: "VCDA_ENDPOINT" },
  username: { config: "vcda:username", env: "VCDA_USERNAME" },
  password: { config: "vcda:password", env: "VCDA_PASSWORD" },
  authType: { config: "vcda:authType", env: "VCDA_AUTH_TYPE" },
  caCert: { config: "vcda:caCert", env: "VCDA_CA_CERT" },
  insecure: { config: "vcda:insecure", env: "VCDA_INSECURE" },
  authContext: { config: "vcda:authContext", env: "VCDA_AUTH_CONTEXT" },
  sites: { config: "vcda:sites", env: "VCDA_SITES" },
  apiVersion: { config: "vcda:apiVersion", env: "VCDA_API_VERSION" },
};

/** A connection error in configuration (not from the appliance). */
export class VcdaConfigError extends Error {
  override name = "VcdaConfigError";
  /** The connection field the error is about, when one is. */
  readonly field?: keyof ConnectionArgs;
  /** True when the field is set nowhere (another layer, e.g. a resource's `connection`, may still set it). */
  readonly missing: boolean;

  constructor(message: string, opts: { field?: keyof ConnectionArgs; missing?: boolean } = {}) {
    super(message);
    if (opts.field) this.field = opts.field;
    this.missing = opts.missing ?? false;
  }
}

let stackConfig: ConnectionArgs = {};

/** Replaces the captured stack config (called by `configure()` of every provider; tests). @internal */
export function setStackConfig(cfg: ConnectionArgs): void {
  stackConfig = { ...cfg };
}

/** The captured stack config. @internal */
export function getStackConfig(): ConnectionArgs {
  return stackConfig;
}

/** Reads `vcda:*` with a getter like `req.config.get` of a dynamic provider's ConfigureRequest. */
export function readConfig(get: (key: string) => string | undefined, source = "stack config"): ConnectionArgs {
  const out: ConnectionArgs = {};
  const str = (k: keyof ConnectionArgs) => {
    const v = get(CONNECTION_KEYS[k].config);
    return v === undefined || v === "" ? undefined : v;
  };
  const endpoint = str("endpoint");
  if (endpoint) out.endpoint = endpoint;
  const username = str("username");
  if (username) out.username = username;
  const password = str("password");
  if (password) out.password = password;
  const authType = str("authType");
  if (authType) out.authType = authType as AuthType;
  const caCert = str("caCert");
  if (caCert) out.caCert = caCert;
  const insecure = str("insecure");
  if (insecure !== undefined) out.insecure = parseBool(insecure, `${source} ${CONNECTION_KEYS.insecure.config}`);
  const authContext = str("authContext");
  if (authContext) out.authContext = authContext;
  const sites = str("sites");
  if (sites) out.sites = parseSites(sites, `${source} ${CONNECTION_KEYS.sites.config}`);
  const apiVersion = str("apiVersion");
  if (apiVersion) out.apiVersion = apiVersion.trim();
  return out;
}

/** Reads `VCDA_*` environment variables. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ConnectionArgs {
  const byConfigKey = Object.fromEntries(Object.values(CONNECTION_KEYS).map((k) => [k.config, env[k.env]]));
  return readConfig((key) => byConfigKey[key], "environment variable");
}

function parseBool(v: string, where: string): boolean {
  const s = v.trim().toLowerCase();
  if (s === "true" || s === "1" || s === "yes") return true;
  if (s === "false" || s === "0" || s === "no") return false;
  throw new VcdaConfigError(`${where} must be true or false, got "${v}"`);
}

function parseSites(v: string, where: string): Record<string, SiteAuth> {
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    throw new VcdaConfigError(
      `${where} must be a JSON object of site name → {type: "multisite"|"credentials"|"accessToken", ...}`,
    );
  }
  const problem = validateSites(json);
  if (problem) throw new VcdaConfigError(`${where}: ${problem}`);
  return json as Record<string, SiteAuth>;
}

/** Returns a message naming the bad part of a `sites` value, or undefined when it is valid. @internal */
export function validateSites(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "must be an object keyed by site name";
  for (const [site, a] of Object.entries(json as Record<string, unknown>)) {
    const auth = a as Record<string, unknown> | null;
    if (typeof auth !== "object" || auth === null) return `sites.${site} must be an object`;
    const nonEmpty = (k: string) => typeof auth[k] === "string" && (auth[k] as string) !== "";
    if (auth.type === "multisite") {
      if (!nonEmpty("org")) return `sites.${site}.org is required for type "multisite"`;
    } else if (auth.type === "credentials") {
      if (!nonEmpty("username") || !nonEmpty("password"))
        return `sites.${site} needs username and password for type "credentials"`;
    } else if (auth.type === "accessToken") {
      if (!nonEmpty("accessToken")) return `sites.${site}.accessToken is required for type "accessToken"`;
    } else if (auth.type === "cookie") {
      if (!nonEmpty("cookie")) return `sites.${site}.cookie is required for type "cookie"`;
    } else {
      return `sites.${site}.type must be "multisite", "credentials", "accessToken" or "cookie", got ${JSON.stringify(auth.type)}`;
    }
  }
  return undefined;
}

/** Loads a CA bundle given as PEM text or a file path. */
export function loadCaCert(value: string, where: string): string {
  if (value.includes("-----BEGIN")) return value;
  try {
    const text = fs.readFileSync(value, "utf8");
    if (!text.includes("-----BEGIN")) throw new Error("no PEM block");
    return text;
  } catch (e) {
    throw new VcdaConfigError(
      `${where} is neither PEM text nor a readable PEM file: ${value} (${(e as Error).message})`,
      { field: "caCert" },
    );
  }
}

function normalizeEndpoint(endpoint: string): string {
  return endpoint.trim().replace(/\/+$/, "");
}

/**
 * Merges the per-resource override, the stack config (or `stack` when given, named `stackSource` in messages) and
 * the environment into a complete connection. Throws VcdaConfigError naming the config key and env var of anything
 * missing or invalid.
 */
export function resolveConnection(
  resourceConnection?: ConnectionArgs,
  stack: ConnectionArgs = stackConfig,
  env: ConnectionArgs = readEnv(),
  stackSource = "stack config",
): ResolvedConnection {
  const layers: { name: string; args: ConnectionArgs }[] = [
    { name: "the resource's connection", args: resourceConnection ?? {} },
    { name: stackSource, args: stack },
    { name: "environment", args: env },
  ];
  const endpointLayer = layers.find((l) => l.args.endpoint);
  if (!endpointLayer?.args.endpoint) {
    throw new VcdaConfigError(
      `No VCDA endpoint: set stack config ${CONNECTION_KEYS.endpoint.config} (pulumi config set vcda:endpoint https://vcda.example.com:8046), the ${CONNECTION_KEYS.endpoint.env} environment variable, or connection.endpoint on the resource.`,
      { field: "endpoint", missing: true },
    );
  }
  const endpoint = normalizeEndpoint(endpointLayer.args.endpoint);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new VcdaConfigError(
      `VCDA endpoint "${endpoint}" (from ${endpointLayer.name}) is not a URL; expected e.g. https://vcda.example.com:8046`,
      { field: "endpoint" },
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new VcdaConfigError(
      `VCDA endpoint "${endpoint}" (from ${endpointLayer.name}) must start with https:// (or http:// for a local emulator)`,
      { field: "endpoint" },
    );
  }
  // Layers pointing at another appliance contribute nothing else.
  const usable = layers.filter((l) => !l.args.endpoint || normalizeEndpoint(l.args.endpoint) === endpoint);
  const pick = <K extends keyof ConnectionArgs>(k: K): { value: ConnectionArgs[K]; from: string } | undefined => {
    const l = usable.find((x) => x.args[k] !== undefined && x.args[k] !== "");
    return l ? { value: l.args[k], from: l.name } : undefined;
  };
  const authType = (pick("authType")?.value ?? "localUser") as AuthType;
  if (!AUTH_TYPES.includes(authType)) {
    throw new VcdaConfigError(
      `VCDA authType "${authType}" is not supported; use one of ${AUTH_TYPES.join(", ")} (${CONNECTION_KEYS.authType.config} / ${CONNECTION_KEYS.authType.env}).`,
      { field: "authType" },
    );
  }
  const password = pick("password")?.value;
  if (!password) {
    const what =
      { vcdAccessToken: "VCD access token", vcdCookie: "VCD session cookie", ssoToken: "SAML token" }[
        authType as string
      ] ?? "password";
    throw new VcdaConfigError(
      `No VCDA ${what} for ${endpoint}: set stack config ${CONNECTION_KEYS.password.config} (pulumi config set --secret vcda:password ...), the ${CONNECTION_KEYS.password.env} environment variable, or connection.password on the resource.`,
      { field: "password", missing: true },
    );
  }
  let username = pick("username")?.value;
  if (!username && authType === "localUser") username = "root";
  if (!username && (authType === "ssoCredentials" || authType === "vcdCredentials")) {
    throw new VcdaConfigError(
      `No VCDA username for ${endpoint} (authType ${authType}): set stack config ${CONNECTION_KEYS.username.config}, the ${CONNECTION_KEYS.username.env} environment variable, or connection.username on the resource.`,
      { field: "username", missing: true },
    );
  }
  const ca = pick("caCert");
  const caPem = ca?.value
    ? loadCaCert(ca.value, `${ca.from} caCert (${CONNECTION_KEYS.caCert.config} / ${CONNECTION_KEYS.caCert.env})`)
    : undefined;
  const sites = pick("sites")?.value;
  if (sites) {
    const problem = validateSites(sites);
    if (problem) throw new VcdaConfigError(`VCDA ${CONNECTION_KEYS.sites.config}: ${problem}`, { field: "sites" });
  }
  const authContext = pick("authContext")?.value;
  const apiVersion = pick("apiVersion");
  if (apiVersion?.value !== undefined && !isApiVersion(apiVersion.value)) {
    throw new VcdaConfigError(
      `VCDA apiVersion "${apiVersion.value}" (from ${apiVersion.from}) is not a version: use major.minor, e.g. 4.6 (${CONNECTION_KEYS.apiVersion.config} / ${CONNECTION_KEYS.apiVersion.env}), or leave it unset to negotiate.`,
      { field: "apiVersion" },
    );
  }
  return {
    resolved: true,
    endpoint,
    authType,
    ...(username ? { username } : {}),
    password,
    ...(authContext ? { authContext } : {}),
    ...(caPem ? { caPem } : {}),
    insecure: pick("insecure")?.value === true,
    sites: sites ?? {},
    ...(apiVersion?.value ? { apiVersion: apiVersion.value } : {}),
  };
}

/** A check failure, as Pulumi's `check` reports it. */
type Failure = { property: string; reason: string };

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(JSON.stringify(v) ?? v));

/** Validates the `connection` input (shape only; whether credentials exist is checked when the client is built). */
export function validateConnection(conn: unknown): Failure[] {
  if (conn === undefined || conn === null || isUnknown(conn)) return [];
  if (typeof conn !== "object" || Array.isArray(conn))
    return [{ property: "connection", reason: "connection: must be an object" }];
  const c = conn as Record<string, unknown>;
  const f: Failure[] = [];
  const known = new Set([
    "endpoint",
    "authType",
    "username",
    "password",
    "caCert",
    "insecure",
    "authContext",
    "sites",
    "apiVersion",
  ]);
  for (const k of Object.keys(c)) {
    if (!known.has(k))
      f.push({
        property: `connection.${k}`,
        reason: `connection.${k}: unknown field; expected one of ${[...known].join(", ")}`,
      });
  }
  if (c.endpoint !== undefined && !isUnknown(c.endpoint)) {
    let ok = false;
    if (typeof c.endpoint === "string") {
      try {
        const u = new URL(c.endpoint);
        ok = u.protocol === "https:" || u.protocol === "http:";
      } catch {
        ok = false;
      }
    }
    if (!ok)
      f.push({
        property: "connection.endpoint",
        reason: `connection.endpoint: ${show(c.endpoint)} is not allowed: must be an https:// URL (http:// for an emulator)`,
      });
  }
  if (c.authType !== undefined && !isUnknown(c.authType) && !AUTH_TYPES.includes(c.authType as never)) {
    f.push({
      property: "connection.authType",
      reason: `connection.authType: ${show(c.authType)} is not allowed: must be one of ${AUTH_TYPES.join(", ")}`,
    });
  }
  for (const k of ["username", "password", "caCert", "authContext"]) {
    const v = c[k];
    if (v !== undefined && !isUnknown(v) && typeof v !== "string") {
      // Never echo a password value.
      f.push({ property: `connection.${k}`, reason: `connection.${k}: must be a string` });
    }
  }
  if (c.insecure !== undefined && !isUnknown(c.insecure) && typeof c.insecure !== "boolean") {
    f.push({
      property: "connection.insecure",
      reason: `connection.insecure: ${show(c.insecure)} is not allowed: must be true or false`,
    });
  }
  if (c.apiVersion !== undefined && !isUnknown(c.apiVersion) && !isApiVersion(c.apiVersion)) {
    f.push({
      property: "connection.apiVersion",
      reason: `connection.apiVersion: ${show(c.apiVersion)} is not allowed: must be major.minor, e.g. "4.6"`,
    });
  }
  if (c.sites !== undefined && !isUnknown(c.sites)) {
    const problem = validateSites(c.sites);
    if (problem) f.push({ property: "connection.sites", reason: `connection.${problem}` });
  }
  return f;
}
