/**
 * Types of the client floor: how to reach an appliance (as given and as resolved, see `connection.ts`) and what a
 * request looks like. Nothing here imports from a higher floor.
 */
import type { z } from "zod";
import type { QueryValue } from "./http";

/** How to log in (POST /sessions `type`, guide L1705-2357 and the 4.1 reference's `vcdCookie`). */
export type AuthType = "localUser" | "ssoCredentials" | "ssoToken" | "vcdCredentials" | "vcdAccessToken" | "vcdCookie";

/**
 * How to extend the session to a remote site (POST /sessions/extend).
 * - `multisite`: VCD multisite with the session's stored JWT, into `org` of the remote site.
 * - `credentials`: a VCD user of the remote site.
 * - `accessToken`: a VCD JWT issued by the remote site's VCD.
 * - `cookie`: a VCD session cookie of the remote site's VCD.
 */
export type SiteAuth = SiteAuthArgs;

/** How to reach and log in to a VCDA appliance. Every field falls back to stack config `vcda:*`, then `VCDA_*`. */
export interface ConnectionArgs {
  /** Base URL of the Cloud Service, e.g. `https://vcda.example.com:8046`. */
  endpoint?: string;
  /** `localUser` (default) | `ssoCredentials` | `ssoToken` | `vcdCredentials` | `vcdAccessToken` | `vcdCookie`. */
  authType?: AuthType;
  username?: string;
  /**
   * Password; or the secret of a token login: the SAML assertion (`ssoToken`), the VCD JWT (`vcdAccessToken`), the
   * VCD session cookie (`vcdCookie`). Kept secret.
   */
  password?: string;
  /** PEM bundle of CAs to trust (in addition to nothing: the system store is not used when this is set). */
  caCert?: string;
  /** Skip TLS verification. Explicit opt-in; warns on every run. */
  insecure?: boolean;
  /** Multisite auth context sent with a `vcdAccessToken` login (the org of the VCD that issued the token). */
  authContext?: string;
  /**
   * How to extend the session to remote sites (POST /sessions/extend), by site name. Sites without an entry are not
   * extended (the appliance answers 401 `RemoteAuthenticationFailure`, and the error says what to configure). Kept secret.
   */
  sites?: Record<string, SiteAuthArgs>;
  /** API version to speak, e.g. `4.6`; default: negotiated with the appliance at login (version.ts). */
  apiVersion?: string;
}

/** How to log in to a remote site: VCD multisite into `org`, a remote VCD user, token or session cookie. */
export type SiteAuthArgs =
  | { type: "multisite"; org: string }
  | { type: "credentials"; username: string; password: string }
  | { type: "accessToken"; accessToken: string; context?: string }
  | { type: "cookie"; cookie: string };

/** The fully resolved connection the client works with (see `connection.ts` for how it is resolved). */
export interface ResolvedConnection {
  /** Marks an already resolved connection. */
  resolved: true;
  /** Base URL without trailing slash. */
  endpoint: string;
  authType: AuthType;
  /** `root` for localUser, SSO user, or a VCD user (`root@System`, `admin@org2`). Unused for vcdAccessToken. */
  username?: string;
  /** Password, or the VCD JWT for vcdAccessToken. */
  password: string;
  /** Multisite auth context (`context` of a vcdAccessToken login). */
  authContext?: string;
  /** PEM CA bundle. */
  caPem?: string;
  insecure: boolean;
  /** Per remote site, how to extend the session to it. */
  sites: Record<string, SiteAuth>;
  /** Pinned API version; negotiated when absent. */
  apiVersion?: string;
}

export interface VcdaRequestOptions<T = unknown> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path from the API root, e.g. `/vm-replications/C4-...`. */
  path: string;
  /** Query parameters; `site` also makes sure the session is extended to that site. */
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** zod schema of the response body. */
  schema?: z.ZodType<T>;
  /** The resource operation this request belongs to. */
  operationId: string;
  /** Safe to repeat after a broken connection / 502 / 504. Default: GET/PUT/DELETE true, POST/PATCH false. */
  idempotent?: boolean;
}

/** What the typed API modules (policies, tasks, replications) need from the client. */
export interface Requester {
  request<T>(opts: VcdaRequestOptions<T>): Promise<T>;
}
