/**
 * The contracts of Policy, DefaultPolicy and PolicyAssignment for the schema, checked against inputs.ts. Their
 * providers are provider/dynamic/policy.ts, default-policy.ts and policy-assignment.ts.
 */
import type {
  ConnectionArgs,
  DefaultPolicyInputs,
  PolicyAssignmentInputs,
  PolicyInputs,
  PolicySettings,
} from "../inputs";
import { CONNECTION } from "./connection";
import { type ObjectProp, resourceContract, type Table } from "./types";

/** The `connection` input every resource has. */
export const connection: ObjectProp<ConnectionArgs> & { required?: false } = {
  type: "object",
  object: CONNECTION,
  description:
    "Per-resource connection override (for stacks that manage several appliances); stored encrypted. Changing its `endpoint` replaces the resource.",
  secret: true,
};

/** The settings other than displayName, which DefaultPolicy shares. */
const SETTINGS: Table<Omit<PolicySettings, "displayName">> = {
  minRpo: {
    type: "integer",
    description: "Minimum RPO in minutes that replications into orgs with this policy may use (1-1440). Default 15.",
  },
  maxInstances: { type: "integer", description: "Maximum rotated instances per VM replication (1-24). Default 24." },
  maxPinnedInstances: {
    type: "integer",
    description: "Maximum stored (pinned) instances per VM replication (0-24). Default 0.",
  },
  maxIncoming: {
    type: "integer",
    description: "Incoming replications per org: negative = unlimited, 0 = none, >0 = limit. Default 0.",
  },
  allowIncomingProtections: {
    type: "boolean",
    description: "Whether orgs may be protection destinations. Default false.",
  },
  allowOutgoingProtections: { type: "boolean", description: "Whether orgs may protect their VMs. Default false." },
  allowIncomingMigrations: {
    type: "boolean",
    description: "Whether orgs may be migration destinations. Default true.",
  },
  allowOutgoingMigrations: { type: "boolean", description: "Whether orgs may migrate their VMs. Default true." },
  onpremDataCap: { type: "integer", description: "Mbit/s cap on on-premises → org traffic; 0 = no cap. Default 0." },
  allowCustomSlaSettings: {
    type: "boolean",
    description: "Whether orgs may set custom replication settings instead of SLA profiles. Default true.",
  },
  allowNotificationConfiguration: {
    type: "boolean",
    description: "Whether orgs may configure notifications. Default true.",
  },
  allowAdvancedRetentionRules: {
    type: "boolean",
    description:
      "Whether orgs may use advanced (several) retention rules. API 4.5+; unset leaves the appliance's value alone.",
  },
  allowOutgoingOnpremMigrations: {
    type: "boolean",
    description: "Whether orgs may migrate to on-premises sites. API 4.5+; unset leaves the appliance's value alone.",
  },
  allowOutgoingOnpremProtections: {
    type: "boolean",
    description: "Whether orgs may protect to on-premises sites. API 4.7+; unset leaves the appliance's value alone.",
  },
};

/** Settings that every policy's outputs hold (check fills the documented defaults). */
const ALWAYS = [
  "minRpo",
  "maxInstances",
  "maxPinnedInstances",
  "maxIncoming",
  "allowIncomingProtections",
  "allowOutgoingProtections",
  "allowIncomingMigrations",
  "allowOutgoingMigrations",
  "onpremDataCap",
  "allowCustomSlaSettings",
  "allowNotificationConfiguration",
] as const;

const orgs = { type: "integer", description: "Number of orgs assigned this policy." } as const;

export const POLICY = resourceContract<PolicyInputs, { orgs?: number }>({
  name: "Policy",
  description:
    "A VCDA replication policy. Every setting updates in place (a read-modify-write: fields the stack does not manage stay as they are); only moving to another appliance (`connection.endpoint`) replaces it. Import by policy id (UUID).",
  inputs: {
    displayName: {
      type: "string",
      description: "Unique, case-sensitive name. Changing it renames the policy in place.",
      required: true,
    },
    ...SETTINGS,
    adopt: {
      type: "boolean",
      description: "Take over an existing policy with the same displayName instead of failing on the duplicate.",
    },
    connection,
  },
  outputs: { orgs },
  alwaysOutput: ["displayName", ...ALWAYS],
});

export const DEFAULT_POLICY = resourceContract<DefaultPolicyInputs, { displayName?: string; orgs?: number }>({
  name: "DefaultPolicy",
  description:
    "The built-in policy `default`, which every org without another policy has. Creating it updates the existing policy; destroying it restores the documented default values. Import with the id `default`.",
  inputs: { ...SETTINGS, connection },
  outputs: { displayName: { type: "string", description: 'Always "Default Policy".' }, orgs },
  alwaysOutput: [...ALWAYS],
});

export const POLICY_ASSIGNMENT = resourceContract<PolicyAssignmentInputs, Record<never, never>>({
  name: "PolicyAssignment",
  description:
    "Which policy a local VCD org has. Changing `org` replaces; changing `policyId` updates in place; destroying gives the org the `default` policy again. Import by org name.",
  inputs: {
    policyId: {
      type: "string",
      description: "`default` or a Policy's id (e.g. `policy.id`). Changing it updates in place.",
      required: true,
    },
    org: {
      type: "string",
      description: "Short name of a local VCD org. Changing it replaces the assignment.",
      required: true,
    },
    connection,
  },
  outputs: {},
  alwaysOutput: ["policyId", "org"],
});
