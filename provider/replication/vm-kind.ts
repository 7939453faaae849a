/**
 * The VM kind of replication (`/vm-replications`, ids `C4-…`) for the shared engine: its input contract
 * (validate.ts), mappings (mapping.ts) and update-or-replace table (diff.ts).
 */
import type { ApiVmReplication } from "../api/replication";
import { listReplications, startDisks, startPauseResume, startReconfigure, VM_REPLICATIONS } from "./calls";
import { cutoverPending, cutoverStep, cutoverWarning } from "./cutover";
import { diffReplication } from "./diff";
import type { InPlaceStep, ReplicationKind } from "./kind";
import {
  inputsOfReplication,
  pickInputs,
  reflectDrift,
  toCreateBody,
  toOutputs,
  toReconfigureBody,
  toServerState,
  type VmReplicationArgs,
  type VmReplicationOutputs,
} from "./mapping";
import { withSettingsOf } from "./settings";
import { validateInputs } from "./validate";

type Step = InPlaceStep<VmReplicationArgs, ApiVmReplication>;

/** The settings PATCH, the disks PATCH and pause/resume that take `olds` to `news`, in that order. */
function steps(olds: VmReplicationOutputs, news: VmReplicationArgs): Step[] {
  const d = diffReplication(olds, news);
  const out: Step[] = [];
  if (d.settings) {
    out.push({
      name: "PATCH settings",
      start: (client, id, ctx) => startReconfigure(client, VM_REPLICATIONS, id, toReconfigureBody(news), ctx),
      apply: (a) => withSettingsOf(a, news),
    });
  }
  const disks = news.excludedDisks;
  if (d.disks && disks) {
    out.push({
      name: "PATCH disks",
      start: (client, id, ctx) => startDisks(client, id, disks, ctx),
      apply: (a) => ({ ...a, excludedDisks: [...disks] }),
    });
  }
  const action = d.pause;
  if (action) {
    out.push({
      name: action,
      start: (client, id, ctx) => startPauseResume(client, VM_REPLICATIONS, id, action, ctx),
      apply: (a) => ({ ...a, paused: action === "pause" }),
    });
  }
  if (d.replaces.length === 0 && cutoverPending(olds, news)) {
    out.push(
      cutoverStep(VM_REPLICATIONS, news, news.destination.type, (server: ApiVmReplication) => {
        const s = toServerState(server);
        return {
          recoveryState: s.recoveryState,
          recoveredVmIds: s.recoveryInfo?.vcdVmId ? [s.recoveryInfo.vcdVmId] : [],
          recoveredVappId: s.recoveryInfo?.vAppId ?? null,
        };
      }),
    );
  }
  return out;
}

/** Why an adopted replication does not match the declared one, or undefined when it matches. */
function adoptionMismatch(args: VmReplicationArgs, r: ApiVmReplication): string | undefined {
  const d = args.destination;
  const problems: string[] = [];
  if (r.destination?.site && r.destination.site !== d.site)
    problems.push(`destination site is ${r.destination.site}, not ${d.site}`);
  if (d.type === "vcloud" && r.destination?.vdcId && r.destination.vdcId !== d.vdc) {
    problems.push(`destination vDC is ${r.destination.vdcId}, not ${d.vdc}`);
  }
  if (typeof r.isMigration === "boolean" && r.isMigration !== (args.isMigration ?? false)) {
    problems.push(`isMigration is ${r.isMigration}, not ${args.isMigration ?? false}`);
  }
  return problems.length ? problems.join("; ") : undefined;
}

export const VM_KIND: ReplicationKind<VmReplicationArgs, VmReplicationOutputs, ApiVmReplication> = {
  name: "VmReplication",
  opKind: "vm-replication",
  endpoint: VM_REPLICATIONS,
  pickInputs: (props) => pickInputs(props as VmReplicationArgs & Record<string, unknown>),
  validate: validateInputs,
  diff: diffReplication,
  steps,
  warnings: (olds, news) => (cutoverPending(olds, news) ? [cutoverWarning(`source VM ${news.source.vmId}`)] : []),
  recordedKeys: ["cutoverResult"],
  createBody: toCreateBody,
  toOutputs,
  reflectDrift: (inputs, server) => reflectDrift(inputs, toServerState(server)),
  recovery: (server) => {
    const s = toServerState(server);
    return { recoveryState: s.recoveryState, isReversed: s.isReversed };
  },
  describeSource: (args) => `source VM ${args.source.vmId}`,
  async findExisting(client, args, ctx) {
    const vmId = args.source.vmId;
    return (await listReplications(client, VM_REPLICATIONS, { vmId }, ctx)).filter(
      (r) =>
        (r.vmId === undefined || r.vmId === null || r.vmId === vmId) &&
        (!r.source?.site || r.source.site === args.source.site),
    );
  },
  adoptionMismatch,
  sites: (args) => [
    ...(args.source?.type === "vcloud" && args.source.site ? [args.source.site] : []),
    ...(args.destination?.type === "vcloud" && args.destination.site ? [args.destination.site] : []),
  ],
  serverFromOutputs: (id, olds) => ({ id, isPaused: olds.isPaused ?? null }),
  inputsOf: inputsOfReplication,
};
