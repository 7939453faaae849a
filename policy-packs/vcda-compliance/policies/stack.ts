import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { DEFAULT_POLICY, isReplication, POLICY_ASSIGNMENT, POLICY_TYPES } from "../tokens";
import type { CommonArgs, Props } from "./common";
import { at, isUnknown, type Snapshot, show, snapshot } from "./view";

/** Policy settings for orgs whose policy is managed outside this stack (pack config `orgPolicies`). */
export interface OrgPolicySettings {
  minRpo?: number;
  maxInstances?: number;
  maxPinnedInstances?: number;
  maxIncoming?: number;
  allowIncomingProtections?: boolean;
  allowOutgoingProtections?: boolean;
  allowIncomingMigrations?: boolean;
  allowOutgoingMigrations?: boolean;
  allowCustomSlaSettings?: boolean;
  /** API 4.5+: outgoing migrations to on-premises sites. */
  allowOutgoingOnpremMigrations?: boolean;
  /** API 4.7+: outgoing protections to on-premises sites. */
  allowOutgoingOnpremProtections?: boolean;
  /** Incoming replications that already exist outside this stack; counted against maxIncoming. */
  existingIncoming?: number;
}
export type OrgPolicies = Record<string, OrgPolicySettings>;

export const orgPoliciesSchema: PolicyConfigJSONSchema = {
  type: "object",
  default: {},
  description:
    "Policies of orgs not assigned in this stack: { <org>: { minRpo, maxInstances, maxIncoming, allowIncomingProtections, ..., existingIncoming } }.",
  additionalProperties: {
    type: "object",
    properties: {
      minRpo: { type: "number" },
      maxInstances: { type: "number" },
      maxPinnedInstances: { type: "number" },
      maxIncoming: { type: "number" },
      allowIncomingProtections: { type: "boolean" },
      allowOutgoingProtections: { type: "boolean" },
      allowIncomingMigrations: { type: "boolean" },
      allowOutgoingMigrations: { type: "boolean" },
      allowCustomSlaSettings: { type: "boolean" },
      allowOutgoingOnpremMigrations: { type: "boolean" },
      allowOutgoingOnpremProtections: { type: "boolean" },
      existingIncoming: { type: "number" },
    },
  },
};

/** Settings of a policy that needs only the org → policy map (its config is `orgPolicies`). */
export interface OrgPolicyArgs extends CommonArgs {
  orgPolicies?: OrgPolicies;
}

/** The config schema properties of an {@link OrgPolicyArgs} policy. */
export const orgPolicyProps: Props = { orgPolicies: orgPoliciesSchema };

/** One resource of the stack, as plain data. */
export interface Item {
  type: string;
  urn: string;
  name: string;
  props: Snapshot;
}

/** The policy that applies to an org, or why it is not known. */
export type Resolved = { ok: true; policy: Snapshot; source: string } | { ok: false; reason: string };

export interface StackView {
  /** VmReplication and VappReplication resources. */
  replications: Item[];
  policyFor(org: string): Resolved;
}

function item(r: PolicyResource): Item {
  return { type: r.type, urn: r.urn, name: r.name, props: snapshot(r.props) };
}

/**
 * Builds the org → policy map from the PolicyAssignment, Policy and DefaultPolicy resources of the stack,
 * then from pack config for other orgs. An assignment's `policyId` is matched by value when known, else
 * through `propertyDependencies.policyId` (the Policy's URN), else through a single Policy dependency.
 */
