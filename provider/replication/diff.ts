/**
 * The update-or-replace table of a VM replication. It compares the new inputs with the inputs that were applied
 * (kept in the outputs), never with values the server filled in, so defaults and write-only values cause no
 * phantom diff. A field the user leaves out is not managed: it never causes a change.
 *
 * | input                                   | change means                                             |
 * |-----------------------------------------|----------------------------------------------------------|
 * | site, source, destination (incl. seeds) | replace (delete first: one replication per source VM)    |
 * | targetDiskType (unset = THIN)           | replace                                                  |
 * | isMigration (unset = false)             | replace                                                  |
 * | description, rpo, dataConnectionType,   | PATCH /vm-replications/{id} and wait                     |
 * | quiesced, retentionPolicy, slaProfileId |                                                          |
 * | excludedDisks                           | PATCH /vm-replications/{id}/disks and wait               |
 * | paused                                  | POST .../pause or .../resume and wait                    |
 * | source.org, destination.org,            | state only, no API call                                  |
 * | initialSyncTime (create-only),          |                                                          |
 * | timeoutSeconds, adopt, limits,          |                                                          |
 * | connection                              |                                                          |
 */
import type { VmReplicationArgs, VmReplicationOutputs } from "./mapping";
import { diffSettings, sameDiskSet } from "./settings";

/** What an update has to do. */
export interface ReplicationDiff {
  /** True when any input changed. */
  changes: boolean;
  /** Top-level inputs whose change forces a replacement. */
  replaces: string[];
  /** A replacement must delete the old replication first (VCDA allows one replication per source VM). */
  deleteBeforeReplace: boolean;
  /** PATCH of the settings is needed. */
  settings: boolean;
  /** PATCH of the excluded disks is needed. */
  disks: boolean;
  /** Pause or resume is needed. */
  pause?: "pause" | "resume";
  /** Every changed input path, for messages and tests. */
  changed: string[];
}

/** Canonical JSON: sorted keys, `undefined` and `null` members dropped. */
export function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x !== null && typeof x === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) {
        const val = (x as Record<string, unknown>)[k];
        if (val !== undefined && val !== null) out[k] = norm(val);
      }
      return out;
    }
    return x;
  };
  return JSON.stringify(norm(v) ?? null);
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** `source` or `destination` without `org` (a label checked by the policy pack; not sent to the API). */
function withoutOrg(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const { org: _org, ...rest } = v as Record<string, unknown>;
  return rest;
}

function orgOf(v: unknown): unknown {
  return v !== null && typeof v === "object" ? (v as Record<string, unknown>).org : undefined;
}

const STATE_ONLY_KEYS = ["initialSyncTime", "cutover", "timeoutSeconds", "adopt", "limits", "connection"] as const;

/** Compares applied inputs (`olds`, the previous outputs) with the new inputs. */
export function diffReplication(olds: Partial<VmReplicationOutputs>, news: VmReplicationArgs): ReplicationDiff {
  const replaces: string[] = [];
  const changed: string[] = [];

  if (!same(olds.site, news.site)) replaces.push("site");
  if (!same(withoutOrg(olds.source), withoutOrg(news.source))) replaces.push("source");
  if (!same(withoutOrg(olds.destination), withoutOrg(news.destination))) replaces.push("destination");
  if ((olds.targetDiskType ?? "THIN") !== (news.targetDiskType ?? "THIN")) replaces.push("targetDiskType");
  if ((olds.isMigration ?? false) !== (news.isMigration ?? false)) replaces.push("isMigration");
  changed.push(...replaces);

  if (!replaces.includes("source") && !same(orgOf(olds.source), orgOf(news.source))) changed.push("source.org");
  if (!replaces.includes("destination") && !same(orgOf(olds.destination), orgOf(news.destination))) {
    changed.push("destination.org");
  }

  const shared = diffSettings(olds, news);
  changed.push(...shared.changed.filter((k) => k !== "paused"));

  let disks = false;
  if (news.excludedDisks !== undefined) {
    // Not managed until now: PATCH the full set once (the appliance may exclude disks the stack never saw).
    if (olds.excludedDisks === undefined || !sameDiskSet(olds.excludedDisks, news.excludedDisks)) {
      disks = true;
      changed.push("excludedDisks");
    }
  }
  if (shared.pause) changed.push("paused");
  const pause = shared.pause;
  const settings = shared.settings;

  for (const k of STATE_ONLY_KEYS) {
    if (!same(olds[k], news[k])) changed.push(k);
  }

  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
    settings: replaces.length === 0 && settings,
    disks: replaces.length === 0 && disks,
    ...(replaces.length === 0 && pause ? { pause } : {}),
    changed,
  };
}
