/**
 * One class per API error code. The HTTP status of each code lives in http/error-mapper.ts.
 * `msg` is a sentence a person can act on; `args` carries the values (decisions.md #2).
 */
export class ModelError extends Error {
  /** Extra response headers (e.g. WWW-Authenticate on a 401). */
  headers?: Record<string, string>;
  constructor(
    readonly code: string,
    message: string,
    readonly args: unknown[] = [],
  ) {
    super(message);
    this.name = code;
  }
}

// 400 (the reference's code for malformed or invalid input)
export class BadRequest extends ModelError {
  constructor(msg: string, args: unknown[] = []) {
    super("BadRequest", msg, args);
  }
}
export class DuplicatePolicyName extends ModelError {
  constructor(name: string) {
    super("DuplicatePolicyName", `A policy named '${name}' already exists.`, [name]);
  }
}
export class PolicyInUse extends ModelError {
  constructor(id: string, orgs: number) {
    super("PolicyInUse", `Policy '${id}' is assigned to ${orgs} organization(s); assign them another policy first.`, [
      id,
      orgs,
    ]);
  }
}
export class DefaultPolicyImmutable extends ModelError {
  constructor() {
    super("DefaultPolicyImmutable", "The default policy cannot be deleted.", ["default"]);
  }
}
export class RpoBelowPolicyMinimum extends ModelError {
  constructor(rpo: number, minRpo: number, policyId: string) {
    super("RpoBelowPolicyMinimum", `RPO ${rpo} is below the minimum RPO ${minRpo} of policy '${policyId}'.`, [
      rpo,
      minRpo,
      policyId,
    ]);
  }
}
export class TooManyInstances extends ModelError {
  constructor(count: number, max: number, policyId: string) {
    super(
      "TooManyInstances",
      `The retention policy keeps ${count} instances; policy '${policyId}' allows at most ${max}.`,
      [count, max, policyId],
    );
  }
}
export class IncomingQuotaExceeded extends ModelError {
  constructor(org: string, max: number, policyId: string, incoming = max, count = 1) {
    super(
      "IncomingQuotaExceeded",
      max === 0
        ? `Organization '${org}' cannot be a replication destination: policy '${policyId}' allows 0 incoming replications.`
        : count > 1
          ? `Organization '${org}' has ${incoming} incoming replications; ${count} more would exceed the maximum of ${max} allowed by policy '${policyId}'.`
          : `Organization '${org}' already has the maximum of ${max} incoming replications allowed by policy '${policyId}'.`,
      [org, max, policyId],
    );
  }
}
type Direction = "incoming" | "outgoing" | "outgoing on-premises";
export class ProtectionsNotAllowed extends ModelError {
  constructor(org: string, direction: Direction, policyId: string) {
    super(
      "ProtectionsNotAllowed",
      `Policy '${policyId}' of organization '${org}' does not allow ${direction} protections.`,
      [org, direction, policyId],
    );
  }
}
export class MigrationsNotAllowed extends ModelError {
  constructor(org: string, direction: Direction, policyId: string) {
    super(
      "MigrationsNotAllowed",
      `Policy '${policyId}' of organization '${org}' does not allow ${direction} migrations.`,
      [org, direction, policyId],
    );
  }
}
export class CustomSlaNotAllowed extends ModelError {
  constructor(org: string, policyId: string) {
    super(
      "CustomSlaNotAllowed",
      `Policy '${policyId}' of organization '${org}' allows only SLA profiles, not custom replication settings.`,
      [org, policyId],
    );
  }
}
export class AdvancedRetentionNotAllowed extends ModelError {
  constructor(org: string, rules: number, policyId: string) {
    super(
      "AdvancedRetentionNotAllowed",
      `Policy '${policyId}' of organization '${org}' allows one retention rule, not ${rules} (allowAdvancedRetentionRules is off).`,
      [org, rules, policyId],
    );
  }
}
export class VmAlreadyReplicated extends ModelError {
  constructor(vmId: string, replicationId: string) {
    super("VmAlreadyReplicated", `VM '${vmId}' is already replicated by '${replicationId}'.`, [vmId, replicationId]);
  }
}
export class InvalidReplicationState extends ModelError {
  constructor(id: string, why: string) {
    super("InvalidReplicationState", `Replication '${id}' ${why}.`, [id]);
  }
}
export class ReplicationPaused extends ModelError {
  constructor(id: string, action: string) {
    super("ReplicationPaused", `Replication '${id}' is paused; resume it before ${action}.`, [id, action]);
  }
}
export class NoInstanceAvailable extends ModelError {
  constructor(id: string) {
    super("NoInstanceAvailable", `Replication '${id}' has no instance yet; wait for the initial sync to finish.`, [id]);
  }
}
export class SeedMismatch extends ModelError {
  constructor(seedId: string, why: string) {
    super("SeedMismatch", `Seed VM '${seedId}' cannot be used: ${why}.`, [seedId]);
  }
}

