import { z } from "zod";
import { BadRequest } from "./errors.js";

/** Request body schemas. Unknown fields are ignored, as a Jackson-based server does by default. */

const str = z.string().min(1);

const principal = z.string().nullable().optional();

/** Login types of every profile: the guide's five plus vcdCookie (4.1 reference); `principal` from 4.5 pages. */
export const LoginBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("localUser"), localUser: str, localPassword: z.string() }),
  z.object({ type: z.literal("ssoCredentials"), username: str, password: z.string(), principal }),
  z.object({
    type: z.literal("ssoToken"),
    samlToken: str,
    timestamp: z.number().optional(),
    nonce: z.string().optional(),
    signature: z.string().optional(),
    principal,
  }),
  z.object({ type: z.literal("vcdCredentials"), vcdUser: str, vcdPassword: z.string() }),
  z.object({ type: z.literal("vcdAccessToken"), vcdAccessToken: str, context: z.string().nullable().optional() }),
  z.object({ type: z.literal("vcdCookie"), vcdCookie: str }),
]);
export type LoginBody = z.infer<typeof LoginBody>;

/** Every extension type any profile knows; the profile says which ones it accepts. */
export const ExtendBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("credentials"), site: str, vcdUsername: str, vcdPassword: z.string() }),
  z.object({ type: z.literal("multisite"), site: str, org: str }),
  z.object({ type: z.literal("accessToken"), site: str, accessToken: str, context: z.string().nullable().optional() }),
  z.object({
    type: z.literal("vcdAccessToken"),
    site: str,
    vcdAccessToken: str,
    context: z.string().nullable().optional(),
  }),
  z.object({ type: z.literal("cookie"), site: str, cookie: str }),
]);
export type ExtendBody = z.infer<typeof ExtendBody>;

const int = z.number().int().safe();
const POLICY_FIELD_SCHEMAS = {
  displayName: z.string().min(1).max(255),
  minRpo: int.min(1),
  maxInstances: int.min(0),
  maxPinnedInstances: int.min(0),
  maxIncoming: int,
  allowIncomingProtections: z.boolean(),
  allowOutgoingProtections: z.boolean(),
  allowIncomingMigrations: z.boolean(),
  allowOutgoingMigrations: z.boolean(),
  onpremDataCap: z.number().min(0).max(Number.MAX_SAFE_INTEGER),
  allowCustomSlaSettings: z.boolean(),
  allowNotificationConfiguration: z.boolean(),
  allowAdvancedRetentionRules: z.boolean(),
  allowOutgoingOnpremMigrations: z.boolean(),
  allowOutgoingOnpremProtections: z.boolean(),
};
export type PolicyField = keyof typeof POLICY_FIELD_SCHEMAS;
export type PolicyBody = { [K in PolicyField]?: z.infer<(typeof POLICY_FIELD_SCHEMAS)[K]> };

/**
 * A policy body with only `fields` (the others are unknown fields and ignored, as Jackson does); `required` of them
 * must be present.
 */
export function policyBodySchema(fields: PolicyField[], required: PolicyField[]): z.ZodType<PolicyBody> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields)
    shape[f] = required.includes(f) ? POLICY_FIELD_SCHEMAS[f] : POLICY_FIELD_SCHEMAS[f].optional();
  return z.object(shape) as unknown as z.ZodType<PolicyBody>;
}

const Retention = z.object({
  rules: z.array(z.object({ numberOfInstances: int.min(1), distance: int.min(1) })),
});
const ConnType = z.enum(["PLAIN", "ENCRYPTED", "ENCRYPTED_COMPRESSED"]);
const DiskKeys = z.array(int);

const Disks = DiskKeys.nullable().optional();
const sources = {
  excludedDisks: z.discriminatedUnion("type", [
    z.object({ type: z.literal("vm"), site: str, vmId: str, excludedDisks: Disks }),
    z.object({ type: z.literal("vcVm"), site: str, vcUuid: str, vmId: str, excludedDisks: Disks }),
  ]),
  excludedDiskKeys: z.discriminatedUnion("type", [
    z.object({ type: z.literal("vm"), site: str, vmId: str, excludedDiskKeys: Disks }),
    z.object({ type: z.literal("vcVm"), site: str, vcUuid: str, vmId: str, excludedDiskKeys: Disks }),
  ]),
};
const SeedVm = z.object({ vcId: str, moId: str });

