/**
 * What the replication resources (VmReplication, VappReplication) have in common: the shared inputs as applied,
 * the shared server state, and how their constructor registers outputs and keeps `connection` secret.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs, CutoverInputs, RetentionRule } from "../inputs";
import type { ReplicationLimits } from "../limits";
import type { CutoverResult } from "../replication/cutover";
import { propsWithOutputs, withSecretConnection } from "./connection-secret";

/** `T` with a `pulumi.Input` allowed at every level. */
export type DeepInput<T> = T extends readonly (infer U)[]
  ? pulumi.Input<DeepInput<U>[]>
  : T extends object
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;

export abstract class ReplicationResource extends pulumi.dynamic.Resource {
  // Inputs, as applied.
  declare public readonly site: pulumi.Output<string | undefined>;
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly rpo: pulumi.Output<number | undefined>;
  declare public readonly dataConnectionType: pulumi.Output<string | undefined>;
  declare public readonly quiesced: pulumi.Output<boolean | undefined>;
  declare public readonly retentionPolicy: pulumi.Output<{ rules: RetentionRule[] } | undefined>;
  declare public readonly targetDiskType: pulumi.Output<string | undefined>;
  declare public readonly initialSyncTime: pulumi.Output<number | undefined>;
  declare public readonly isMigration: pulumi.Output<boolean | undefined>;
  declare public readonly slaProfileId: pulumi.Output<string | undefined>;
  declare public readonly paused: pulumi.Output<boolean | undefined>;
  declare public readonly cutover: pulumi.Output<CutoverInputs | undefined>;
  declare public readonly timeoutSeconds: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;
  declare public readonly limits: pulumi.Output<Partial<ReplicationLimits> | undefined>;
  /** Kept (as a secret) so refresh and destroy can log in. */
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  // Server state.
  /** The replication's id (also the resource id): `C4-<uuid>` for a VM, `C4VAPP-<uuid>` for a vApp. */
  declare public readonly replicationId: pulumi.Output<string>;
  declare public readonly isPaused: pulumi.Output<boolean | null>;
  declare public readonly overallHealth: pulumi.Output<string | null>;
  /** `NOT_STARTED`, `IN_PROGRESS`, `TEST` or `COMPLETE` (failed over or migrated). */
  declare public readonly recoveryState: pulumi.Output<string | null>;
  /** True after an odd number of reverses. */
  declare public readonly isReversed: pulumi.Output<boolean | null>;
  /** The outcome of the cutover (migrate task, duration, recovered ids), once it ran; absent before. */
  declare public readonly cutoverResult: pulumi.Output<CutoverResult | undefined>;

  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    type: string,
    name: string,
    args: Record<string, unknown>,
    outputKeys: readonly string[],
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      provider,
      name,
      propsWithOutputs(args, [...outputKeys, "cutoverResult"]),
      withSecretConnection(opts),
      "vcda",
      type,
    );
  }
}
