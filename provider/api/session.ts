/**
 * Sessions (guide L1705-2850, api-digest §2).
 */
import { z } from "zod";

export const AuthenticatedSiteSchema = z.object({
  site: z.string(),
  org: z.string().nullish(),
});

/** `{user, roles, authenticatedSites}` returned by POST /sessions, GET /sessions and POST /sessions/extend. */
export const SessionSchema = z.object({
  user: z.string(),
  roles: z.array(z.string()),
  authenticatedSites: z.array(AuthenticatedSiteSchema),
});

export type SessionInfo = z.infer<typeof SessionSchema>;

/** Body of POST /sessions, one variant per `type`. */
export type LoginRequest =
  | { type: "localUser"; localUser: string; localPassword: string }
  | { type: "ssoCredentials"; username: string; password: string }
  | { type: "vcdCredentials"; vcdUser: string; vcdPassword: string }
  | { type: "vcdAccessToken"; vcdAccessToken: string; context?: string };

/** Body of POST /sessions/extend, one variant per `type` (note the field-name drift vs. /sessions, api-digest §6.14). */
export type ExtendRequest =
  | { type: "credentials"; site: string; vcdUsername: string; vcdPassword: string }
  | { type: "accessToken"; site: string; accessToken: string; context?: string }
  | { type: "multisite"; site: string; org: string };