const Destination = z.discriminatedUnion("type", [
  z.object({ type: z.literal("vcloud"), site: str, vdc: str, storageProfile: z.string().optional() }),
  z.object({ type: z.literal("vm"), site: str, vdc: str, storageProfile: z.string().optional(), seedVmId: str }),
  z.object({ type: z.literal("vc"), site: str, seedVm: SeedVm.optional() }),
  z.object({ type: z.literal("vcVm"), site: str, seedVm: SeedVm }),
  z.object({ type: z.literal("vcVapp"), site: str, seedVm: SeedVm }),
]);

const createFields = {
  destination: Destination,
  description: z.string().optional(),
  rpo: int.optional(),
  dataConnectionType: ConnType.optional(),
  quiesced: z.boolean().optional(),
  retentionPolicy: Retention.optional(),
  targetDiskType: z.enum(["THIN", "PREALLOCATED", "PREALLOCATED_ZEROS"]).optional(),
  initialSyncTime: z.number().optional(),
  isMigration: z.boolean().optional(),
  slaProfileId: z.string().nullable().optional(),
};
const CreateBodies = {
  excludedDisks: z.object({ source: sources.excludedDisks, ...createFields }),
  excludedDiskKeys: z.object({ source: sources.excludedDiskKeys, ...createFields }),
};
/** The create body with the excluded disks under `excludedDisks`, whichever field the profile reads. */
export type CreateReplicationBody = z.infer<typeof CreateBodies.excludedDisks>;

/** Parses a create body whose source names its excluded disks `field` (the other name is ignored). */
export function parseCreateBody(body: unknown, field: "excludedDisks" | "excludedDiskKeys"): CreateReplicationBody {
  if (field === "excludedDisks") return parse(CreateBodies.excludedDisks, body, "VM replication");
  const b = parse(CreateBodies.excludedDiskKeys, body, "VM replication");
  const { excludedDiskKeys, ...source } = b.source;
  return { ...b, source: { ...source, excludedDisks: excludedDiskKeys } };
}

export const ReconfigureBody = z.object({
  description: z.string().optional(),
  rpo: int.optional(),
  dataConnectionType: ConnType.optional(),
  quiesced: z.boolean().optional(),
  retentionPolicy: Retention.optional(),
  sourceReconfigure: z
    .object({
      type: z.enum(["vcVappReconfigure", "vcVmReconfigure"]),
      vappName: z.string().optional(),
      vmStartupInfo: z
        .object({
          order: int.optional(),
          startAction: z.string().optional(),
          startDelay: int.optional(),
          stopAction: z.string().optional(),
          stopDelay: int.optional(),
        })
        .optional(),
    })
    .optional(),
  slaProfileId: z.string().nullable().optional(),
});
export type ReconfigureBody = z.infer<typeof ReconfigureBody> & { initialSyncTime?: number };
/** 4.5 on: PATCH also takes initialSyncTime and destinationReconfigure (whose fields are unpublished, so any object). */
export const ReconfigureBodyWithSync = ReconfigureBody.extend({
  initialSyncTime: z.number().optional(),
  destinationReconfigure: z.looseObject({}).nullable().optional(),
});

export const DisksBody = z.array(int);

const NetworkRef = z.object({ id: z.string().optional(), name: z.string().optional() });
const VappNet = z
  .object({
    networkMappings: z
      .array(
        z.object({
          sourceNetworkName: z.string(),
          sourceOrgVdcNetwork: NetworkRef.optional(),
          destinationOrgVdcNetwork: NetworkRef.optional(),
        }),
      )
      .optional(),
    bridgeOrgVdcNetworks: z.array(NetworkRef).optional(),
    copySourceNetworks: z.boolean().optional(),
    bulkConnectVmNics: z.boolean().optional(),
  })
  .nullable()
  .optional();
