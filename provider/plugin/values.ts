/**
 * Property values at the plugin's edge. The engine sends secrets as `{<sig>: <secret>, value}` objects (the plugin
 * accepts secrets) and values unknown during a preview as the UNKNOWN string, which the provider objects already
 * understand. The provider objects get plain values; what they return is marked secret again: every top-level
 * property that held a secret on the way in, and the properties the contract declares secret (`connection`).
 * @module
 */
import { type Struct, structproto } from "./proto";

/** The key and value that mark a secret in the engine's property encoding (sdk/go/common/resource/sig). */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

const isSecret = (v: unknown): v is { value: unknown } =>
  v !== null && typeof v === "object" && (v as Props)[SECRET_SIG] === SECRET;

/** The value without secret markers, and whether any part of it was secret. */
export function reveal(v: unknown): { value: unknown; secret: boolean } {
  if (isSecret(v)) return { value: reveal(v.value).value, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (v !== null && typeof v === "object") {
    let secret = false;
    const out: Props = {};
    for (const [k, x] of Object.entries(v)) {
      const r = reveal(x);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** Plain properties, and the names of the top-level properties that held a secret. @internal */
export function fromStruct(s: Struct | undefined): { props: Props; secrets: Set<string> } {
  const raw = (s?.toJavaScript() ?? {}) as Props;
  const props: Props = {};
  const secrets = new Set<string>();
  for (const [k, v] of Object.entries(raw)) {
    const r = reveal(v);
    props[k] = r.value;
    if (r.secret) secrets.add(k);
  }
  return { props, secrets };
}

export const secret = (value: unknown) => ({ [SECRET_SIG]: SECRET, value });

/** Protobuf Struct rejects `undefined`: drop it, at every depth. */
function defined(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(defined);
  if (v !== null && typeof v === "object" && !isSecret(v)) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, defined(x)]),
    );
  }
  return v;
}

/** A Struct of `props`, with the top-level properties named in `secrets` marked secret. @internal */
export function toStruct(props: Props, secrets: Iterable<string> = []): Struct {
  const out = defined(props) as Props;
  for (const k of secrets) {
    if (out[k] !== undefined && !isSecret(out[k])) out[k] = secret(out[k]);
  }
  return structproto.Struct.fromJavaScript(out as Parameters<typeof structproto.Struct.fromJavaScript>[0]);
}
