/**
 * One VCDA session per endpoint and identity: login on first use (single flight), `X-VCAV-Auth` on every request,
 * one re-login when the appliance answers 401, and extension to remote sites.
 */
import { randomUUID } from "node:crypto";
import { type ExtendRequest, type LoginRequest, type SessionInfo, SessionSchema } from "../api/session";
import {
  atLeast,
  chooseVersion,
  FALLBACK_API_VERSION,
  KNOWN_API_VERSIONS,
  mediaType,
  versionOfBuild,
  versionOfMediaType,
} from "../api/version";
import { log } from "../log";
import { registerSecret, requestOf, VcdaApiError, VcdaAuthError, VcdaResponseFormatError } from "./errors";
import type { HttpClient, RawResponse } from "./http";
import type { ResolvedConnection, SiteAuth } from "./types";

/** Builds the POST /sessions body for the connection's auth type. @internal */
export function loginBody(conn: ResolvedConnection): LoginRequest {
  switch (conn.authType) {
    case "localUser":
      return { type: "localUser", localUser: conn.username ?? "root", localPassword: conn.password };
    case "ssoCredentials":
      return { type: "ssoCredentials", username: conn.username ?? "", password: conn.password };
    case "ssoToken":
      // A bearer SAML assertion; Holder-of-Key tokens would also need a signature, which this client does not make.
      return { type: "ssoToken", samlToken: conn.password, timestamp: Date.now(), nonce: randomUUID() };
    case "vcdCookie":
      return { type: "vcdCookie", vcdCookie: conn.password };
    case "vcdCredentials":
      return { type: "vcdCredentials", vcdUser: conn.username ?? "", vcdPassword: conn.password };
    case "vcdAccessToken":
      return {
        type: "vcdAccessToken",
        vcdAccessToken: conn.password,
        ...(conn.authContext ? { context: conn.authContext } : {}),
      };
  }
}

/** Builds the POST /sessions/extend body for a site. @internal */
export function extendBody(site: string, auth: SiteAuth): ExtendRequest {
  switch (auth.type) {
    case "multisite":
      return { type: "multisite", site, org: auth.org };
    case "credentials":
      return { type: "credentials", site, vcdUsername: auth.username, vcdPassword: auth.password };
    case "accessToken":
      return {
        type: "vcdAccessToken",
        site,
        vcdAccessToken: auth.accessToken,
        ...(auth.context ? { context: auth.context } : {}),
      };
    case "cookie":
      return { type: "cookie", site, cookie: auth.cookie };
  }
}

/** Who is logging in, for messages (never the password). @internal */
export function identity(conn: ResolvedConnection): string {
  const token = { vcdAccessToken: "a VCD access token", vcdCookie: "a VCD session cookie", ssoToken: "a SAML token" };
  return conn.authType in token
    ? token[conn.authType as keyof typeof token]
    : `${conn.username ?? "root"} (${conn.authType})`;
}

export class Session {
  private conn: ResolvedConnection;
  private token: string | undefined;
  private pending: Promise<string> | undefined;
  /** A re-login (and the site extensions that follow it) in progress: concurrent 401s share it. */
  private relogging: Promise<string> | undefined;
  private readonly extending = new Map<string, Promise<void>>();
  /** The last session body seen (login, extend). */
  info: SessionInfo | undefined;
  /** Number of successful logins (one per process unless the appliance expired the session). */
  logins = 0;
  /** The API version the appliance answered with (or the pinned one), once logged in. */
  applianceVersion: string | undefined;

  constructor(
    private readonly http: HttpClient,
    conn: ResolvedConnection,
  ) {
    this.conn = conn;
    registerSecret(conn.password);
    for (const s of Object.values(conn.sites)) {
      if (s.type === "credentials") registerSecret(s.password);
      if (s.type === "accessToken") registerSecret(s.accessToken);
      if (s.type === "cookie") registerSecret(s.cookie);
    }
  }

  /** Takes new credentials (a changed password or site config); the next login uses them. */
  updateConnection(conn: ResolvedConnection): void {
    if (conn.password !== this.conn.password || JSON.stringify(conn.sites) !== JSON.stringify(this.conn.sites)) {
      this.conn = conn;
      registerSecret(conn.password);
      for (const s of Object.values(conn.sites)) {
        if (s.type === "credentials") registerSecret(s.password);
        if (s.type === "accessToken") registerSecret(s.accessToken);
        if (s.type === "cookie") registerSecret(s.cookie);
      }
    }
  }

