/**
 * `vcda:DefaultPolicy`: the built-in `default` policy (token `pulumi-nodejs:dynamic/vcda:DefaultPolicy`).
 * Creating it updates the existing policy; destroying it restores the documented defaults (it is never deleted).
 * See `provider/dynamic/default-policy.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import provider from "../dynamic/default-policy";
import type { ConnectionArgs } from "../inputs";
import { secretConnection, withSecretConnection } from "./connection-secret";
import type { PolicyArgs } from "./policy";

export type DefaultPolicyArgs = Omit<PolicyArgs, "displayName" | "adopt">;

export class DefaultPolicy extends pulumi.dynamic.Resource {
  /** Always "Default Policy". */
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
  /** `-1` on the appliance (the default policy covers every org without another policy). */
  declare public readonly orgs: pulumi.Output<number>;
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  constructor(name: string, args: DefaultPolicyArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        connection: secretConnection(args.connection),
        displayName: undefined,
        orgs: undefined,
        // Named so the engine registers them as outputs when the program does not set them.
        allowAdvancedRetentionRules: args.allowAdvancedRetentionRules,
        allowOutgoingOnpremMigrations: args.allowOutgoingOnpremMigrations,
        allowOutgoingOnpremProtections: args.allowOutgoingOnpremProtections,
      },
      withSecretConnection(opts),
      "vcda",
      "DefaultPolicy",
    );
  }
}
