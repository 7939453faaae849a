import { DEFAULT_POLICY, POLICY, POLICY_ASSIGNMENT, VAPP_REPLICATION, VM_REPLICATION } from "../tokens";
import type { StackResourceInput } from "./util";

/** A provider closure as the engine passes it; policies must ignore it. */
const provider = "exports.handler = __f0; function __f0() { /* serialized provider */ }";

/** Happy-path replication inputs: org1 → org2, 30 min RPO, 12 instances. */
export function replicationProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: provider,
    source: { type: "vcloud", site: "site1", vmId: "vm-1", org: "org1" },
    destination: { type: "vcloud", site: "site2", vdc: "vdc-2", org: "org2" },
    rpo: 30,
    dataConnectionType: "ENCRYPTED_COMPRESSED",
    quiesced: true,
    retentionPolicy: {
      rules: [
        { numberOfInstances: 6, distance: 60 },
        { numberOfInstances: 6, distance: 1440 },
      ],
    },
    isMigration: false,
    ...overrides,
  };
}

export function replication(overrides: Record<string, unknown> = {}, name = "web-01") {
  return { type: VM_REPLICATION, name, props: replicationProps(overrides) };
}

/**
 * A VappReplication with the same settings: org1's vApp "vapp-crm" → org2. Stack policies see outputs, so pass
 * `vmCount` to model a created one; leave it out for the preview of a new one (the output is not known yet).
 */
export function vappReplication(overrides: Record<string, unknown> = {}, name = "crm") {
  const props = replicationProps({
    source: { type: "vcloud", site: "site1", vappId: "vapp-crm", org: "org1" },
    ...overrides,
  });
  return { type: VAPP_REPLICATION, name, props };
}

/** Happy-path policy inputs ("gold"). */
export function policyProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: provider,
    displayName: "Gold",
    minRpo: 15,
    maxInstances: 24,
    maxPinnedInstances: 5,
    maxIncoming: 10,
    allowIncomingProtections: true,
    allowOutgoingProtections: true,
    allowIncomingMigrations: true,
    allowOutgoingMigrations: true,
    onpremDataCap: 0,
    allowCustomSlaSettings: true,
    allowNotificationConfiguration: true,
    ...overrides,
  };
}

export function policy(overrides: Record<string, unknown> = {}, name = "gold") {
  return { type: POLICY, name, props: policyProps(overrides) };
}

export function defaultPolicy(overrides: Record<string, unknown> = {}) {
  return {
    type: DEFAULT_POLICY,
    name: "default-policy",
    props: policyProps({ displayName: "Default Policy", ...overrides }),
  };
}

/**
 * An assignment created in the same stack as its policy: during preview policyId is unknown, and the
 * resource class registers the Policy's URN as a dependency of policyId.
 */
export function assignment(org: string, policyName: string, policyId: string): StackResourceInput {
  return {
    type: POLICY_ASSIGNMENT,
    name: `assign-${org}`,
    props: { __provider: provider, policyId, org },
    dependsOn: [policyName],
    propertyDependencies: { policyId: [policyName] },
  };
}

/** A stack where org1 and org2 both have the "gold" policy, plus the given replications. */
export function stack(
  replications: StackResourceInput[],
  policyOverrides: Record<string, unknown> = {},
  policyId: string,
): StackResourceInput[] {
  return [
    policy(policyOverrides),
    assignment("org1", "gold", policyId),
    assignment("org2", "gold", policyId),
    ...replications,
  ];
}