  /** The current token, logging in first if needed. Concurrent callers share one login. */
  async getToken(operationId: string): Promise<string> {
    if (this.token) return this.token;
    return this.login(operationId);
  }

  /**
   * Called after a 401 with the token that was rejected. Logs in again unless another caller already did.
   */
  async relogin(staleToken: string, operationId: string): Promise<string> {
    if (this.relogging) return this.relogging;
    if (this.token && this.token !== staleToken) return this.token;
    // A new session starts on the local site only: extend it again to the sites the expired one had.
    const sites = (this.info?.authenticatedSites ?? []).map((s) => s.site).filter((s) => this.siteAuthFor(s));
    if (this.token === staleToken) this.token = undefined;
    log.debug(
      `vcda session for ${identity(this.conn)} at ${this.conn.endpoint} expired; logging in again (operationID ${operationId})`,
    );
    const p = (async () => {
      const token = await this.login(operationId);
      for (const site of sites) await this.ensureSite(site, operationId);
      return token;
    })();
    this.relogging = p;
    try {
      return await p;
    } finally {
      this.relogging = undefined;
    }
  }

  private login(operationId: string): Promise<string> {
    if (this.pending) return this.pending;
    const p = (async () => {
      let res: RawResponse;
      try {
        // Without a pinned version the login carries no Accept: the answer's Content-Type tells the appliance's.
        res = await this.http.send({
          method: "POST",
          path: "/sessions",
          body: loginBody(this.conn),
          operationId,
          idempotent: true,
          accept: this.http.apiVersion ? undefined : this.conn.apiVersion ? mediaType(this.conn.apiVersion) : null,
        });
      } catch (e) {
        if (e instanceof VcdaApiError && (e.status === 401 || e.status === 403 || e.status === 400)) {
          throw new VcdaAuthError({
            status: e.status,
            code: e.code,
            ...(e.msg !== undefined ? { msg: e.msg } : {}),
            request: requestOf(e, operationId),
            hint: `Login as ${identity(this.conn)} to ${this.conn.endpoint} was refused; check vcda:username/vcda:password/vcda:authType (or VCDA_USERNAME/VCDA_PASSWORD/VCDA_AUTH_TYPE).`,
            cause: e,
          });
        }
        throw e;
      }
      const token = headerValue(res.headers["x-vcav-auth"]);
      if (!token) {
        throw new VcdaResponseFormatError({
          status: res.status,
          code: "UnexpectedResponse",
          msg: "the login response has no X-VCAV-Auth header",
          request: { method: "POST", path: "/sessions", operationId },
        });
      }
      registerSecret(token);
      this.info = parseSession(res.text, "/sessions", operationId);
      this.token = token;
      this.logins++;
      if (!this.http.apiVersion) await this.negotiate(res, token, operationId);
      log.debug(
        `vcda logged in to ${this.conn.endpoint} as ${identity(this.conn)}, API ${this.http.apiVersion} (operationID ${operationId})`,
      );
      return token;
    })();
    this.pending = p;
    p.then(
      () => {
        this.pending = undefined;
      },
      () => {
        this.pending = undefined;
      },
    );
    return p;
  }

  /** Settles the API version after the first login (version.ts): pinned, answered, or read from /diagnostics/about. */
  private async negotiate(login: RawResponse, token: string, operationId: string): Promise<void> {
    const pinned = this.conn.apiVersion;
    if (pinned) {
      this.http.apiVersion = pinned;
      this.applianceVersion = pinned;
      return;
    }
    let server = versionOfMediaType(headerValue(login.headers["content-type"]));
    let source = "the login answer's Content-Type";
    if (!server) {
      server = await this.aboutVersion(token, operationId);
      source = "GET /diagnostics/about";
    }
    if (!server) {
      server = FALLBACK_API_VERSION;
      source = "nothing the appliance said (assumed)";
    }
    const chosen = chooseVersion(server);
    this.http.apiVersion = chosen;
    this.applianceVersion = server;
    if (!atLeast(server, KNOWN_API_VERSIONS[0])) {
      log.warn(
        `The VCDA appliance at ${this.conn.endpoint} speaks API ${server}, older than ${KNOWN_API_VERSIONS[0]}, the oldest this package supports; requests use ${chosen}.`,
      );
    }
    log.debug(
      `vcda ${this.conn.endpoint} speaks API ${server} (from ${source}); requests use API ${chosen} (operationID ${operationId})`,
    );
  }

