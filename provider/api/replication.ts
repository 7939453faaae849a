/**
 * zod schemas of the VM replication objects (api-digest §3.3–3.5, §4.1; guide L4069-4139, L8832-9187, L15723-15829).
 * Response schemas are tolerant: every field is optional and nullable, extra fields pass through, because the guide's
 * examples omit or null fields the tables promise and the sub-objects are typed only as "Object".
 */
import { z } from "zod";
import { atLeast } from "./version";

const str = z.string().nullish();
const num = z.number().nullish();
const bool = z.boolean().nullish();

/** One retention rule: keep `numberOfInstances` instances, `distance` minutes apart. */
export const RetentionRuleSchema = z.looseObject({ numberOfInstances: z.number(), distance: z.number() });
export const RetentionPolicySchema = z.looseObject({ rules: z.array(RetentionRuleSchema).nullish() });

/** A point-in-time instance (GET /vm-replications/{id}/instances, L9237-9293): `key` is what a failover takes. */
export const InstanceSchema = z.looseObject({
  key: z.string(),
  timestamp: z.number().nullish(),
  sequenceNumber: z.number().nullish(),
  isPinned: z.boolean().nullish(),
});
export type ApiInstance = z.infer<typeof InstanceSchema>;

/** Error object embedded in tasks and `destinationState.lastError`. */
const EmbeddedErrorSchema = z.looseObject({ code: str, msg: str, args: z.array(z.unknown()).nullish() });

export const ReplicationSettingsSchema = z.looseObject({
  description: str,
  rpo: num,
  dataConnectionType: str,
  quiesced: bool,
  retentionPolicy: RetentionPolicySchema.nullish(),
  initialSyncTime: num,
  excludedDiskKeys: z.array(z.number()).nullish(),
});

export const RecoveryInfoSchema = z.looseObject({
  vAppId: str,
  vappId: str,
  vcdVmId: str,
  type: str,
  recoveryState: str,
});

/** `SingleVmReplicationInfo`: the body of GET /vm-replications/{id} and the `result` of its tasks. */
export const VmReplicationSchema = z.looseObject({
  id: z.string(),
  owner: str,
  vmId: str,
  vmName: str,
  source: z.looseObject({ site: str, org: str, vdcId: str, vdcName: str, vappId: str, vappName: str }).nullish(),
  destination: z.looseObject({ site: str, org: str, vdcId: str, vdcName: str, recoveredVappId: str }).nullish(),
  storageProfile: str,
  storageProfileName: str,
  vimLocation: z.looseObject({}).nullish(),
  isPaused: bool,
  settings: ReplicationSettingsSchema.nullish(),
  sourceState: z
    .looseObject({ state: str, progress: z.looseObject({ progress: num }).nullish(), stateAge: num })
    .nullish(),
  destinationState: z
    .looseObject({
      currentRpoViolation: num,
      latestInstance: z.unknown().nullish(),
      // (read as an ApiInstance where used: the reference documents a full instance, the guide's examples null)
      state: str,
      recoveryInfo: RecoveryInfoSchema.nullish(),
      lastError: EmbeddedErrorSchema.nullish(),
      stateAge: num,
      spaceRequirement: num,
      isMovingReplica: bool,
    })
    .nullish(),
  dataConnectionState: str,
  overallHealth: str,
  lastUpdated: num,
  isReversed: bool,
  vappReplicationId: str,
  computerName: str,
  vmDescription: str,
  isMigration: bool,
  slaProfile: z.looseObject({ id: str, displayName: str }).nullish(),
});
export type ApiVmReplication = z.infer<typeof VmReplicationSchema>;

/**
 * `VappReplicationInfo`: GET /vapp-replications/{id} and the `result` of its tasks (reference
 * …-operations-index/latest/vapp-replications/replicationId/get; its 4.x field list is cut off, so the top level is
 * the vCAV 3.0 structure's: descriptor, owner, source, destination, isMigration, lastUpdated, overallHealth and
 * `vmReplications`, one VM replication per VM of the vApp).
 */
