/**
 * The replication settings every kind shares: a VM and a vApp take the same create fields and the same
 * `C4ReplicationReconfigureSettings` PATCH (guide L4069-4139, L15723-15829; reference …/4.5/data-structures/
 * C4ReplicationReconfigureSettings and …/4.6//vapp-replications/post). One place for their checks, bodies, drift
 * and diff, so both kinds follow one rule.
 */
import type { ApiReconfigureSettings, ApiRetentionPolicy } from "../api/replication";
import type { ReplicationSettingsInputs, RetentionRule } from "../inputs";
import { limitProblems, type ReplicationLimits, resolveLimits } from "../limits";
import { checkBoolean, checkEnum, checkInteger, checkString, type Failures, isObject, isUnknown } from "./checks";

const DATA_CONNECTION_TYPES = ["PLAIN", "ENCRYPTED", "ENCRYPTED_COMPRESSED"] as const;
const TARGET_DISK_TYPES = ["THIN", "PREALLOCATED", "PREALLOCATED_ZEROS"] as const;

/** The inputs every kind shares (ReplicationSettingsInputs), as kept in outputs. */
export const SHARED_INPUT_KEYS = [
  "site",
  "description",
  "rpo",
  "dataConnectionType",
  "quiesced",
  "retentionPolicy",
  "targetDiskType",
  "initialSyncTime",
  "isMigration",
  "slaProfileId",
  "paused",
  "cutover",
  "timeoutSeconds",
  "adopt",
  "limits",
  "connection",
] as const satisfies ReadonlyArray<keyof ReplicationSettingsInputs>;

/** Inputs the settings PATCH changes. */
export const SETTINGS_INPUT_KEYS = [
  "description",
  "rpo",
  "dataConnectionType",
  "quiesced",
  "retentionPolicy",
  "slaProfileId",
] as const;

/** The custom settings fields that, when sent in a PATCH, discard the SLA profile (L15829). */
export const CUSTOM_SETTINGS_KEYS = ["rpo", "dataConnectionType", "quiesced", "retentionPolicy"] as const;

/** Replication settings as the server holds them. */
export interface ServerSettings {
  description: string | null;
  rpo: number | null;
  dataConnectionType: string | null;
  quiesced: boolean | null;
  retentionPolicy: { rules: RetentionRule[] } | null;
  initialSyncTime: number | null;
  excludedDiskKeys: number[];
}

/** What the settings rules read of the server's state. */
export interface SettingsState {
  settings: ServerSettings;
  slaProfile: { id: string | null; displayName: string | null } | null;
  isPaused: boolean | null;
}

// ---------------------------------------------------------------------------------------------------------------
// check

/** The limits that apply: defaults < stack config < the resource's `limits` (its problems are failures). */
export function limitsFor(
  f: Failures,
  resourceLimits: unknown,
  stackLimits?: Partial<ReplicationLimits>,
): ReplicationLimits {
  let own: Partial<ReplicationLimits> | undefined;
  if (resourceLimits !== undefined && resourceLimits !== null && !isUnknown(resourceLimits)) {
    const problems = limitProblems(resourceLimits);
    for (const [key, reason] of problems) {
      f.list.push({ property: key ? `limits.${key}` : "limits", reason: `limits${key ? `.${key}` : ""} ${reason}` });
    }
    if (problems.length === 0) own = resourceLimits as Partial<ReplicationLimits>;
  }
  return resolveLimits(stackLimits, own);
}

