/**
 * Sessions (guide L1705-2850, api-digest §2).
 */
import { z } from "zod";

export const AuthenticatedSiteSchema = z.looseObject({
  site: z.string(),
  org: z.string().nullish(),
});

/**
 * `{user, roles, authenticatedSites}` returned by POST /sessions, GET /sessions and POST /sessions/extend (every
 * field optional in the reference; the client uses only `authenticatedSites`).
 */
export const SessionSchema = z.looseObject({
  user: z.string().nullish(),
  roles: z.array(z.string()).nullish(),
  authenticatedSites: z
    .array(AuthenticatedSiteSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export type SessionInfo = z.infer<typeof SessionSchema>;

/** Body of POST /sessions, one variant per `type` (guide L1705-2357; `vcdCookie` from the 4.1 reference). */
export type LoginRequest =
  | { type: "localUser"; localUser: string; localPassword: string }
  | { type: "ssoCredentials"; username: string; password: string }
  | { type: "ssoToken"; samlToken: string; timestamp: number; nonce: string }
  | { type: "vcdCredentials"; vcdUser: string; vcdPassword: string }
  | { type: "vcdAccessToken"; vcdAccessToken: string; context?: string }
  | { type: "vcdCookie"; vcdCookie: string };

/**
 * Body of POST /sessions/extend, one variant per `type`. A token extension is `vcdAccessToken` with the field
 * `vcdAccessToken`, as every reference version documents (…/4.1/sessions/extend/post, …/4.5//sessions/extend/post);
 * the guide's `accessToken` type (L2540) appears in no reference, so it is not sent. `multisite` is 4.5+ in the
 * reference and in the v4.1 guide (L2652).
 */
export type ExtendRequest =
  | { type: "credentials"; site: string; vcdUsername: string; vcdPassword: string }
  | { type: "vcdAccessToken"; site: string; vcdAccessToken: string; context?: string }
  | { type: "cookie"; site: string; cookie: string }
  | { type: "multisite"; site: string; org: string };
