/**
 * `vcda.VmReplication`: a protection or migration of one VM by VMware Cloud Director Availability, in any of the six
 * create variants (cloud → cloud, cloud → cloud with a seed VM, on-premises → cloud, on-premises → cloud with a seed,
 * cloud → on-premises, cloud → on-premises with a seed). Type token `pulumi-nodejs:dynamic/vcda:VmReplication`.
 *
 * - **Update in place**: description, rpo, dataConnectionType, quiesced, retentionPolicy, slaProfileId (PATCH),
 *   excludedDisks (PATCH .../disks), paused (pause/resume).
 * - **Replace** (the old replication is deleted first): site, source, destination (including seeds), targetDiskType,
 *   isMigration.
 * - **Deleting removes the replica disks** on the destination (and every instance kept there). A workload that was
 *   failed over or migrated keeps running; only the replication and its disks go.
 * - A failover, migration or reverse done outside the stack shows in `recoveryState` and `isReversed` after
 *   `pulumi refresh`; it never triggers a replacement by itself.
 * - `pulumi import` cannot work for dynamic resources: set `adopt: true` to take over the existing replication of
 *   the same source VM instead.
 * - Dynamic providers never receive `customTimeouts`: `timeoutSeconds` (default 1800) bounds each VCDA task.
 * - Settings the program leaves out are not managed: the server's defaults (ENCRYPTED_COMPRESSED, quiesced, THIN) or
 *   the SLA profile's values apply and cause no diff. `slaProfileId` and custom settings are mutually exclusive.
 */
import * as pulumi from "@pulumi/pulumi";

import provider = require("../dynamic/vm-replication");

import type {
  CloudDestination,
  CloudVmSource,
  ConnectionArgs,
  RetentionRule,
  VcenterDestination,
  VcenterVmSource,
} from "../inputs";
import type { ReplicationLimits } from "../limits";
import { keysOf } from "../properties/types";
import { VM_REPLICATION } from "../properties/vm-replication";
import type { DestinationDetails, ServerSettings, SourceDetails, VmReplicationArgs } from "../replication/mapping";

/** `T` with a `pulumi.Input` allowed at every level. */
export type DeepInput<T> = T extends readonly (infer U)[]
  ? pulumi.Input<DeepInput<U>[]>
  : T extends object
    ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
    : pulumi.Input<T>;

/** Arguments of {@link VmReplication}; see `VmReplicationInputs` in `./inputs` for each field. */
export type VmReplicationResourceArgs = { [K in keyof VmReplicationArgs]: DeepInput<VmReplicationArgs[K]> };

/**
 * Output keys computed by the provider (set to `undefined` in the constructor so Pulumi registers them): the
 * contract's, which the plugin's schema lists too.
 */
const OUTPUT_KEYS = keysOf(VM_REPLICATION.outputs);

export class VmReplication extends pulumi.dynamic.Resource {
  // Inputs, as applied.
  declare public readonly site: pulumi.Output<string | undefined>;
  declare public readonly source: pulumi.Output<CloudVmSource | VcenterVmSource>;
  declare public readonly destination: pulumi.Output<CloudDestination | VcenterDestination>;
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly rpo: pulumi.Output<number | undefined>;
  declare public readonly dataConnectionType: pulumi.Output<string | undefined>;
  declare public readonly quiesced: pulumi.Output<boolean | undefined>;
  declare public readonly retentionPolicy: pulumi.Output<{ rules: RetentionRule[] } | undefined>;
  declare public readonly targetDiskType: pulumi.Output<string | undefined>;
  declare public readonly initialSyncTime: pulumi.Output<number | undefined>;
  declare public readonly isMigration: pulumi.Output<boolean | undefined>;
  declare public readonly slaProfileId: pulumi.Output<string | undefined>;
  declare public readonly excludedDisks: pulumi.Output<number[] | undefined>;
  declare public readonly paused: pulumi.Output<boolean | undefined>;
  declare public readonly timeoutSeconds: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;
  declare public readonly limits: pulumi.Output<Partial<ReplicationLimits> | undefined>;
  /** Kept (as a secret) so refresh and destroy can log in. */
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  // Server state.
  /** Replication id, `C4-<uuid>` (also the resource id). */
  declare public readonly replicationId: pulumi.Output<string>;
  /** VM id as the appliance reports it. */
  declare public readonly vmId: pulumi.Output<string | null>;
  declare public readonly vmName: pulumi.Output<string | null>;
  /** Owning user, e.g. `org1@site1`. */
  declare public readonly owner: pulumi.Output<string | null>;
  declare public readonly sourceDetails: pulumi.Output<SourceDetails>;
  declare public readonly destinationDetails: pulumi.Output<DestinationDetails>;
  declare public readonly storageProfile: pulumi.Output<string | null>;
  declare public readonly storageProfileName: pulumi.Output<string | null>;
  /** Settings as the appliance holds them (including SLA-profile and default values). */
  declare public readonly settings: pulumi.Output<ServerSettings>;
  declare public readonly slaProfile: pulumi.Output<{ id: string | null; displayName: string | null } | null>;
  declare public readonly isPaused: pulumi.Output<boolean | null>;
  declare public readonly overallHealth: pulumi.Output<string | null>;
  declare public readonly dataConnectionState: pulumi.Output<string | null>;
  declare public readonly sourceState: pulumi.Output<string | null>;
  declare public readonly syncProgress: pulumi.Output<number | null>;
  declare public readonly destinationState: pulumi.Output<string | null>;
  /** Minutes over the RPO; -1 when met. */
  declare public readonly currentRpoViolation: pulumi.Output<number | null>;
  /** `NOT_STARTED`, `TEST` or `COMPLETE` (failed over or migrated). */
  declare public readonly recoveryState: pulumi.Output<string | null>;
  declare public readonly recoveryInfo: pulumi.Output<{
    vAppId: string | null;
    vcdVmId: string | null;
    type: string | null;
  } | null>;
  declare public readonly lastError: pulumi.Output<{ code: string | null; msg: string | null } | null>;
  /** True after an odd number of reverses. */
  declare public readonly isReversed: pulumi.Output<boolean | null>;
  /** Start time (epoch ms) of the latest task on the replication. */
  declare public readonly lastUpdated: pulumi.Output<number | null>;
  declare public readonly vappReplicationId: pulumi.Output<string | null>;

  /** Reads an existing replication into the program (no adoption: the stack does not manage it). */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VmReplication {
    return new VmReplication(name, {} as VmReplicationResourceArgs, { ...opts, id });
  }

  constructor(name: string, args: VmReplicationResourceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    if (args.connection !== undefined) props.connection = pulumi.secret(args.connection);
    for (const k of OUTPUT_KEYS) props[k] = undefined;
    super(
      provider,
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection"] },
      "vcda",
      "VmReplication",
    );
  }
}
