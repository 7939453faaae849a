/**
 * The vApp kind of replication (`/vapp-replications`, ids `C4VAPP-…`) for the shared engine: one replication per VM
 * of a VMware Cloud Director vApp, failed over together.
 *
 * | input                                   | change means                                                   |
 * |-----------------------------------------|----------------------------------------------------------------|
 * | site, source, destination               | replace (delete first: one replication per source VM)          |
 * | targetDiskType (unset = THIN)           | replace                                                        |
 * | isMigration (unset = false)             | replace                                                        |
 * | description, rpo, dataConnectionType,   | PATCH /vapp-replications/{id} (every VM) and wait              |
 * | quiesced, retentionPolicy, slaProfileId |                                                                |
 * | excludedDisks (per VM)                  | PATCH /vm-replications/{member}/disks for each changed VM      |
 * | paused                                  | POST /vapp-replications/{id}/pause or /resume and wait         |
 * | org labels, initialSyncTime, timeouts…  | state only, no API call                                        |
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import type { ApiVappReplication } from "../api/replication";
import type { ReplicationLimits } from "../limits";
import { listReplications, startDisks, startPauseResume, startReconfigure, VAPP_REPLICATIONS } from "./calls";
import { checkDiskKeys, checkKeys, checkString, Failures, isObject, isUnknown } from "./checks";
import { checkCutover, cutoverPending, cutoverStep, cutoverWarning } from "./cutover";
import { canonical } from "./diff";
import type { InPlaceStep, KindDiff, ReplicationKind } from "./kind";
import { checkSettings, diffSettings, limitsFor, sameDiskSet, toReconfigureBody, withSettingsOf } from "./settings";
import {
  inputsOfVapp,
  pickVappInputs,
  reflectVappDrift,
  toVappCreateBody,
  toVappOutputs,
  toVappServerState,
  type VappReplicationArgs,
  type VappReplicationOutputs,
  vappFromOutputs,
} from "./vapp-mapping";

type Step = InPlaceStep<VappReplicationArgs, ApiVappReplication>;

function checkEndpoint(f: Failures, name: "source" | "destination", v: unknown, keys: readonly string[]): void {
  if (v === undefined || v === null) {
    f.add(name, "is required", undefined, false);
    return;
  }
  if (isUnknown(v)) return;
  if (!isObject(v)) {
    f.add(name, "must be an object", v);
    return;
  }
  if (!isUnknown(v.type) && v.type !== "vcloud") {
    f.add(
      `${name}.type`,
      `must be "vcloud": a vApp replication runs between VMware Cloud Director sites (an on-premises VM takes a VmReplication)`,
      v.type,
    );
    return;
  }
  checkKeys(f, name, v, keys, `a vApp replication ${name}`);
  checkString(f, `${name}.site`, v.site, true);
  checkString(f, `${name}.org`, v.org, false);
}

/** Validates the inputs of a VappReplication (settings as for every kind; a vApp source; per-VM disks). */
export function validateVappInputs(
  news: Record<string, unknown>,
  stackLimits?: Partial<ReplicationLimits>,
): CheckFailure[] {
  const f = new Failures();
  const args = news as Partial<Record<keyof VappReplicationArgs, unknown>>;
  const limits = limitsFor(f, args.limits, stackLimits);
  checkEndpoint(f, "source", args.source, ["type", "site", "vappId", "org"]);
  if (isObject(args.source)) checkString(f, "source.vappId", args.source.vappId, true);
  checkEndpoint(f, "destination", args.destination, ["type", "site", "vdc", "storageProfile", "org"]);
  if (isObject(args.destination)) {
    checkString(f, "destination.vdc", args.destination.vdc, true);
    checkString(f, "destination.storageProfile", args.destination.storageProfile, false);
  }
  checkSettings(f, args, limits);
  checkCutover(f, args.cutover, args.isMigration, "vcloud");
  const disks = args.excludedDisks;
  if (disks !== undefined && disks !== null && !isUnknown(disks)) {
    if (!isObject(disks)) f.add("excludedDisks", "must be an object of VCD VM id → disk device keys", disks);
    else for (const [vmId, keys] of Object.entries(disks)) checkDiskKeys(f, `excludedDisks["${vmId}"]`, keys);
  }
  return f.list;
}

const withoutOrg = (v: unknown): unknown => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const { org: _org, ...rest } = v as Record<string, unknown>;
  return rest;
};
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** VMs whose managed excluded disks differ from what they hold. */
function disksToChange(olds: VappReplicationOutputs, news: VappReplicationArgs): Array<[string, number[]]> {
  const out: Array<[string, number[]]> = [];
  for (const [vmId, keys] of Object.entries(news.excludedDisks ?? {})) {
    const applied = olds.excludedDisks?.[vmId] ?? olds.vmReplications?.find((m) => m.vmId === vmId)?.excludedDiskKeys;
    if (!sameDiskSet(applied ?? [], keys)) out.push([vmId, keys]);
  }
  return out;
}

