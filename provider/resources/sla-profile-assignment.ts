/**
 * `vcda:SlaProfileAssignment`: gives a local VCD org an SLA profile (token
 * `pulumi-nodejs:dynamic/vcda:SlaProfileAssignment`). Changing either side replaces it; destroying it unassigns.
 * The API creates no SLA profiles (the reference lists only list, assign and unassign): look them up by name with
 * `getSlaProfileOutput`. See `provider/dynamic/sla-profile-assignment.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import provider from "../dynamic/sla-profile-assignment";
import type { ConnectionArgs } from "../inputs";
import { secretConnection, withSecretConnection } from "./connection-secret";

export interface SlaProfileAssignmentArgs {
  /** Short name of a local VCD org. Changing it replaces the assignment. */
  org: pulumi.Input<string>;
  /** The SLA profile's id. Changing it replaces the assignment. */
  slaProfileId: pulumi.Input<string>;
  /** Per-resource connection override; stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

export class SlaProfileAssignment extends pulumi.dynamic.Resource {
  declare public readonly org: pulumi.Output<string>;
  declare public readonly slaProfileId: pulumi.Output<string>;
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  constructor(name: string, args: SlaProfileAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, connection: secretConnection(args.connection) },
      withSecretConnection(opts),
      "vcda",
      "SlaProfileAssignment",
    );
  }
}