  /** `buildVersion` of GET /diagnostics/about as `major.minor`, or undefined when it cannot be read. */
  private async aboutVersion(token: string, operationId: string): Promise<string | undefined> {
    try {
      const res = await this.http.send({
        method: "GET",
        path: "/diagnostics/about",
        headers: { "X-VCAV-Auth": token },
        accept: null,
        operationId,
      });
      return (
        versionOfMediaType(headerValue(res.headers["content-type"])) ??
        versionOfBuild(JSON.parse(res.text)?.buildVersion)
      );
    } catch (e) {
      log.debug(`vcda GET /diagnostics/about failed, the API version stays unknown: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** True when the session is known to be authenticated to `site`. */
  hasSite(site: string): boolean {
    return this.info?.authenticatedSites.some((s) => s.site === site) ?? false;
  }

  /**
   * The configured way to extend the session to `site`, if any. Nothing is guessed: a multisite org name differs
   * between sites (orgs are associated, not shared), so an unconfigured site is left to the appliance. @internal
   */
  siteAuthFor(site: string): SiteAuth | undefined {
    return this.conn.sites[site];
  }

  /**
   * Makes sure the session may act on `site` (POST /sessions/extend). No-op when the session already lists the site,
   * or when nothing is configured for it (the appliance's local site needs no extension; a remote site then answers
   * 401 (`RemoteAuthenticationFailure`), and the error says to configure `vcda:sites`).
   */
  async ensureSite(site: string, operationId: string, force = false): Promise<void> {
    const token = await this.getToken(operationId);
    if (!force && this.hasSite(site)) return;
    const auth = this.siteAuthFor(site);
    if (!auth) return;
    const running = this.extending.get(site);
    if (running) return running;
    const p = (async () => {
      const res = await this.sendExtend(token, site, auth, operationId);
      this.info = parseSession(res.text, "/sessions/extend", operationId);
      log.debug(`vcda session extended to site ${site} (${auth.type}) (operationID ${operationId})`);
    })();
    this.extending.set(site, p);
    try {
      await p;
    } finally {
      this.extending.delete(site);
    }
  }

  private async sendExtend(token: string, site: string, auth: SiteAuth, operationId: string): Promise<RawResponse> {
    const send = (t: string) =>
      this.http.send({
        method: "POST",
        path: "/sessions/extend",
        body: extendBody(site, auth),
        headers: { "X-VCAV-Auth": t },
        operationId,
        idempotent: true,
      });
    try {
      try {
        return await send(token);
      } catch (e) {
        // The session itself may have expired: log in again once, then try the extension again.
        if (e instanceof VcdaApiError && e.status === 401 && e.code === "NotAuthenticated")
          return await send(await this.relogin(token, operationId));
        throw e;
      }
    } catch (e) {
      if (e instanceof VcdaApiError && (e.status === 401 || e.status === 403 || e.status === 400)) {
        throw new VcdaAuthError({
          status: e.status,
          code: e.code,
          ...(e.msg !== undefined ? { msg: e.msg } : {}),
          request: { method: e.method, path: e.path, operationId },
          hint: `Extending the session to site "${site}" (${auth.type}) was refused; check vcda:sites.${site}.`,
          cause: e,
        });
      }
      throw e;
    }
  }

  /** DELETE /sessions (best effort). */
  async logout(operationId: string): Promise<void> {
    const token = this.token;
    this.token = undefined;
    this.info = undefined;
    if (!token) return;
    try {
      await this.http.send({ method: "DELETE", path: "/sessions", headers: { "X-VCAV-Auth": token }, operationId });
    } catch {
      /* the session expires on its own */
    }
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseSession(text: string, path: string, operationId: string): SessionInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VcdaResponseFormatError({
      code: "UnexpectedResponse",
      msg: "the session body is not JSON",
      request: { method: "POST", path, operationId },
    });
  }
  const parsed = SessionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VcdaResponseFormatError({
      code: "UnexpectedResponse",
      msg: `field "${issue?.path.join(".") || "(root)"}" of the session: ${issue?.message ?? "invalid"}`,
      request: { method: "POST", path, operationId },
    });
  }
  return parsed.data;
}
