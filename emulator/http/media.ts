import { NotAcceptable } from "../model/errors.js";

export const MEDIA_TYPE = "application/vnd.vmware.h4-v4.1+json;charset=UTF-8";

/**
 * decisions.md #20: serve v4.1 for the v4.1 media type, application/json and wildcards; another h4 version
 * (or only unrelated types) is 406. A missing Accept is served as v4.1.
 */
export function checkAccept(accept: string | undefined): void {
  if (!accept?.trim()) return;
  const types = accept.split(",").map((p) => (p.split(";")[0] ?? "").trim().toLowerCase());
  for (const t of types) {
    if (t === "*/*" || t === "application/*" || t === "application/json") return;
    const m = /^application\/vnd\.vmware\.h4-v([0-9.]+)\+(json|octet-stream)$/.exec(t);
    if (m && m[1] === "4.1") return;
  }
  throw new NotAcceptable(accept);
}
