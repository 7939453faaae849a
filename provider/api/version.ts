/**
 * API versions. VCDA selects the API version by the media type in `Accept`
 * (`application/vnd.vmware.h4-v<major.minor>+json;charset=UTF-8`) and answers with the same value as `Content-Type`
 * (guide §1). The client logs in without an Accept header, as VMware's PowerCLI module does, reads the version the
 * appliance answered with, and then speaks the newest version both sides know. When the answer names no version it
 * asks `GET /diagnostics/about` (one extra request) and reads `buildVersion`. `vcda:apiVersion` pins the version and
 * skips all of this.
 */

/** Versions whose reference this client was written against, oldest first. */
export const KNOWN_API_VERSIONS = ["4.1", "4.5", "4.6", "4.7"] as const;

/** The version assumed when an appliance tells none (the programming guide's). */
export const FALLBACK_API_VERSION = "4.1";

const VERSION = /^\d+\.\d+$/;

/** True for a `major.minor` version string. */
export function isApiVersion(v: unknown): v is string {
  return typeof v === "string" && VERSION.test(v);
}

/** The JSON media type of an API version. */
export function mediaType(version: string): string {
  return `application/vnd.vmware.h4-v${version}+json;charset=UTF-8`;
}

/** The version named by a VCDA media type (`…h4-v4.6+json…`), or undefined for `application/json` and the like. */
export function versionOfMediaType(contentType: string | undefined): string | undefined {
  const m = /vnd\.vmware\.h4-v(\d+\.\d+)\+/i.exec(contentType ?? "");
  return m?.[1];
}

/** `major.minor` of a `buildVersion` such as `4.6.1.22097000-abcdef`, or undefined. */
export function versionOfBuild(buildVersion: unknown): string | undefined {
  const m = typeof buildVersion === "string" ? /^(\d+)\.(\d+)/.exec(buildVersion) : null;
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** Numeric comparison of `major.minor` strings. */
export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** True when `version` is `min` or newer. */
export function atLeast(version: string, min: string): boolean {
  return compareVersions(version, min) >= 0;
}

/**
 * The version to speak with an appliance that answers `server`: the newest known version not newer than it. An
 * appliance newer than every known version gets the newest known one (VCDA keeps serving older versions); one older
 * than every known version gets its own (and a warning from the caller).
 */
export function chooseVersion(server: string): string {
  const usable = KNOWN_API_VERSIONS.filter((v) => atLeast(server, v));
  return usable[usable.length - 1] ?? server;
}
