/**
 * `vcda.VappReplication`: a protection or migration of a whole VMware Cloud Director vApp: one VM replication per VM
 * of the vApp, with the same settings, failed over together. Type token `pulumi-nodejs:dynamic/vcda:VappReplication`.
 *
 * - **Update in place**: description, rpo, dataConnectionType, quiesced, retentionPolicy, slaProfileId (PATCH of the
 *   vApp replication: every VM), excludedDisks per VM (PATCH of that VM's replication), paused (pause/resume).
 * - **Replace** (the old replication is deleted first): site, source, destination, targetDiskType, isMigration.
 * - **Deleting removes every VM's replica disks** on the destination.
 * - A failover, migration or reverse done outside the stack shows in `recoveryState`, `isReversed` and each VM's
 *   state after `pulumi refresh`; it never triggers a replacement by itself.
 * - `adopt: true` takes over the existing replication of the same vApp (there is no `pulumi import`).
 * - The VCDA API has no call to leave a VM of the vApp out or to add one later: the replication covers the VMs the
 *   vApp has when it is created (`vmReplications` lists them).
 */
import * as pulumi from "@pulumi/pulumi";

import provider = require("../dynamic/vapp-replication");

import type { CloudVappSource, ConnectionArgs, CutoverInputs, RetentionRule, VappDestination } from "../inputs";
import type { ReplicationLimits } from "../limits";
import type { CutoverResult } from "../replication/cutover";
import type { ServerSettings } from "../replication/settings";
import {
  VAPP_OUTPUT_KEYS,
  type VappMemberState,
  type VappReplicationArgs,
  type VappReplicationServerState,
} from "../replication/vapp-mapping";
import type { DeepInput } from "./vm-replication";

/** Arguments of {@link VappReplication}; see `VappReplicationInputs` in `../inputs` for each field. */
export type VappReplicationResourceArgs = { [K in keyof VappReplicationArgs]: DeepInput<VappReplicationArgs[K]> };

export class VappReplication extends pulumi.dynamic.Resource {
  // Inputs, as applied.
  declare public readonly site: pulumi.Output<string | undefined>;
  declare public readonly source: pulumi.Output<CloudVappSource>;
  declare public readonly destination: pulumi.Output<VappDestination>;
  declare public readonly description: pulumi.Output<string | undefined>;
  declare public readonly rpo: pulumi.Output<number | undefined>;
  declare public readonly dataConnectionType: pulumi.Output<string | undefined>;
  declare public readonly quiesced: pulumi.Output<boolean | undefined>;
  declare public readonly retentionPolicy: pulumi.Output<{ rules: RetentionRule[] } | undefined>;
  declare public readonly targetDiskType: pulumi.Output<string | undefined>;
  declare public readonly initialSyncTime: pulumi.Output<number | undefined>;
  declare public readonly isMigration: pulumi.Output<boolean | undefined>;
  declare public readonly slaProfileId: pulumi.Output<string | undefined>;
  declare public readonly excludedDisks: pulumi.Output<Record<string, number[]> | undefined>;
  declare public readonly paused: pulumi.Output<boolean | undefined>;
  declare public readonly cutover: pulumi.Output<CutoverInputs | undefined>;
  /** The outcome of the cutover (migrate task, duration, recovered ids), once it ran; absent before. */
  declare public readonly cutoverResult: pulumi.Output<CutoverResult | undefined>;
  declare public readonly timeoutSeconds: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;
  declare public readonly limits: pulumi.Output<Partial<ReplicationLimits> | undefined>;
  /** Kept (as a secret) so refresh and destroy can log in. */
  declare public readonly connection: pulumi.Output<ConnectionArgs | undefined>;

  // Server state.
  /** vApp replication id, `C4VAPP-<uuid>` (also the resource id). */
  declare public readonly replicationId: pulumi.Output<string>;
  declare public readonly vappName: pulumi.Output<string | null>;
  declare public readonly owner: pulumi.Output<string | null>;
  declare public readonly sourceDetails: pulumi.Output<VappReplicationServerState["sourceDetails"]>;
  declare public readonly destinationDetails: pulumi.Output<VappReplicationServerState["destinationDetails"]>;
  /** The settings VCDA applies to every VM of the vApp. */
  declare public readonly settings: pulumi.Output<ServerSettings>;
  declare public readonly slaProfile: pulumi.Output<{ id: string | null; displayName: string | null } | null>;
  /** True when every VM is paused. */
  declare public readonly isPaused: pulumi.Output<boolean | null>;
  declare public readonly overallHealth: pulumi.Output<string | null>;
  /** IN_PROGRESS, TEST, COMPLETE (a VM was recovered) or NOT_STARTED. */
  declare public readonly recoveryState: pulumi.Output<string | null>;
  declare public readonly isReversed: pulumi.Output<boolean | null>;
  declare public readonly lastUpdated: pulumi.Output<number | null>;
  /** Number of VMs replicated. */
  declare public readonly vmCount: pulumi.Output<number>;
  /** One entry per VM: its replication id, health, pause, recovery state, RPO violation, progress, excluded disks. */
  declare public readonly vmReplications: pulumi.Output<VappMemberState[]>;

  /** Reads an existing vApp replication into the program (no adoption: the stack does not manage it). */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VappReplication {
    return new VappReplication(name, {} as VappReplicationResourceArgs, { ...opts, id });
  }

  constructor(name: string, args: VappReplicationResourceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    if (args.connection !== undefined) props.connection = pulumi.secret(args.connection);
    for (const k of VAPP_OUTPUT_KEYS) props[k] = undefined;
    props.cutoverResult = undefined;
    super(
      provider,
      name,
      props,
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection"] },
      "vcda",
      "VappReplication",
    );
  }
}