const VmNetObject = z.object({
  primaryNicIndex: int.optional(),
  nics: z
    .array(
      z.object({
        nicIndex: int,
        isConnected: z.boolean().optional(),
        resetMacAddress: z.boolean().optional(),
        network: z.string().optional(),
        ipAddress: z.string().optional(),
        ipAddressAllocationMode: z.enum(["POOL", "DHCP", "MANUAL", "NONE"]).optional(),
        externalIpAddress: z.string().optional(),
        networkAdapterType: z.string().optional(),
        needsCustomization: z.boolean().optional(),
        macAddress: z.string().optional(),
      }),
    )
    .optional(),
  copySourceNicSettings: z.boolean().optional(),
  computerName: z.string().optional(),
  enableGuestCustomization: z.boolean().optional(),
});
const VmNet = VmNetObject.nullable().optional();
const HardwareObject = z.object({
  numCpus: int.min(1).optional(),
  numCoresPerSocket: int.min(1).optional(),
  memoryInMB: int.min(1).optional(),
  macAddressPolicy: z.enum(["DEFAULT", "GENERATE_NEW"]).optional(),
});
const Hardware = HardwareObject.nullable().optional();
const InstanceId = z.string().nullable().optional();
const SnapshotOptions = z.enum(["DO_NOTHING", "EXPOSE_PITS", "CONSOLIDATE"]).nullable().optional();

export const FailoverBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    instanceId: InstanceId,
    consolidate: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNet,
  }),
  z.object({
    type: z.literal("vcenter"),
    instanceId: InstanceId,
    snapshotOptions: SnapshotOptions,
    powerOn: z.boolean().optional(),
    customVirtualHardware: Hardware,
  }),
]);
export const FailoverTestBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    instanceId: InstanceId,
    sync: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNet,
  }),
  z.object({
    type: z.literal("vcenter"),
    instanceId: InstanceId,
    sync: z.boolean().optional(),
    exposePITsAsSnapshots: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    customVirtualHardware: Hardware,
  }),
]);
export const MigrateBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    consolidate: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNet,
  }),
  z.object({
    type: z.literal("vcenter"),
    snapshotOptions: SnapshotOptions,
    powerOn: z.boolean().optional(),
    customVirtualHardware: Hardware,
  }),
]);
export type RecoveryBody = { type: "vcloud" | "vcenter"; instanceId?: string | null; sync?: boolean };

// ---------- vApp replications (4.5 / latest reference data structures) ----------

/** `POST /vapp-replications`: source `vapp` (ReplicationSource_VcloudSourceVapp), destination `vcloud`. */
export const CreateVappBody = z.object({
  source: z.object({
    type: z.literal("vapp"),
    site: str,
    vappId: str,
    vmExcludedDisks: z.record(z.string(), DiskKeys).nullable().optional(),
  }),
  ...createFields,
  destination: z.object({ type: z.literal("vcloud"), site: str, vdc: str, storageProfile: z.string().optional() }),
});
export type CreateVappBody = z.infer<typeof CreateVappBody>;

/** `vm_replication_id -> instance_id` (InlineVappFailoverTestSettings2). */
const InstanceMap = z.record(z.string(), z.string()).nullable().optional();
/** Network settings of each VM, by VM id. */
const VmNetMap = z.record(z.string(), VmNetObject).nullable().optional();
const HardwareMap = z.record(z.string(), HardwareObject).nullable().optional();

export const VappFailoverBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    instanceMap: InstanceMap,
    consolidate: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNetMap,
  }),
  z.object({
    type: z.literal("vcenter"),
    instanceMap: InstanceMap,
    snapshotOptions: SnapshotOptions,
    powerOn: z.boolean().optional(),
    customVirtualHardwareMap: HardwareMap,
  }),
]);
export const VappFailoverTestBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    instanceMap: InstanceMap,
    sync: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNetMap,
  }),
  z.object({
    type: z.literal("vcenter"),
    instanceMap: InstanceMap,
    sync: z.boolean().optional(),
    exposePITsAsSnapshots: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    customVirtualHardwareMap: HardwareMap,
  }),
]);
export const VappMigrateBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("vcloud"),
    consolidate: z.boolean().optional(),
    powerOn: z.boolean().optional(),
    vAppNetworkSettings: VappNet,
    vmNetworkSettings: VmNetMap,
  }),
  z.object({
    type: z.literal("vcenter"),
    snapshotOptions: SnapshotOptions,
    powerOn: z.boolean().optional(),
    customVirtualHardwareMap: HardwareMap,
  }),
]);
export type VappRecoveryBody = {
  type: "vcloud" | "vcenter";
  instanceMap?: Record<string, string> | null;
  sync?: boolean;
  vmNetworkSettings?: Record<string, unknown> | null;
};

/** Parses with a schema; a failure becomes 400 BadRequest naming the field. */
export function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  if (body === undefined) throw new BadRequest(`The request body is required: ${what}.`);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join(".") : "(body)";
  throw new BadRequest(`Invalid ${what}: '${path}': ${issue?.message ?? "invalid value"}.`, [path]);
}
