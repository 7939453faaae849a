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
 * - `adopt: true` takes over the existing replication of the same vApp (a dynamic resource cannot be imported; the
 *   plugin's `vcda:index:VappReplication` can, by its `C4VAPP-…` id).
 * - The VCDA API has no call to leave a VM of the vApp out or to add one later: the replication covers the VMs the
 *   vApp has when it is created (`vmReplications` lists them).
 */
import type * as pulumi from "@pulumi/pulumi";

import provider = require("../dynamic/vapp-replication");

import type { CloudVappSource, VappDestination } from "../inputs";
import { keysOf } from "../properties/types";
import { VAPP_REPLICATION } from "../properties/vapp-replication";
import type { VappMemberState, VappReplicationArgs } from "../replication/vapp-mapping";
import { type DeepInput, ReplicationResource } from "./replication-resource";

/** Arguments of {@link VappReplication}; see `VappReplicationInputs` in `../inputs` for each field. */
type Settable = Omit<VappReplicationArgs, "cutoverResult">;
export type VappReplicationResourceArgs = { [K in keyof Settable]: DeepInput<Settable[K]> };

/**
 * Output keys computed by the provider (set to `undefined` in the constructor so Pulumi registers them): the
 * contract's, which the plugin's schema lists too (replication/vapp-mapping.ts VAPP_OUTPUT_KEYS and `cutoverResult`).
 */
const OUTPUT_KEYS = keysOf(VAPP_REPLICATION.outputs);

export class VappReplication extends ReplicationResource {
  // Inputs, as applied.
  declare public readonly source: pulumi.Output<CloudVappSource>;
  declare public readonly destination: pulumi.Output<VappDestination>;
  declare public readonly excludedDisks: pulumi.Output<Record<string, number[]> | undefined>;

  // Server state.
  declare public readonly vappName: pulumi.Output<string | null>;
  /** Number of VMs replicated. */
  declare public readonly vmCount: pulumi.Output<number>;
  /** One entry per VM: its replication id, health, pause, recovery state, RPO violation, progress, excluded disks. */
  declare public readonly vmReplications: pulumi.Output<VappMemberState[]>;

  /** Reads an existing vApp replication into the program (no adoption: the stack does not manage it). */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VappReplication {
    return new VappReplication(name, {} as VappReplicationResourceArgs, { ...opts, id });
  }

  constructor(name: string, args: VappReplicationResourceArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, "VappReplication", name, args as Record<string, unknown>, OUTPUT_KEYS, opts);
  }
}
