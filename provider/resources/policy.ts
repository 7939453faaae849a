/**
 * `vcda:Policy`: a VCDA replication policy (token `pulumi-nodejs:dynamic/vcda:Policy`).
 * Every setting updates in place; only moving to another appliance (`connection.endpoint`) replaces.
 * See `provider/dynamic/policy.ts` for the API calls of each step.
 */
import * as pulumi from "@pulumi/pulumi";
import provider from "../dynamic/policy";
import type { ConnectionArgs } from "../inputs";
import { secretConnection, withSecretConnection } from "./connection-secret";

export interface PolicyArgs {
  /** Unique, case-sensitive name. Changing it renames the policy in place. */
  displayName: pulumi.Input<string>;
  /** Minimum RPO in minutes replications into orgs with this policy may use (1-1440). Default 15. */
  minRpo?: pulumi.Input<number>;
  /** Maximum rotated instances per VM replication (1-24). Default 24. */
  maxInstances?: pulumi.Input<number>;
  /** Maximum stored (pinned) instances per VM replication (0-24). Default 0. */
  maxPinnedInstances?: pulumi.Input<number>;
  /** Incoming replications per org: negative = unlimited, 0 = none, >0 = limit. Default 0. */
  maxIncoming?: pulumi.Input<number>;
  /** Default false. */
  allowIncomingProtections?: pulumi.Input<boolean>;
  /** Default false. */
  allowOutgoingProtections?: pulumi.Input<boolean>;
  /** Default true. */
  allowIncomingMigrations?: pulumi.Input<boolean>;
  /** Default true. */
  allowOutgoingMigrations?: pulumi.Input<boolean>;
  /** Mbit/s cap on on-premises → org traffic; 0 = no cap. Default 0. */
  onpremDataCap?: pulumi.Input<number>;
  /** Default true. */
  allowCustomSlaSettings?: pulumi.Input<boolean>;
  /** Default true. */
  allowNotificationConfiguration?: pulumi.Input<boolean>;
  /**
   * Whether orgs may use advanced (several) retention rules. API 4.5+; unset leaves the appliance's value alone.
   * On an older appliance, setting it fails in check, naming the version.
   */
  allowAdvancedRetentionRules?: pulumi.Input<boolean>;
  /** Whether orgs may migrate to on-premises sites. API 4.5+; unset leaves the appliance's value alone. */
  allowOutgoingOnpremMigrations?: pulumi.Input<boolean>;
  /** Whether orgs may protect to on-premises sites. API 4.7+; unset leaves the appliance's value alone. */
  allowOutgoingOnpremProtections?: pulumi.Input<boolean>;
  /** Take over an existing policy with the same displayName instead of failing (there is no `pulumi import`). */
  adopt?: pulumi.Input<boolean>;
  /** Per-resource connection override; stored encrypted. */
  connection?: pulumi.Input<ConnectionArgs>;
}

export class Policy extends pulumi.dynamic.Resource {
  declare public readonly displayName: pulumi.Output<string>;
  declare public readonly minRpo: pulumi.Output<number>;
  declare public readonly maxInstances: pulumi.Output<number>;
  declare public readonly maxPinnedInstances: pulumi.Output<number>;
  declare public readonly maxIncoming: pulumi.Output<number>;
  declare public readonly allowIncomingProtections: pulumi.Output<boolean>;
  declare public readonly allowOutgoingProtections: pulumi.Output<boolean>;
  declare public readonly allowIncomingMigrations: pulumi.Output<boolean>;
  declare public readonly allowOutgoingMigrations: pulumi.Output<boolean>;
  declare public readonly onpremDataCap: pulumi.Output<number>;
  declare public readonly allowCustomSlaSettings: pulumi.Output<boolean>;
  declare public readonly allowNotificationConfiguration: pulumi.Output<boolean>;
  /** As the appliance holds it (API 4.5+); absent on older appliances. */
  declare public readonly allowAdvancedRetentionRules: pulumi.Output<boolean | undefined>;
  /** As the appliance holds it (API 4.5+); absent on older appliances. */
  declare public readonly allowOutgoingOnpremMigrations: pulumi.Output<boolean | undefined>;
  /** As the appliance holds it (API 4.7+); absent on older appliances. */
  declare public readonly allowOutgoingOnpremProtections: pulumi.Output<boolean | undefined>;
  /** Number of orgs assigned this policy. */
  declare public readonly orgs: pulumi.Output<number>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  constructor(name: string, args: PolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        connection: secretConnection(args.connection),
        orgs: undefined,
        // Named so the engine registers them as outputs when the program does not set them.
        allowAdvancedRetentionRules: args.allowAdvancedRetentionRules,
        allowOutgoingOnpremMigrations: args.allowOutgoingOnpremMigrations,
        allowOutgoingOnpremProtections: args.allowOutgoingOnpremProtections,
      },
      withSecretConnection(opts),
      "vcda",
      "Policy",
    );
  }
}
