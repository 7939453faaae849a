/**
 * Migration cutover as code: a replication with `isMigration: true` and a `cutover` input runs the planned migration
 * (`POST {path}/{id}/migrate`: sync, power the source off, recover at the destination; guide L14037, reference
 * …/4.5/vm-replications/replicationId/migrate/post, …/4.6//vapp-replications/replicationId/migrate/post) as an
 * in-place step of the next `up`, once. The outcome is recorded in `cutoverResult`. Shared by every kind.
 */
import type { Task } from "../api/task";
import type { CutoverInputs } from "../inputs";
import { type CallContext, startMigrate } from "./calls";
import { checkBoolean, checkEnum, checkKeys, type Failures, isObject, isUnknown } from "./checks";
import type { InPlaceStep } from "./kind";

/** What `cutoverResult` records. */
export interface CutoverResult {
  /** The migrate task. */
  taskId: string;
  /** Epoch ms when the migration started and ended (the appliance's clock). */
  startedAt: number | null;
  finishedAt: number | null;
  /** How long the cutover took, seconds. */
  durationSeconds: number | null;
  /** The replication's recovery state after it (COMPLETE when migrated). */
  recoveryState: string | null;
  /** Ids of the recovered VMs at the destination, and of their vApp. */
  recoveredVmIds: string[];
  recoveredVappId: string | null;
}

const CUTOVER_KEYS = {
  vcloud: ["powerOn", "consolidate", "connectVmNics", "vAppNetworkSettings", "vmNetworkSettings"],
  vcenter: ["powerOn", "snapshotOptions", "customVirtualHardware"],
} as const;

/** Checks `cutover`: only on a migration, with the migrate options of the destination's kind (guide L14064-14904). */
export function checkCutover(f: Failures, cutover: unknown, isMigration: unknown, destinationType: unknown): void {
  if (cutover === undefined || cutover === null || isUnknown(cutover)) return;
  if (!isObject(cutover)) {
    f.add("cutover", "must be an object of migrate options, e.g. {powerOn: true}", cutover);
    return;
  }
  if (isMigration !== true && !isUnknown(isMigration)) {
    f.add(
      "cutover",
      "needs isMigration: true: only a migration is cut over (a protection fails over, in the UI)",
      cutover,
    );
  }
  const kind = destinationType === "vcenter" ? "vcenter" : "vcloud";
  checkKeys(f, "cutover", cutover, CUTOVER_KEYS[kind], `the migrate options of a ${kind} destination`);
  checkBoolean(f, "cutover.powerOn", cutover.powerOn);
  checkBoolean(f, "cutover.consolidate", cutover.consolidate);
  checkBoolean(f, "cutover.connectVmNics", cutover.connectVmNics);
  checkEnum(f, "cutover.snapshotOptions", cutover.snapshotOptions, ["DO_NOTHING", "EXPOSE_PITS", "CONSOLIDATE"]);
  for (const k of ["vAppNetworkSettings", "vmNetworkSettings", "customVirtualHardware"] as const) {
    const v = cutover[k];
    if (v !== undefined && v !== null && !isUnknown(v) && !isObject(v)) f.add(`cutover.${k}`, "must be an object", v);
  }
}

interface CutoverState {
  isMigration?: boolean;
  cutover?: CutoverInputs;
  cutoverResult?: CutoverResult;
  recoveryState?: string | null;
}

/** True when the next update migrates: a cutover is asked for and the replication has not been migrated yet. */
export function cutoverPending(olds: CutoverState, news: CutoverState): boolean {
  return (
    news.isMigration === true &&
    news.cutover !== undefined &&
    olds.cutoverResult === undefined &&
    olds.recoveryState !== "COMPLETE"
  );
}

/** What a preview says about a pending cutover. */
export function cutoverWarning(what: string): string {
  return `this update MIGRATES ${what}: a planned migration (POST …/migrate) syncs the latest changes, powers the source off and recovers it at the destination. Remove \`cutover\` to keep replicating.`;
}

/** The migrate step, recording the outcome from the ended task and the replication after it. */
export function cutoverStep<A extends CutoverState, R>(
  ep: { path: string },
  news: A,
  destinationType: "vcloud" | "vcenter",
  outcome: (server: R) => Pick<CutoverResult, "recoveryState" | "recoveredVmIds" | "recoveredVappId">,
): InPlaceStep<A, R> {
  return {
    name: "migrate (cutover)",
    start: (client, id, ctx: CallContext) =>
      startMigrate(client, ep, id, { type: destinationType, ...(news.cutover ?? {}) }, ctx),
    apply: (applied, done: { task: Task; server: R }) => ({
      ...applied,
      cutover: news.cutover,
      cutoverResult: {
        taskId: done.task.id,
        startedAt: done.task.startTime ?? null,
        finishedAt: done.task.endTime ?? null,
        durationSeconds:
          done.task.startTime && done.task.endTime && done.task.endTime > 0
            ? Math.round((done.task.endTime - done.task.startTime) / 100) / 10
            : null,
        ...outcome(done.server),
      },
    }),
  };
}
