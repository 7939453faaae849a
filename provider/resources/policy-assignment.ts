/**
 * `vcda:PolicyAssignment`: gives a local VCD org a policy (token `pulumi-nodejs:dynamic/vcda:PolicyAssignment`).
 * Changing `org` replaces; changing `policyId` updates in place; destroying reassigns the org to `default`.
 * See `provider/dynamic/policy-assignment.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import provider from "../dynamic/policy-assignment";
import type { ConnectionArgs } from "../inputs";
import { secretConnection, withSecretConnection } from "./connection-secret";

export interface PolicyAssignmentArgs {
  /** `default` or a Policy's id (e.g. `policy.id`). Changing it updates in place. */
  policyId: pulumi.Input<string>;
  /** Short name of a local VCD org. Changing it replaces the assignment. */
  org: pulumi.Input<string>;
  /** Per-resource connection override; stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

export class PolicyAssignment extends pulumi.dynamic.Resource {
  declare public readonly policyId: pulumi.Output<string>;
  declare public readonly org: pulumi.Output<string>;
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  constructor(name: string, args: PolicyAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, connection: secretConnection(args.connection) },
      withSecretConnection(opts),
      "vcda",
      "PolicyAssignment",
    );
  }
}
