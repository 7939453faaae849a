import type { SiteAuthArgs } from "../resources/inputs";

/**
 * The fully resolved connection the client works with (see `provider/config.ts` for how it is resolved).
 */

export type AuthType = "localUser" | "ssoCredentials" | "vcdCredentials" | "vcdAccessToken";

/**
 * How to extend the session to a remote site (POST /sessions/extend).
 * - `multisite`: VCD multisite with the session's stored JWT, into `org` of the remote site.
 * - `credentials`: a VCD user of the remote site.
 * - `accessToken`: a VCD JWT issued by the remote site's VCD.
 */
export type SiteAuth = SiteAuthArgs;

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
}
