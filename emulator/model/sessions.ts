import { randomBytes } from "node:crypto";
import type { User } from "../inventory/types.js";
import type { SessionRec, SessionsRepo } from "../store/sessions-repo.js";
import {
  BadRequest,
  InvalidCredentials,
  NotAuthenticated,
  RemoteAuthenticationFailure,
  SiteNotFound,
  TokenRequired,
} from "./errors.js";
import type { Profile } from "./profiles.js";
import type { ExtendBody, LoginBody } from "./schemas.js";
import type { World } from "./world.js";

export const ADMIN_ROLES = ["ADMINISTRATORS", "EVERYONE"];
export const TENANT_ROLES = ["EVERYONE"];

export interface SessionView {
  user: string;
  roles: string[];
  authenticatedSites: { site: string; org: string }[];
}

export function sessionView(s: SessionRec): SessionView {
  return { user: s.user, roles: s.roles, authenticatedSites: s.authenticatedSites };
}

/** Login, extension and idle expiry (decisions.md #1, #3, #5). */
export class Sessions {
  /** Last touch written per token; avoids one DB write per request. */
  private readonly cache = new Map<string, SessionRec>();

  constructor(
    private readonly repo: SessionsRepo,
    private readonly world: World,
    private idleMs: number,
    private readonly profile: Profile,
  ) {}

  get idleMinutes(): number {
    return this.idleMs / 60_000;
  }

  setIdleMinutes(m: number): void {
    this.idleMs = m * 60_000;
  }

  login(body: LoginBody): { token: string; session: SessionRec } {
    const local = this.world.localSite;
    let user: User | undefined;
    switch (body.type) {
      case "localUser":
        user = this.world.users(body.localUser).find((u) => u.kind === "local" && u.password === body.localPassword);
        if (!user) throw new InvalidCredentials(body.localUser);
        break;
      case "ssoCredentials":
        user = this.world.users(body.username).find((u) => u.kind === "sso" && u.password === body.password);
        if (!user) throw new InvalidCredentials(body.username);
        break;
      case "ssoToken": {
        const grant = this.world.inventory.samlTokens?.find((t) => t.token === body.samlToken);
        user = grant && this.world.users(grant.username).find((u) => u.kind === "sso");
        if (!user) throw new NotAuthenticated("The SAML token is not valid.");
        break;
      }
      case "vcdCredentials":
        user = this.world
          .users(body.vcdUser)
          .find(
            (u) =>
              (u.kind === "vcdProvider" || u.kind === "vcdTenant") &&
              (u.site ?? local) === local &&
              u.password === body.vcdPassword,
          );
        if (!user) throw new InvalidCredentials(body.vcdUser);
        break;
      case "vcdAccessToken":
      case "vcdCookie": {
        const jwt = body.type === "vcdAccessToken";
        const grants = jwt ? this.world.inventory.vcdAccessTokens : this.world.inventory.vcdCookies;
        const given = jwt ? body.vcdAccessToken : body.vcdCookie;
        const grant = grants?.find((t) => t.token === given);
        user =
          grant &&
          this.world
            .users(grant.username)
            .find(
              (u) =>
                (u.kind === "vcdProvider" || u.kind === "vcdTenant") && (u.site ?? local) === (grant.site ?? local),
            );
        if (!user)
          throw new NotAuthenticated(
            jwt
              ? "The VMware Cloud Director access token is not valid."
              : "The VMware Cloud Director cookie is not valid.",
          );
        break;
      }
    }
    const now = Date.now();
    const admin = user.kind !== "vcdTenant";
    const org = user.kind === "vcdTenant" ? (user.org as string) : "System";
    const s: SessionRec = {
      token: randomBytes(20).toString("base64"),
      user: user.username,
      principal: admin ? user.username : `${org}@${user.site ?? local}`,
      roles: admin ? ADMIN_ROLES : TENANT_ROLES,
      admin,
      kind: user.kind,
      authenticatedSites: [{ site: user.site ?? local, org }],
      createdAt: now,
      lastUsed: now,
    };
    this.repo.insert(s);
    this.cache.set(s.token, s);
    return { token: s.token, session: s };
  }

  /** The session of a token, or 401; refreshes the idle timer. */
  authenticate(token: string | undefined): SessionRec {
    if (!token) throw new TokenRequired();
    const now = Date.now();
    let s = this.cache.get(token);
    if (!s) {
      s = this.repo.get(token);
      if (!s) throw new TokenRequired("The session does not exist or has expired; log in again with POST /sessions.");
      this.cache.set(token, s);
    }
    if (now - s.lastUsed > this.idleMs) {
      this.drop(token);
      throw new TokenRequired("The session expired after being idle; log in again with POST /sessions.");
    }
    if (now - s.lastUsed > 1000) this.repo.touch(token, now);
    s.lastUsed = now;
    return s;
  }