// 401 / 403
export class NotAuthenticated extends ModelError {
  constructor(msg = "Authentication required: send a valid X-VCAV-Auth header from POST /sessions.") {
    super("NotAuthenticated", msg);
  }
}
/** A missing, unknown or expired token: the header is what VMware's PowerCLI module reads as session expiry. */
export class TokenRequired extends NotAuthenticated {
  constructor(msg?: string) {
    super(msg);
    this.headers = { "WWW-Authenticate": "Authentication Token Required" };
  }
}
export class InvalidCredentials extends ModelError {
  constructor(user: string) {
    super("NotAuthenticated", `Invalid credentials for user '${user}'.`, [user]);
  }
}
export class RemoteAuthenticationFailure extends ModelError {
  constructor(site: string) {
    super(
      "RemoteAuthenticationFailure",
      `The session is not authenticated to site '${site}'; extend it with POST /sessions/extend.`,
      [site],
    );
  }
}
export class Forbidden extends ModelError {
  constructor() {
    super("Forbidden", "Permission denied.");
  }
}

// 404
const notFound = (code: string, what: string) =>
  class extends ModelError {
    constructor(id: string) {
      super(code, `${what} with id '${id}' was not found.`, [id]);
    }
  };
export class PolicyNotFound extends notFound("PolicyNotFound", "Policy") {}
export class VmReplicationNotFound extends notFound("VmReplicationNotFound", "VM replication") {}
export class VappReplicationNotFound extends notFound("VappReplicationNotFound", "vApp replication") {}
export class VappNotFound extends notFound("VappNotFound", "vApp") {}
export class TaskNotFound extends notFound("TaskNotFound", "Task") {}
export class OrgNotFound extends notFound("OrgNotFound", "Organization") {}
export class VmNotFound extends notFound("VmNotFound", "VM") {}
export class VdcNotFound extends notFound("VdcNotFound", "Virtual data center") {}
export class SiteNotFound extends notFound("SiteNotFound", "Site") {}
export class InstanceNotFound extends notFound("InstanceNotFound", "Replication instance") {}
export class StorageProfileNotFound extends notFound("StorageProfileNotFound", "Storage profile") {}
export class SlaProfileNotFound extends notFound("SlaProfileNotFound", "SLA profile") {}
export class VcenterNotFound extends notFound("VcenterNotFound", "vCenter") {}
export class BundleNotFound extends notFound("BundleNotFound", "Support bundle") {}

// transport-level codes raised by the HTTP layer
export class RouteNotFound extends ModelError {
  constructor(path: string) {
    super("NotFound", `No API resource at '${path}'.`, [path]);
  }
}
export class MethodNotAllowed extends ModelError {
  constructor(method: string, path: string) {
    super("MethodNotAllowed", `Method ${method} is not supported on '${path}'.`, [method, path]);
  }
}
export class NotAcceptable extends ModelError {
  constructor(accept: string, version: string) {
    super(
      "NotAcceptable",
      `This server speaks API ${version}: send application/json or application/vnd.vmware.h4-vX+json with X up to ${version}; Accept was '${accept}'.`,
      [accept, version],
    );
  }
}
export class PayloadTooLarge extends ModelError {
  constructor(limit: number) {
    super("PayloadTooLarge", `The request body is larger than ${limit} bytes.`, [limit]);
  }
}
export class NotImplemented extends ModelError {
  constructor(what: string) {
    super("NotImplemented", `${what} is not implemented by the emulator.`, [what]);
  }
}
export class InjectedFault extends ModelError {
  constructor(status: number) {
    super(
      status === 429 ? "TooManyRequests" : "GeneralServerFailure",
      status === 429 ? "Too many requests; retry later." : "Operation aborted due to an unexpected error.",
      [],
    );
  }
}
