import { NotAcceptable } from "../model/errors.js";
import { type Profile, servesMediaVersion } from "../model/profiles.js";

export const JSON_TYPE = "application/json;charset=UTF-8";
export const vndType = (v: string) => `application/vnd.vmware.h4-v${v}+json;charset=UTF-8`;

/**
 * The h4 version an `Accept` asks for, or null when it asks for none (absent, wildcard, application/json). The first
 * type the profile serves wins; a versioned one must be known and not newer than the profile, else 406 with an
 * error body (what a real appliance does is undocumented; decisions.md #20).
 */
export function negotiate(accept: string | undefined, p: Profile): string | null {
  if (!accept?.trim()) return null;
  for (const part of accept.split(",")) {
    const t = (part.split(";")[0] ?? "").trim().toLowerCase();
    if (t === "*/*" || t === "application/*" || t === "application/json") return null;
    const m = /^application\/vnd\.vmware\.h4-v([0-9.]+)\+(json|octet-stream)$/.exec(t);
    if (m && servesMediaVersion(p, m[1] as string)) return m[1] as string;
  }
  throw new NotAcceptable(accept, p.version);
}

/** Content-Type of an answer: the asked-for version, else what the profile answers an unversioned request with. */
export function contentType(p: Profile, asked: string | null, routeKey: string, error: boolean): string {
  if (asked !== null) return vndType(asked);
  if (p.media.unversioned === "json") return JSON_TYPE;
  if (!error && p.media.plainJsonRoutes.includes(routeKey)) return JSON_TYPE;
  return vndType(p.version);
}