function replaced(olds: Partial<VappReplicationOutputs>, news: VappReplicationArgs): string[] {
  const out: string[] = [];
  if (!same(olds.site, news.site)) out.push("site");
  if (!same(withoutOrg(olds.source), withoutOrg(news.source))) out.push("source");
  if (!same(withoutOrg(olds.destination), withoutOrg(news.destination))) out.push("destination");
  if ((olds.targetDiskType ?? "THIN") !== (news.targetDiskType ?? "THIN")) out.push("targetDiskType");
  if ((olds.isMigration ?? false) !== (news.isMigration ?? false)) out.push("isMigration");
  return out;
}

const STATE_ONLY = ["initialSyncTime", "cutover", "timeoutSeconds", "adopt", "limits", "connection"] as const;

function diff(olds: VappReplicationOutputs, news: VappReplicationArgs): KindDiff {
  const replaces = replaced(olds, news);
  const shared = diffSettings(olds, news);
  const changes =
    replaces.length > 0 ||
    shared.changed.length > 0 ||
    disksToChange(olds, news).length > 0 ||
    !same(olds.source, news.source) ||
    !same(olds.destination, news.destination) ||
    STATE_ONLY.some((k) => !same(olds[k], news[k]));
  return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}

function steps(olds: VappReplicationOutputs, news: VappReplicationArgs): Step[] {
  if (replaced(olds, news).length > 0) return [];
  const shared = diffSettings(olds, news);
  const out: Step[] = [];
  if (shared.settings) {
    out.push({
      name: "PATCH settings",
      start: (client, id, ctx) => startReconfigure(client, VAPP_REPLICATIONS, id, toReconfigureBody(news), ctx),
      apply: (a) => withSettingsOf(a, news),
    });
  }
  for (const [vmId, keys] of disksToChange(olds, news)) {
    out.push({
      name: `PATCH disks of VM ${vmId}`,
      start: (client, id, ctx) => {
        const m = olds.vmReplications?.find((x) => x.vmId === vmId);
        if (!m) {
          const members = (olds.vmReplications ?? []).map((x) => x.vmId).join(", ") || "none";
          throw new Error(
            `excludedDisks names VM ${vmId}, which vApp replication ${id} does not hold (its VMs: ${members})`,
          );
        }
        return startDisks(client, m.replicationId, keys, ctx);
      },
      apply: (a) => ({ ...a, excludedDisks: { ...a.excludedDisks, [vmId]: [...keys] } }),
    });
  }
  const action = shared.pause;
  if (action) {
    out.push({
      name: action,
      start: (client, id, ctx) => startPauseResume(client, VAPP_REPLICATIONS, id, action, ctx),
      apply: (a) => ({ ...a, paused: action === "pause" }),
    });
  }
  if (cutoverPending(olds, news)) {
    out.push(
      cutoverStep(VAPP_REPLICATIONS, news, "vcloud", (server: ApiVappReplication) => {
        const s = toVappServerState(server);
        return {
          recoveryState: s.recoveryState,
          recoveredVmIds: (server.vmReplications ?? [])
            .map((m) => m.destinationState?.recoveryInfo?.vcdVmId)
            .filter((x): x is string => typeof x === "string"),
          recoveredVappId: s.destinationDetails.recoveredVappId,
        };
      }),
    );
  }
  return out;
}

function adoptionMismatch(args: VappReplicationArgs, r: ApiVappReplication): string | undefined {
  const problems: string[] = [];
  if (r.destination?.site && r.destination.site !== args.destination.site)
    problems.push(`destination site is ${r.destination.site}, not ${args.destination.site}`);
  if (r.destination?.vdcId && r.destination.vdcId !== args.destination.vdc)
    problems.push(`destination vDC is ${r.destination.vdcId}, not ${args.destination.vdc}`);
  if (typeof r.isMigration === "boolean" && r.isMigration !== (args.isMigration ?? false))
    problems.push(`isMigration is ${r.isMigration}, not ${args.isMigration ?? false}`);
  return problems.length ? problems.join("; ") : undefined;
}

export const VAPP_KIND: ReplicationKind<VappReplicationArgs, VappReplicationOutputs, ApiVappReplication> = {
  name: "VappReplication",
  opKind: "vapp-replication",
  endpoint: VAPP_REPLICATIONS,
  pickInputs: pickVappInputs,
  validate: validateVappInputs,
  diff,
  steps,
  warnings: (olds, news) =>
    cutoverPending(olds, news) ? [cutoverWarning(`every VM of vApp ${news.source.vappId}`)] : [],
  recordedKeys: ["cutoverResult"],
  createBody: (args) => toVappCreateBody(args),
  toOutputs: toVappOutputs,
  reflectDrift: reflectVappDrift,
  recovery: (server) => {
    const s = toVappServerState(server);
    return { recoveryState: s.recoveryState, isReversed: s.isReversed };
  },
  describeSource: (args) => `source vApp ${args.source.vappId}`,
  async findExisting(client, args, ctx) {
    const vappId = args.source.vappId;
    return (await listReplications(client, VAPP_REPLICATIONS, { vappId }, ctx)).filter(
      (r) =>
        (!r.source?.vappId || r.source.vappId === vappId) && (!r.source?.site || r.source.site === args.source.site),
    );
  },
  adoptionMismatch,
  sites: (args) => [args.source?.site, args.destination?.site].filter((s): s is string => typeof s === "string"),
  serverFromOutputs: vappFromOutputs,
  inputsOf: inputsOfVapp,
};