export const VappReplicationSchema = z.looseObject({
  id: z.string(),
  descriptor: z.looseObject({ name: str, description: str }).nullish(),
  owner: str,
  source: z.looseObject({ site: str, org: str, vdcId: str, vdcName: str, vappId: str }).nullish(),
  destination: z.looseObject({ site: str, org: str, vdcId: str, vdcName: str, recoveredVappId: str }).nullish(),
  isMigration: bool,
  lastUpdated: num,
  overallHealth: str,
  vmReplications: z.array(z.lazy(() => VmReplicationSchema)).nullish(),
});
export type ApiVappReplication = z.infer<typeof VappReplicationSchema>;

/** Paged list of GET /vapp-replications (the `QueryResult_of_VappReplicationInfo` envelope). */
export const VappReplicationPageSchema = z.looseObject({ items: z.array(VappReplicationSchema), total: num });

/** Paged list of GET /vm-replications (L8377-8399). */
export const VmReplicationPageSchema = z.looseObject({
  items: z.array(VmReplicationSchema),
  total: num,
  offset: num,
  limit: num,
});
export type ApiVmReplicationPage = z.infer<typeof VmReplicationPageSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Request bodies (what this provider sends; strict types, no schema parsing needed).

export interface ApiRetentionPolicy {
  rules: Array<{ numberOfInstances: number; distance: number }>;
}

/**
 * The name of the source's excluded-disk list in a create body: `excludedDisks` in the v4.1 guide (L4033),
 * `excludedDiskKeys` in the 4.5 and latest reference (…/4.5/vm-replications/post). An appliance ignores the name it
 * does not know, so the wrong one would silently replicate every disk.
 */
export function excludedDisksField(apiVersion: string): "excludedDisks" | "excludedDiskKeys" {
  return atLeast(apiVersion, "4.5") ? "excludedDiskKeys" : "excludedDisks";
}

type ExcludedDisks = { excludedDisks?: number[]; excludedDiskKeys?: number[] };

/** `source` of POST /vm-replications: a VCD VM (`vm`) or a vCenter VM (`vcVm`). */
export type ApiSource =
  | ({ type: "vm"; site: string; vmId: string } & ExcludedDisks)
  | ({ type: "vcVm"; site: string; vcUuid: string; vmId: string } & ExcludedDisks);

/**
 * `destination` of POST /vm-replications: a VCD vDC (`vcloud`), a VCD vDC with a seed VM (`vm`), a vCenter (`vc`),
 * or a vCenter with a seed VM (`vcVm`, the guide's example; decisions #16).
 */
export type ApiDestination =
  | { type: "vcloud"; site: string; vdc: string; storageProfile?: string }
  | { type: "vm"; site: string; vdc: string; storageProfile?: string; seedVmId: string }
  | { type: "vc"; site: string }
  | { type: "vcVm"; site: string; seedVm: { vcId: string; moId: string } };

/** Body of POST /vapp-replications (…/4.6//vapp-replications/post): a cloud vApp into a vDC, the shared settings. */
export interface ApiCreateVappReplication {
  source: { type: "vapp"; site: string; vappId: string };
  destination: { type: "vcloud"; site: string; vdc: string; storageProfile?: string };
  [setting: string]: unknown;
}

/** Body of POST /vm-replications (L4069-4139). Omitted optional fields take the server's defaults. */
export interface ApiCreateReplication {
  source: ApiSource;
  destination: ApiDestination;
  description?: string;
  rpo?: number;
  dataConnectionType?: string;
  quiesced?: boolean;
  retentionPolicy?: ApiRetentionPolicy;
  targetDiskType?: string;
  initialSyncTime?: number;
  isMigration?: boolean;
  slaProfileId?: string;
}

/** Body of PATCH /vm-replications/{id} (ReconfigureSettings, L15723-15829). Omitted fields keep their value. */
export interface ApiReconfigureSettings {
  description?: string;
  rpo?: number;
  dataConnectionType?: string;
  quiesced?: boolean;
  retentionPolicy?: ApiRetentionPolicy;
  slaProfileId?: string;
}