export function stackView(args: StackValidationArgs, orgPolicies: OrgPolicies): StackView {
  const items = new Map<string, Item>();
  for (const r of args.resources) items.set(r.urn, item(r));
  const all = [...items.values()];
  const policies = all.filter((i) => POLICY_TYPES.includes(i.type));
  const replications = all.filter((i) => isReplication(i.type));

  const label = (p: Item) => `${p.type === DEFAULT_POLICY ? "DefaultPolicy" : "Policy"} "${p.name}" (this stack)`;
  const byOrg = new Map<string, Resolved[]>();
  const unknownOrgAssignments: string[] = [];

  for (const r of args.resources) {
    if (r.type !== POLICY_ASSIGNMENT) continue;
    const a = items.get(r.urn) as Item;
    const org = a.props.org;
    if (isUnknown(org) || typeof org !== "string") {
      unknownOrgAssignments.push(a.name);
      continue;
    }
    const resolved = resolveAssignment(a, r, policies, label);
    byOrg.set(org, [...(byOrg.get(org) ?? []), resolved]);
  }

  return {
    replications,
    policyFor(org: string): Resolved {
      const found = byOrg.get(org);
      if (found && found.length > 1) {
        return {
          ok: false,
          reason: `org "${org}" has ${found.length} PolicyAssignments in this stack; the last write wins, so its policy is ambiguous`,
        };
      }
      const inStack = found?.[0];
      if (inStack?.ok) return inStack;
      const configured = orgPolicies[org];
      if (configured) return { ok: true, policy: { ...configured }, source: `pack config orgPolicies["${org}"]` };
      if (inStack) return inStack;
      const extra = unknownOrgAssignments.length
        ? ` (assignments with an org unknown during preview: ${unknownOrgAssignments.join(", ")})`
        : "";
      return {
        ok: false,
        reason: `no policy is known for org "${org}": add a PolicyAssignment to this stack or set orgPolicies["${org}"] in the pack config${extra}`,
      };
    },
  };
}

function resolveAssignment(a: Item, r: PolicyResource, policies: Item[], label: (p: Item) => string): Resolved {
  const policyId = a.props.policyId;
  if (typeof policyId === "string") {
    if (policyId === "default") {
      const d = policies.find((p) => p.type === DEFAULT_POLICY);
      if (d) return { ok: true, policy: d.props, source: label(d) };
    }
    const byId = policies.find((p) => p.props.id === policyId || p.props.policyId === policyId);
    if (byId) return { ok: true, policy: byId.props, source: label(byId) };
  }
  const viaProperty = (r.propertyDependencies?.policyId ?? []).filter((d) => POLICY_TYPES.includes(d.type));
  const viaDeps = (r.dependencies ?? []).filter((d) => POLICY_TYPES.includes(d.type));
  const candidates = viaProperty.length > 0 ? viaProperty : viaDeps;
  if (candidates.length === 1) {
    const p = policies.find((i) => i.urn === candidates[0]?.urn);
    if (p) return { ok: true, policy: p.props, source: label(p) };
  }
  const why =
    candidates.length > 1
      ? `depends on ${candidates.length} policies (${candidates.map((c) => c.name).join(", ")})`
      : `its policyId ${show(policyId)} matches no Policy of this stack`;
  return { ok: false, reason: `PolicyAssignment "${a.name}" ${why}` };
}

/** The destination org of a replication, or why the org-dependent checks cannot run. */
export function destinationOrg(rep: Item): { org: string } | { skip: true } | { missing: string } {
  const type = at(rep.props, "destination.type");
  if (type === "vcenter") return { skip: true }; // on-prem destination: no VCD org policy applies
  const org = at(rep.props, "destination.org");
  if (typeof org === "string" && org !== "") return { org };
  if (isUnknown(org)) return { missing: "destination.org is unknown during preview" };
  return { missing: "destination.org is not set, so the destination org's policy is not known" };
}

/** The source org (cloud sources only). */
export function sourceOrg(rep: Item): { org: string } | { skip: true } | { missing: string } {
  const type = at(rep.props, "source.type");
  if (type === "vcenter") return { skip: true }; // on-prem source: outgoing on-prem flags are not modelled
  const org = at(rep.props, "source.org");
  if (typeof org === "string" && org !== "") return { org };
  if (isUnknown(org)) return { missing: "source.org is unknown during preview" };
  return { missing: "source.org is not set, so the source org's policy is not known" };
}