/** Validates every shared setting. */
export function checkSettings(
  f: Failures,
  args: Partial<Record<keyof ReplicationSettingsInputs, unknown>>,
  limits: ReplicationLimits,
): void {
  checkString(f, "site", args.site, false);
  if (args.description !== undefined && args.description !== null && !isUnknown(args.description)) {
    if (typeof args.description !== "string") f.add("description", "must be a string", args.description);
  }
  const rpo = checkInteger(f, "rpo", args.rpo, limits.minRpo, limits.maxRpo, " minutes");
  checkEnum(f, "dataConnectionType", args.dataConnectionType, DATA_CONNECTION_TYPES);
  const quiesced = checkBoolean(f, "quiesced", args.quiesced);
  if (quiesced === true && rpo !== undefined && rpo < limits.minQuiescedRpo) {
    f.add(
      "quiesced",
      `needs an RPO of at least ${limits.minQuiescedRpo} minutes (rpo is ${rpo}); set quiesced to false or raise rpo`,
      true,
    );
  }
  checkRetention(f, args.retentionPolicy, rpo, limits);
  checkEnum(f, "targetDiskType", args.targetDiskType, TARGET_DISK_TYPES);
  if (args.initialSyncTime !== undefined && args.initialSyncTime !== null && !isUnknown(args.initialSyncTime)) {
    if (typeof args.initialSyncTime !== "number" || !Number.isSafeInteger(args.initialSyncTime)) {
      f.add("initialSyncTime", "must be a whole number of epoch milliseconds", args.initialSyncTime);
    }
  }
  checkBoolean(f, "isMigration", args.isMigration);
  const sla = checkString(f, "slaProfileId", args.slaProfileId, false);
  if (sla !== undefined || (args.slaProfileId !== undefined && isUnknown(args.slaProfileId))) {
    const custom = CUSTOM_SETTINGS_KEYS.filter((k) => args[k] !== undefined && args[k] !== null);
    if (custom.length > 0) {
      f.add(
        "slaProfileId",
        `cannot be combined with custom settings (${custom.join(", ")}): the SLA profile supplies them; remove either slaProfileId or ${custom.join(", ")}`,
        args.slaProfileId,
      );
    }
  }
  checkBoolean(f, "paused", args.paused);
  checkInteger(f, "timeoutSeconds", args.timeoutSeconds, 1, 7 * 24 * 3600, " seconds");
  checkBoolean(f, "adopt", args.adopt);
  if (args.connection !== undefined && args.connection !== null && !isUnknown(args.connection)) {
    if (!isObject(args.connection)) f.add("connection", "must be an object", "<redacted>");
  }
}

