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
import type * as pulumi from "@pulumi/pulumi";

import provider = require("../dynamic/vm-replication");

import type { CloudDestination, CloudVmSource, VcenterDestination, VcenterVmSource } from "../inputs";
import { keysOf } from "../properties/types";
import { VM_REPLICATION } from "../properties/vm-replication";
import type { VmReplicationArgs } from "../replication/mapping";
import { type DeepInput, ReplicationResource } from "./replication-resource";

export type { DeepInput } from "./replication-resource";

/** Arguments of {@link VmReplication}; see `VmReplicationInputs` in `./inputs` for each field. */
type Settable = Omit<VmReplicationArgs, "cutoverResult">;
export type VmReplicationResourceArgs = { [K in keyof Settable]: DeepInput<Settable[K]> };

/**
 * Output keys computed by the provider (set to `undefined` in the constructor so Pulumi registers them): the
 * contract's, which the plugin's schema lists too.
 */
const OUTPUT_KEYS = keysOf(VM_REPLICATION.outputs);

export class VmReplication extends ReplicationResource {
  // Inputs, as applied.
  declare public readonly source: pulumi.Output<CloudVmSource | VcenterVmSource>;
  declare public readonly destination: pulumi.Output<CloudDestination | VcenterDestination>;
  declare public readonly excludedDisks: pulumi.Output<number[] | undefined>;

  // Server state.
  declare public readonly vmName: pulumi.Output<string | null>;
  /** Sync progress, percent. */
  declare public readonly syncProgress: pulumi.Output<number | null>;
  /** Minutes over the RPO; -1 when met. */
  declare public readonly currentRpoViolation: pulumi.Output<number | null>;
  declare public readonly recoveryInfo: pulumi.Output<{
    vAppId: string | null;
    vcdVmId: string | null;
    type: string | null;
  } | null>;
  declare public readonly lastError: pulumi.Output<{ code: string | null; msg: string | null } | null>;
  declare public readonly vappReplicationId: pulumi.Output<string | null>;

  /** Reads an existing replication into the program (no adoption: the stack does not manage it). */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VmReplication {
    return new VmReplication(name, {} as VmReplicationResourceArgs, { ...opts, id });
  }

  constructor(name: string, args: VmReplicationResourceArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, "VmReplication", name, args as Record<string, unknown>, OUTPUT_KEYS, opts);
  }
}