  extend(s: SessionRec, body: ExtendBody): SessionRec {
    const types = this.profile.extendTypes;
    if (!types.includes(body.type))
      throw new BadRequest(
        `Extension type '${body.type}' is not supported by API ${this.profile.version}; use one of ${types.join(", ")}.`,
        [body.type],
      );
    const site = this.world.site(body.site);
    if (site.type !== "cloud")
      throw new BadRequest(`Site '${body.site}' is not a cloud site; sessions extend only to cloud sites.`, [
        body.site,
      ]);
    const home = s.authenticatedSites[0] as { site: string; org: string };
    let org: string | undefined;
    switch (body.type) {
      case "credentials": {
        const u = this.world
          .users(body.vcdUsername)
          .find((x) => (x.kind === "vcdTenant" || x.kind === "vcdProvider") && x.password === body.vcdPassword);
        if (!u) throw new InvalidCredentials(body.vcdUsername);
        org = this.orgAt(u, body.site);
        break;
      }
      case "accessToken":
      case "vcdAccessToken":
      case "cookie": {
        const cookie = body.type === "cookie";
        const grants = cookie ? this.world.inventory.vcdCookies : this.world.inventory.vcdAccessTokens;
        const given =
          body.type === "cookie" ? body.cookie : body.type === "accessToken" ? body.accessToken : body.vcdAccessToken;
        const grant = grants?.find((t) => t.token === given);
        const u =
          grant && this.world.users(grant.username).find((x) => x.kind === "vcdTenant" || x.kind === "vcdProvider");
        if (!u)
          throw new NotAuthenticated(
            cookie
              ? "The VMware Cloud Director cookie is not valid."
              : "The VMware Cloud Director access token is not valid.",
          );
        const context = body.type === "cookie" ? undefined : body.context;
        org = context && this.world.hasOrg(body.site, context) ? context : this.orgAt(u, body.site);
        break;
      }
      case "multisite": {
        if (s.kind !== "vcdTenant" && s.kind !== "vcdProvider") {
          throw new BadRequest(
            "Multisite extension needs a session created with VMware Cloud Director credentials or a VCD token.",
          );
        }
        this.world.org(body.site, body.org);
        if (s.kind === "vcdTenant" && this.world.associatedOrg(home.site, home.org, body.site) !== body.org) {
          throw new NotAuthenticated(
            `Organization '${body.org}' at site '${body.site}' is not associated with '${home.org}'.`,
          );
        }
        org = body.org;
        break;
      }
    }
    if (!org)
      throw new NotAuthenticated(`The credentials are not valid for site '${body.site}' (no associated organization).`);
    s.authenticatedSites = [...s.authenticatedSites.filter((x) => x.site !== body.site), { site: body.site, org }];
    this.repo.save(s);
    return s;
  }

  /** Org that user `u` acts as on `site`: its own there, or the multisite-associated one. */
  private orgAt(u: User, site: string): string | undefined {
    const local = this.world.localSite;
    if (u.kind === "vcdProvider")
      return (u.site ?? local) === site || this.world.users(u.username).some((x) => x.site === site)
        ? "System"
        : undefined;
    return this.world.associatedOrg(u.site ?? local, u.org as string, site);
  }

  forgetSite(s: SessionRec, site: string): SessionRec {
    if (!this.world.hasSite(site)) throw new SiteNotFound(site);
    const home = s.authenticatedSites[0];
    s.authenticatedSites = s.authenticatedSites.filter((x, i) => i === 0 || x.site !== site);
    if (home && home.site === site) s.authenticatedSites = [home];
    this.repo.save(s);
    return s;
  }

  logout(token: string): void {
    this.drop(token);
  }

  expireAll(): number {
    this.cache.clear();
    return this.repo.deleteAll();
  }

  private drop(token: string): void {
    this.cache.delete(token);
    this.repo.delete(token);
  }

  /**
   * The site a request runs on (decisions.md #5): default local; a remote cloud site must be in the session.
   * On-prem sites are paired, not logged in to, so they need no extension.
   */
  resolveSite(s: SessionRec, site: string | undefined): string {
    if (!site) return this.world.localSite;
    this.requireSite(s, site);
    return site;
  }

  requireSite(s: SessionRec, site: string): void {
    const def = this.world.site(site);
    if (def.type === "cloud" && !s.authenticatedSites.some((x) => x.site === site))
      throw new RemoteAuthenticationFailure(site);
  }
}