function checkRetention(f: Failures, v: unknown, rpo: number | undefined, limits: ReplicationLimits): void {
  if (v === undefined || v === null || isUnknown(v)) return;
  if (!isObject(v)) {
    f.add("retentionPolicy", "must be an object {rules: [...]}", v);
    return;
  }
  const rules = v.rules;
  if (isUnknown(rules)) return;
  if (!Array.isArray(rules)) {
    f.add("retentionPolicy.rules", "must be a list of {numberOfInstances, distance}", rules);
    return;
  }
  if (rules.length === 0) {
    f.add("retentionPolicy.rules", "must hold at least one rule", rules);
    return;
  }
  if (rules.length > limits.maxRules) {
    f.add(
      "retentionPolicy.rules",
      `may hold at most ${limits.maxRules} rules (it holds ${rules.length})`,
      undefined,
      false,
    );
  }
  let total = 0;
  let totalKnown = true;
  rules.forEach((rule, i) => {
    const path = `retentionPolicy.rules[${i}]`;
    if (isUnknown(rule)) {
      totalKnown = false;
      return;
    }
    if (!isObject(rule)) {
      f.add(path, "must be an object {numberOfInstances, distance}", rule);
      totalKnown = false;
      return;
    }
    const count = checkInteger(f, `${path}.numberOfInstances`, rule.numberOfInstances, 1, Number.MAX_SAFE_INTEGER);
    if (count === undefined) totalKnown = false;
    else total += count;
    if (rule.numberOfInstances === undefined) f.add(`${path}.numberOfInstances`, "is required", undefined, false);
    const distance = checkInteger(f, `${path}.distance`, rule.distance, 1, Number.MAX_SAFE_INTEGER, " minutes");
    if (rule.distance === undefined) f.add(`${path}.distance`, "is required", undefined, false);
    if (limits.distanceAtLeastRpo && distance !== undefined && rpo !== undefined && distance < rpo) {
      f.add(`${path}.distance`, `must not be below the RPO (${rpo} minutes)`, distance);
    }
  });
  if (totalKnown && total > limits.maxInstances) {
    f.add(
      "retentionPolicy.rules",
      `may keep at most ${limits.maxInstances} instances in total (the rules keep ${total})`,
      undefined,
      false,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// bodies

export function copyRules(rules: RetentionRule[]): ApiRetentionPolicy["rules"] {
  return rules.map((r) => ({ numberOfInstances: r.numberOfInstances, distance: r.distance }));
}

/**
 * The settings fields of a create body. Optional fields the user left out are omitted so the server applies its
 * documented defaults (ENCRYPTED_COMPRESSED, quiesced, THIN) or the SLA profile's values.
 */
export function createSettings(args: ReplicationSettingsInputs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (args.description !== undefined) body.description = args.description;
  if (args.rpo !== undefined) body.rpo = args.rpo;
  if (args.dataConnectionType !== undefined) body.dataConnectionType = args.dataConnectionType;
  if (args.quiesced !== undefined) body.quiesced = args.quiesced;
  if (args.retentionPolicy !== undefined) body.retentionPolicy = { rules: copyRules(args.retentionPolicy.rules) };
  if (args.targetDiskType !== undefined) body.targetDiskType = args.targetDiskType;
  if (args.initialSyncTime !== undefined) body.initialSyncTime = args.initialSyncTime;
  if (args.isMigration !== undefined) body.isMigration = args.isMigration;
  if (args.slaProfileId !== undefined) body.slaProfileId = args.slaProfileId;
  return body;
}

/**
 * Body of the settings PATCH that brings the settings to `news`, following the guide's SLA rule (L15829): with an
 * SLA profile, send only the profile (and description), since any custom field would discard the profile; without
 * one, send every custom field the user manages (defined), which also discards a profile the replication had.
 */
export function toReconfigureBody<A extends ReplicationSettingsInputs>(news: A): ApiReconfigureSettings {
  const body: ApiReconfigureSettings = {};
  if (news.description !== undefined) body.description = news.description;
  if (news.slaProfileId !== undefined) {
    body.slaProfileId = news.slaProfileId;
    return body;
  }
  if (news.rpo !== undefined) body.rpo = news.rpo;
  if (news.dataConnectionType !== undefined) body.dataConnectionType = news.dataConnectionType;
  if (news.quiesced !== undefined) body.quiesced = news.quiesced;
  if (news.retentionPolicy !== undefined) body.retentionPolicy = { rules: copyRules(news.retentionPolicy.rules) };
  return body;
}

/** The inputs once a settings PATCH to `news` succeeded. */
export function withSettingsOf<A extends ReplicationSettingsInputs>(applied: A, news: A): A {
  const next = { ...applied } as Record<string, unknown>;
  for (const k of SETTINGS_INPUT_KEYS) {
    if (news[k] === undefined) delete next[k];
    else next[k] = news[k];
  }
  return next as unknown as A;
}

// ---------------------------------------------------------------------------------------------------------------
// server state

const n = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** Settings as the server reports them (absent fields become `null`: outputs may not hold `undefined`). */
export function toServerSettings(
  s:
    | {
        description?: string | null;
        rpo?: number | null;
        dataConnectionType?: string | null;
        quiesced?: boolean | null;
        retentionPolicy?: { rules?: Array<{ numberOfInstances: number; distance: number }> | null } | null;
        initialSyncTime?: number | null;
        excludedDiskKeys?: number[] | null;
      }
    | null
    | undefined,
): ServerSettings {
  const x = s ?? {};
  return {
    description: n(x.description),
    rpo: n(x.rpo),
    dataConnectionType: n(x.dataConnectionType),
    quiesced: n(x.quiesced),
    retentionPolicy: x.retentionPolicy
      ? {
          rules: (x.retentionPolicy.rules ?? []).map((r) => ({
            numberOfInstances: r.numberOfInstances,
            distance: r.distance,
          })),
        }
      : null,
    initialSyncTime: n(x.initialSyncTime),
    excludedDiskKeys: [...(x.excludedDiskKeys ?? [])],
  };
}

/**
 * The shared inputs that describe a replication the server holds (a read without state, `pulumi import`): its SLA
 * profile, or else the custom settings (the two exclude each other), its description and pause. What the server
 * does not report is left out.
 */
export function settingsInputsOf(state: SettingsState): ReplicationSettingsInputs {
  const s = state.settings;
  const out: ReplicationSettingsInputs = {};
  if (s.description) out.description = s.description;
  if (state.slaProfile?.id) {
    out.slaProfileId = state.slaProfile.id;
  } else {
    if (s.rpo !== null) out.rpo = s.rpo;
    if (s.dataConnectionType) {
      out.dataConnectionType = s.dataConnectionType as NonNullable<ReplicationSettingsInputs["dataConnectionType"]>;
    }
    if (s.quiesced !== null) out.quiesced = s.quiesced;
    if (s.retentionPolicy?.rules.length) out.retentionPolicy = { rules: copyRules(s.retentionPolicy.rules) };
  }
  if (state.isPaused === true) out.paused = true;
  return out;
}

/** Same retention rules, in order. */
export function sameRules(
  a: { rules: RetentionRule[] } | null | undefined,
  b: { rules: RetentionRule[] } | null | undefined,
): boolean {
  const x = a?.rules ?? [];
  const y = b?.rules ?? [];
  return (
    x.length === y.length &&
    x.every((r, i) => r.numberOfInstances === y[i]?.numberOfInstances && r.distance === y[i]?.distance)
  );
}

/** Same set of disk keys, in any order. */
export function sameDiskSet(a: readonly number[] | undefined | null, b: readonly number[] | undefined | null): boolean {
  const x = [...new Set(a ?? [])].sort((p, q) => p - q);
  const y = [...new Set(b ?? [])].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Inputs after a refresh, for the shared settings: a field the user manages in place (defined in `olds`) takes the
 * server's value when it drifted. Fields the user left out stay out: they are not managed, so no phantom diff
 * appears for server-side defaults.
 */
export function reflectSettingsDrift<A extends ReplicationSettingsInputs>(olds: A, server: SettingsState): A {
  const next: A = { ...olds };
  const s = server.settings;
  if (olds.description !== undefined && s.description !== null && s.description !== olds.description) {
    next.description = s.description;
  }
  if (olds.slaProfileId !== undefined) {
    const serverProfile = server.slaProfile?.id ?? null;
    if (serverProfile !== null && serverProfile !== olds.slaProfileId) next.slaProfileId = serverProfile;
    if (serverProfile === null && server.slaProfile === null) {
      // Someone switched the replication to custom settings outside the stack: the profile is gone.
      delete next.slaProfileId;
    }
  } else {
    if (olds.rpo !== undefined && s.rpo !== null && s.rpo !== olds.rpo) next.rpo = s.rpo;
    if (
      olds.dataConnectionType !== undefined &&
      s.dataConnectionType !== null &&
      s.dataConnectionType !== olds.dataConnectionType
    ) {
      next.dataConnectionType = s.dataConnectionType as NonNullable<A["dataConnectionType"]>;
    }
    if (olds.quiesced !== undefined && s.quiesced !== null && s.quiesced !== olds.quiesced) next.quiesced = s.quiesced;
    if (
      olds.retentionPolicy !== undefined &&
      s.retentionPolicy !== null &&
      !sameRules(olds.retentionPolicy, s.retentionPolicy)
    ) {
      next.retentionPolicy = { rules: s.retentionPolicy.rules.map((r) => ({ ...r })) };
    }
  }
  if (olds.paused !== undefined && server.isPaused !== null && server.isPaused !== olds.paused) {
    next.paused = server.isPaused;
  }
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// diff

const SIMPLE_SETTINGS = ["description", "rpo", "dataConnectionType", "quiesced", "slaProfileId"] as const;

/**
 * What the shared settings need: a settings PATCH and/or pause/resume, from the applied inputs (`olds`, kept in
 * the outputs) to the new ones. A field the user leaves out is not managed: it never causes a change.
 */
export function diffSettings(
  olds: Partial<ReplicationSettingsInputs> & { isPaused?: boolean | null },
  news: ReplicationSettingsInputs,
): { settings: boolean; pause?: "pause" | "resume"; changed: string[] } {
  const changed: string[] = [];
  let settings = false;
  for (const k of SIMPLE_SETTINGS) {
    if (news[k] !== undefined && news[k] !== olds[k]) {
      settings = true;
      changed.push(k);
    }
  }
  if (
    news.retentionPolicy !== undefined &&
    (olds.retentionPolicy === undefined || !sameRules(olds.retentionPolicy, news.retentionPolicy))
  ) {
    settings = true;
    changed.push("retentionPolicy");
  }
  let pause: "pause" | "resume" | undefined;
  if (news.paused !== undefined) {
    const applied = olds.paused ?? olds.isPaused ?? false;
    if (applied !== news.paused) {
      pause = news.paused ? "pause" : "resume";
      changed.push("paused");
    }
  }
  return { settings, ...(pause ? { pause } : {}), changed };
}
