/**
 * How to reach an appliance, as the schema describes it: the per-resource `connection` input and the provider's
 * configuration (stack config `vcda:*` or an explicit provider's arguments). Checked against client/types.ts.
 */
import type { AuthType, ConnectionArgs, SiteAuthArgs } from "../client/types";
import type { ProductLimits } from "../limits";
import { objectType, type Table } from "./types";

const AUTH_TYPES: readonly AuthType[] = [
  "localUser",
  "ssoCredentials",
  "ssoToken",
  "vcdCredentials",
  "vcdAccessToken",
  "vcdCookie",
];

export const SITE_AUTH = objectType<SiteAuthArgs>(
  "SiteAuth",
  "How to extend the session to a remote site (POST /sessions/extend), by `type`: `multisite` (VCD multisite into `org`), `credentials` (a VCD user of that site), `accessToken` (a VCD JWT of that site, with its `context`) or `cookie` (a VCD session cookie).",
  {
    type: {
      type: "string",
      values: ["multisite", "credentials", "accessToken", "cookie"],
      description: "`multisite`, `credentials`, `accessToken` or `cookie`.",
      required: true,
    },
    org: { type: "string", description: "Org of the remote site (`multisite`)." },
    username: { type: "string", description: "VCD user of the remote site (`credentials`)." },
    password: { type: "string", description: "Password of that user (`credentials`).", secret: true },
    accessToken: { type: "string", description: "VCD JWT issued by the remote site (`accessToken`).", secret: true },
    context: { type: "string", description: "Multisite auth context of the token (`accessToken`)." },
    cookie: { type: "string", description: "VCD session cookie of the remote site (`cookie`).", secret: true },
  },
);

/** The connection fields; the resource input `connection` and the provider configuration share them. */
export const CONNECTION_PROPERTIES: Table<ConnectionArgs> = {
  endpoint: {
    type: "string",
    description:
      "Base URL of the VCDA Cloud Service, e.g. `https://vcda.example.com:8046` (http:// only for a local emulator).",
  },
  authType: {
    type: "string",
    values: AUTH_TYPES,
    description: `How to log in: ${AUTH_TYPES.map((t) => `\`${t}\``).join(", ")}. Default \`localUser\`.`,
  },
  username: {
    type: "string",
    description: "Login name (default `root` for `localUser`); not used with the token types.",
  },
  password: {
    type: "string",
    description: "Password; for `ssoToken`, `vcdAccessToken` and `vcdCookie` the token or cookie itself. Kept secret.",
    secret: true,
  },
  caCert: {
    type: "string",
    description: "PEM bundle (text or a file path) of the CA that signed the appliance's certificate.",
  },
  insecure: { type: "boolean", description: "Skip TLS verification; warns on every run. Never in production." },
  authContext: { type: "string", description: "Multisite org context of a `vcdAccessToken` issued by another VCD." },
  sites: {
    type: "map",
    values: { type: "object", object: SITE_AUTH },
    description:
      "How to extend the session to other sites, by site name, e.g. `{site1: {type: multisite, org: org1}}`. Kept secret.",
    secret: true,
  },
  apiVersion: {
    type: "string",
    description: "Pin the VCDA API version (`4.1`, `4.5`, `4.6`, `4.7`, …); default: negotiated at login.",
  },
};

export const CONNECTION = objectType<ConnectionArgs>(
  "Connection",
  "A per-resource connection; every field falls back to the provider's configuration, then to `VCDA_*` environment variables. Stored encrypted.",
  CONNECTION_PROPERTIES,
);

export const LIMITS = objectType<Partial<ProductLimits>>(
  "Limits",
  "Overrides of the product limits that `check` enforces before any API call (defaults: VCDA 4.x with vSphere Replication).",
  {
    minRpo: { type: "integer", description: "Smallest RPO, in minutes (1)." },
    maxRpo: { type: "integer", description: "Largest RPO, in minutes (1440)." },
    maxInstances: { type: "integer", description: "Largest total of rotated instances over all retention rules (24)." },
    maxRules: { type: "integer", description: "Largest number of retention rules (5)." },
    minQuiescedRpo: { type: "integer", description: "Smallest RPO, in minutes, that allows guest quiescing (15)." },
    distanceAtLeastRpo: {
      type: "boolean",
      description: "Whether a retention rule's distance may not be below the RPO.",
    },
    maxPinnedInstances: {
      type: "integer",
      description: "Largest number of stored (pinned) instances a policy may allow (24).",
    },
  },
);

/** The provider's configuration: the connection fields and `limits` (stack config `vcda:<key>`). */
export type ProviderConfig = ConnectionArgs & { limits?: Partial<ProductLimits> };

export const PROVIDER_CONFIG: Table<ProviderConfig> = {
  ...CONNECTION_PROPERTIES,
  limits: {
    type: "object",
    object: LIMITS,
    description: "Overrides of the product limits `check` enforces (JSON in stack config `vcda:limits`).",
  },
};
