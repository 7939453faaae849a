/**
 * API-version profiles: what differs between the VCDA versions the emulator plays. BASE is 4.1 (the v4.1 guide plus
 * the 4.1 reference where they agree or the reference adds); each row of ROWS changes it from its `since` version on.
 * The rest of the emulator reads version-dependent behaviour only from a Profile. emulator/README.md lists every row.
 */

export const API_VERSIONS = ["4.1", "4.5", "4.6", "4.7"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = "4.1";

/** h4 versions a client may name in `Accept` (`4` is how 4.0 spells itself in the 4.0 reference). */
export const MEDIA_VERSIONS = ["3.0", "3.5", "4", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"];

export type PolicyFlag =
  | "allowAdvancedRetentionRules"
  | "allowOutgoingOnpremMigrations"
  | "allowOutgoingOnpremProtections";
export type ExtendType = "credentials" | "multisite" | "accessToken" | "vcdAccessToken" | "cookie";

export interface Behaviour {
  media: {
    /** What an unversioned Accept (none, `*\/*`, `application/json`) is answered with. */
    unversioned: "json" | "vnd";
    /** Routes whose successful answers stay `application/json` even when `unversioned` is `vnd`. */
    plainJsonRoutes: string[];
  };
  health: {
    status: 200 | 202;
    /** false: the answer is an already finished task; true: a RUNNING task that finishes like any other. */
    running: boolean;
    workflowType: string;
    resourceType: string;
    tunnelConnectivity: boolean;
  };
  build: { version: string; date: number };
  policy: {
    /** Policy flags beyond the guide's twelve fields that this version reads, shows and enforces. */
    flags: PolicyFlag[];
    showOnpremDataCap: boolean;
    /** `all`: POST and PUT need all twelve fields; `defaults`: an omitted field takes (PUT: is reset to) its default. */
    writes: "all" | "defaults";
  };
  replication: {
    /** guestCustomization, placementPolicy(Name), sizingPolicy(Name). */
    vcdPolicies: boolean;
    targetDiskTypeShown: boolean;
    destinationCatalogItemId: boolean;
    optimizeUntil: boolean;
    recoveryStorageProfile: boolean;
    /** Which `source` field of POST /vm-replications lists the disks to leave out. */
    excludedDisksField: "excludedDisks" | "excludedDiskKeys";
    /** PATCH /vm-replications/{id} takes initialSyncTime and destinationReconfigure. */
    reconfigureInitialSync: boolean;
  };
  vapp: {
    /** VappReplicationInfo.descriptor has enabledTemplateCustomization and isGolden. */
    templateFields: boolean;
  };
  sla: {
    /** SlaProfile has description. */
    description: boolean;
  };
  extendTypes: ExtendType[];
}

export interface Profile extends Behaviour {
  version: ApiVersion;
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

export interface Row {
  id: string;
  since: ApiVersion;
  change: DeepPartial<Behaviour>;
  source: string;
  note: string;
}

const REF = "https://developer.broadcom.com/xapis/vmware-cloud-director-availability-api";
const LATEST =
  "https://developer.broadcom.com/xapis/vmware-cloud-director-availability-cloud-director-dr-and-migration-api-reference-operations-index/latest";
const LATEST_MIRROR =
  "https://salesresources-prdsgn.broadcom.com/xapis/vmware-cloud-director-availability-cloud-director-dr-and-migration-api-reference-operations-index/latest";

export const BASE: Behaviour = {
  // every 4.1 reference page answers application/json;charset=UTF-8 (e.g. the 4.1 GET /policies/{policyId} page)
  media: { unversioned: "json", plainJsonRoutes: [] },
  // guide: 200 with a finished task
  health: {
    status: 200,
    running: false,
    workflowType: "healthInfo",
    resourceType: "cloudService",
    tunnelConnectivity: false,
  },
  build: { version: "4.1.0.1660207-48e5972493", date: 1606132528104 },
  policy: { flags: [], showOnpremDataCap: true, writes: "all" },
  replication: {
    vcdPolicies: false,
    targetDiskTypeShown: false,
    destinationCatalogItemId: false,
    optimizeUntil: false,
    recoveryStorageProfile: false,
    excludedDisksField: "excludedDisks",
    reconfigureInitialSync: false,
  },
  vapp: { templateFields: false },
  sla: { description: false },
  // guide: credentials, accessToken, multisite; the 4.1 reference's POST /sessions/extend page adds vcdAccessToken, cookie
  extendTypes: ["credentials", "multisite", "accessToken", "vcdAccessToken", "cookie"],
};

/** Routes whose 4.5 pages answer plain JSON (sessions, task poll). */
const PLAIN_JSON_SESSIONS = [
  "POST /sessions",
  "GET /sessions",
  "DELETE /sessions",
  "POST /sessions/extend",
  "POST /tasks/poll",
];

export const ROWS: Row[] = [
  {
    id: "media-unversioned-vnd",
    since: "4.5",
    change: { media: { unversioned: "vnd" } },
    source: `${REF}/4.5//policies/policyId/get`,
    note: "An unversioned Accept gets application/vnd.vmware.h4-v<version>+json;charset=UTF-8 (4.1 pages show application/json).",
  },
  {
    id: "media-sessions-poll-plain-json",
    since: "4.5",
    change: { media: { plainJsonRoutes: PLAIN_JSON_SESSIONS } },
    source: `${REF}/4.5//sessions/post`,
    note:
      "Sessions and POST /tasks/poll (" +
      `${REF}/4.5//tasks/poll/post` +
      ") still answer application/json;charset=UTF-8; their errors are vnd, as the 4.6 login page shows.",
  },
  {
    id: "media-vapp-tasks-plain-json",
    since: "4.5",
    change: {
      media: {
        plainJsonRoutes: [
          ...PLAIN_JSON_SESSIONS,
          "DELETE /vapp-replications/{replicationId}",
          "DELETE /vapp-replications/{replicationId}/failover-test",
          "POST /vapp-replications/{replicationId}/sync",
          "POST /vapp-replications/{replicationId}/reverse",
        ],
      },
    },
    source: `${REF}/4.5//vapp-replications/replicationId/delete`,
    note:
      "The vApp stop, cleanup-failover-test (" +
      `${REF}/4.5//vapp-replications/replicationId/failover-test/delete` +
      "), sync and reverse (" +
      `${LATEST}/vapp-replications/replicationId/reverse/post` +
      ") pages answer application/json;charset=UTF-8; the other vApp pages (e.g. 4.6 failover) are vnd.",
  },
  {
    id: "health-202-task",
    since: "4.5",
    change: { health: { status: 202, running: true, workflowType: "health", resourceType: "CLOUD" } },
    source: `${REF}/4.5//diagnostics/health/get`,
    note: "202 with a RUNNING task that ends with CloudHealthInfo; the Ansible module ihumster/ansible_vcda_module expects 202 and polls.",
  },
  {
    id: "health-tunnel-connectivity",
    since: "4.6",
    change: { health: { tunnelConnectivity: true } },
    source: `${REF}/4.6//diagnostics/health/get`,
    note: "The health result gains tunnelConnectivity (the emulator reports []).",
  },
  {
    id: "build-4.5",
    since: "4.5",
    change: { build: { version: "4.5.0.2201512-d0f8b1c3a5", date: 1670000000000 } },
    source: `${REF}/4.5//diagnostics/health/get`,
    note: "Synthetic build in the 4.6 page's format: no 4.5 build string is published (this page shows a stale 4.1.0.e62bde624).",
  },
  {
    id: "build-4.6",
    since: "4.6",
    change: { build: { version: "4.6.0.6689753-8554b3d026", date: 1684512489298 } },
    source: `${REF}/4.6//diagnostics/health/get`,
    note: "The 4.6 health page's buildVersion and buildDate.",
  },
  {
    id: "build-4.7",
    since: "4.7",
    change: { build: { version: "4.7.0.7405318-5f3c2e9a1b", date: 1700000000000 } },
    source: LATEST_MIRROR,
    note: "Synthetic build: the latest reference (v4.7 media type) publishes none.",
  },
  {
    id: "policy-flags-4.5",
    since: "4.5",
    change: { policy: { flags: ["allowAdvancedRetentionRules", "allowOutgoingOnpremMigrations"] } },
    source: `${REF}/4.5/data-structures/ReplicationPolicyInfo`,
    note: "Shown, writable and enforced: allowOutgoingOnpremMigrations=false blocks cloud-to-on-prem migrations of the source org, allowAdvancedRetentionRules=false allows one retention rule.",
  },
  {
    id: "policy-flag-onprem-protections",
    since: "4.7",
    change: {
      policy: {
        flags: ["allowAdvancedRetentionRules", "allowOutgoingOnpremMigrations", "allowOutgoingOnpremProtections"],
      },
    },
    source: `${LATEST_MIRROR}/policies/policyId/get`,
    note: "allowOutgoingOnpremProtections=false blocks cloud-to-on-prem protections of the source org. No 4.6 policy page is published, so 4.6 is assumed not to have it.",
  },
  {
    id: "policy-omits-onprem-data-cap",
    since: "4.5",
    change: { policy: { showOnpremDataCap: false } },
    source: `${REF}/4.5/data-structures/ReplicationPolicyInfo`,
    note: "No ReplicationPolicyInfo example has onpremDataCap; it stays writable (NewReplicationPolicyRequest) and stored.",
  },
  {
    id: "policy-writes-defaults",
    since: "4.5",
    change: { policy: { writes: "defaults" } },
    source: `${REF}/4.5/data-structures/NewReplicationPolicyRequest`,
    note:
      "Every field is optional; an omitted field takes its default on POST and is reset to it on PUT (displayName is kept). " +
      "This is the overwrite reading of the guide (L3533, 'overwrites the policy properties with the provided ones'); the reference " +
      `only says 'updates the specified policy properties' (${REF}/4.5//policies/policyId/put). It is the reading that loses data, ` +
      "chosen so a client that does not send back what it does not manage is caught.",
  },
  {
    id: "replication-vcd-policies",
    since: "4.5",
    change: { replication: { vcdPolicies: true } },
    source: `${REF}/4.5//vm-replications/replicationId/get`,
    note: "guestCustomization (all fields off/null), placementPolicy, placementPolicyName, sizingPolicy, sizingPolicyName (null).",
  },
  {
    id: "replication-target-disk-type",
    since: "4.5",
    change: { replication: { targetDiskTypeShown: true } },
    source: `${REF}/4.5//vm-replications/replicationId/get`,
    note: "settings.targetDiskType is returned (4.1 treats it as write-only, decisions.md #15).",
  },
  {
    id: "replication-destination-catalog-item",
    since: "4.6",
    change: { replication: { destinationCatalogItemId: true } },
    source: `${REF}/4.6/vm-replications/replicationId/reverse/post`,
    note: "destination.destinationCatalogItemId (null).",
  },
  {
    id: "recovery-optimize-until",
    since: "4.5",
    change: { replication: { optimizeUntil: true } },
    source: `${REF}/4.5/data-structures/AbstractRecoveryInfo`,
    note: "destinationState.recoveryInfo.optimizeUntil (null). AbstractRecoveryInfo has it from 4.3 on, not in 4.1.",
  },
  {
    id: "recovery-storage-profile",
    since: "4.7",
    change: { replication: { recoveryStorageProfile: true } },
    source: `${LATEST}/data-structures/VmRecoveryInfo`,
    note: "recoveryInfo.storageProfileId/storageProfileName for vcd recoveries: null until a failover, test or migration places the VM.",
  },
  {
    id: "create-excluded-disk-keys",
    since: "4.5",
    change: { replication: { excludedDisksField: "excludedDiskKeys" } },
    source: `${REF}/4.5/vm-replications/post`,
    note: "source.excludedDiskKeys (the guide's source.excludedDisks is then an unknown field and ignored, as Jackson does).",
  },
  {
    id: "reconfigure-initial-sync-destination",
    since: "4.5",
    change: { replication: { reconfigureInitialSync: true } },
    source: `${REF}/4.5/data-structures/C4ReplicationReconfigureSettings`,
    note: "PATCH /vm-replications/{id} stores initialSyncTime; destinationReconfigure is accepted and ignored.",
  },
  {
    id: "vapp-descriptor-template-fields",
    since: "4.5",
    change: { vapp: { templateFields: true } },
    source: `${REF}/4.5//vapp-replications/replicationId/migrate/post`,
    note: "VappReplicationInfo.descriptor gains enabledTemplateCustomization and isGolden (false); 4.1 has name, description, metadata, networks.",
  },
  {
    id: "sla-profile-description",
    since: "4.7",
    change: { sla: { description: true } },
    source: `${LATEST}/sla-profiles/get`,
    note: "SlaProfile gains description; the 4.1 page has none and no 4.5 or 4.6 page is published, so they are assumed not to have it.",
  },
  {
    id: "extend-no-access-token",
    since: "4.5",
    change: { extendTypes: ["credentials", "multisite", "vcdAccessToken", "cookie"] },
    source: `${REF}/4.5//sessions/extend/post`,
    note: "The guide's accessToken extension is in no reference page; it answers 400 BadRequest.",
  },
];

function num(v: string): number[] {
  return v.split(".").map(Number);
}

/** -1, 0 or 1 as version a is older than, equal to or newer than b ("4" = "4.0"). */
export function compareVersions(a: string, b: string): number {
  const x = num(a);
  const y = num(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function merge<T>(base: T, change: DeepPartial<T> | undefined): T {
  if (change === undefined) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(change as Record<string, unknown>)) {
    const cur = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && cur && typeof cur === "object"
        ? merge(cur, v as DeepPartial<typeof cur>)
        : v;
  }
  return out as T;
}

export function isApiVersion(v: unknown): v is ApiVersion {
  return typeof v === "string" && (API_VERSIONS as readonly string[]).includes(v);
}

const cache = new Map<ApiVersion, Profile>();

/** BASE with every row whose `since` is at most `version` applied, in table order. */
export function profile(version: string = DEFAULT_API_VERSION): Profile {
  if (!isApiVersion(version)) throw new Error(`apiVersion must be one of ${API_VERSIONS.join(", ")}; got '${version}'`);
  let p = cache.get(version);
  if (!p) {
    let b = BASE;
    for (const r of ROWS) if (compareVersions(r.since, version) <= 0) b = merge(b, r.change);
    p = Object.freeze({ ...b, version });
    cache.set(version, p);
  }
  return p;
}

/** Whether a profile serves the h4 media version a client asked for: known, and not newer than the profile. */
export function servesMediaVersion(p: Profile, v: string): boolean {
  return MEDIA_VERSIONS.includes(v) && compareVersions(v, p.version) <= 0;
}
