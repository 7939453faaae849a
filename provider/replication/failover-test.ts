/**
 * A test failover as a resource: creating it recovers test copies of a replication's VMs at the destination (from
 * an instance: the latest, a given one, or a fresh one with `sync`), destroying it cleans them up. The production
 * replication keeps running. VM replications: `POST /vm-replications/{id}/failover-test` and `DELETE` of it (guide
 * L12148-13512); vApp replications: the same under `/vapp-replications` (reference …/4.5//vapp-replications/
 * replicationId/failover-test/delete; body `VappFailoverTestSettings`, …/latest/data-structures/…).
 *
 * Outputs say what a drill needs: the instance used (so the RPO at test time, from its timestamp to the test's
 * start), the test VMs, and the time to recover (the task's run time).
 */
import type { ApiInstance, ApiVappReplication, ApiVmReplication } from "../api/replication";
import { type VcdaClient, VcdaTaskFailedError, VcdaTimeoutError } from "../client";
import type { FailoverTestInputs } from "../inputs";
import { log } from "../log";
import {
  type CallContext,
  getReplication,
  listInstances,
  startFailoverTest,
  startFailoverTestCleanup,
  VAPP_REPLICATIONS,
  VM_REPLICATIONS,
} from "./calls";
import { checkBoolean, checkString, Failures, isObject, isUnknown } from "./checks";
import { DEFAULT_TIMEOUT_SECONDS, ReplicationPartialFailure } from "./engine";

/** One VM's part of a test. */
export interface TestedVm {
  /** The VM replication, `C4-…`. */
  replicationId: string;
  vmName: string | null;
  /** The instance the test recovered, and when it was taken (epoch ms). */
  instance: string | null;
  instanceTimestamp: number | null;
  /** The recovered test VM. */
  testVmId: string | null;
  /** Seconds between the instance and the start of the test. */
  rpoSeconds: number | null;
}

export interface FailoverTestState {
  kind: "vm" | "vapp";
  taskId: string;
  /** Epoch ms (the appliance's clock). */
  startedAt: number | null;
  finishedAt: number | null;
  /** The test task's run time: how long recovering took, seconds. */
  timeToRecoverSeconds: number | null;
  /** The worst RPO of the tested VMs at test time, seconds. */
  rpoAtTestSeconds: number | null;
  recoveryState: string | null;
  testVappId: string | null;
  vms: TestedVm[];
}

export type FailoverTestOutputs = FailoverTestInputs & FailoverTestState;

const KEYS = [
  "replicationId",
  "instance",
  "instanceMap",
  "sync",
  "powerOn",
  "vAppNetworkSettings",
  "vmNetworkSettings",
  "exposePITsAsSnapshots",
  "site",
  "timeoutSeconds",
  "connection",
] as const satisfies ReadonlyArray<keyof FailoverTestInputs>;

export const FAILOVER_TEST_INPUT_KEYS: readonly string[] = KEYS;

const isVapp = (id: string) => id.startsWith("C4VAPP-");

/** Validates the inputs; no API call. */
export function validateFailoverTest(news: Record<string, unknown>) {
  const f = new Failures();
  const id = checkString(f, "replicationId", news.replicationId, true);
  if (id !== undefined && !/^C4(VAPP)?-/.test(id)) {
    f.add("replicationId", "must be a VM replication id (C4-…) or a vApp replication id (C4VAPP-…)", id);
  }
  const instance = checkString(f, "instance", news.instance, false);
  const sync = checkBoolean(f, "sync", news.sync);
  if (sync === true && ((instance && instance !== "latest") || news.instanceMap !== undefined)) {
    f.add("sync", "cannot be combined with instance or instanceMap: a synced test recovers the new instance", true);
  }
  if (news.instanceMap !== undefined && !isUnknown(news.instanceMap)) {
    if (!isObject(news.instanceMap))
      f.add("instanceMap", "must be an object of VM replication id → instance key", news.instanceMap);
    else if (id && !isVapp(id))
      f.add("instanceMap", "is for a vApp replication; a VM replication takes instance", news.instanceMap);
  }
  if (id && isVapp(id) && instance && instance !== "latest") {
    f.add("instance", 'of a vApp replication is "latest"; name each VM\'s instance in instanceMap', instance);
  }
  checkBoolean(f, "powerOn", news.powerOn);
  checkBoolean(f, "exposePITsAsSnapshots", news.exposePITsAsSnapshots);
  for (const k of ["vAppNetworkSettings", "vmNetworkSettings"] as const) {
    const v = news[k];
    if (v !== undefined && v !== null && !isUnknown(v) && !isObject(v)) f.add(k, "must be an object", v);
  }
  checkString(f, "site", news.site, false);
  for (const k of Object.keys(news)) {
    if (![...KEYS, "__provider"].includes(k as never) && news[k] !== undefined)
      f.add(k, `is not an input of FailoverTest (inputs: ${KEYS.join(", ")})`, news[k]);
  }
  return f.list;
}

const timeoutMs = (a: FailoverTestInputs) => (a.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
const ctxOf = (a: FailoverTestInputs, operationId: string): CallContext => ({ site: a.site, operationId });
const waitOptions = (a: FailoverTestInputs, operationId: string) => ({
  timeoutMs: timeoutMs(a),
  operationId,
  ...(a.site ? { site: a.site } : {}),
});

function latest(instances: ApiInstance[]): ApiInstance | undefined {
  return [...instances].sort((x, y) => (y.timestamp ?? 0) - (x.timestamp ?? 0))[0];
}

/** The instance a VM's test recovers (a given key, or the latest), with its timestamp. */
async function instanceOf(
  client: VcdaClient,
  vmReplicationId: string,
  wanted: string | undefined,
  ctx: CallContext,
): Promise<ApiInstance | undefined> {
  const all = await listInstances(client, vmReplicationId, ctx);
  if (!wanted || wanted === "latest") return latest(all);
  const found = all.find((i) => i.key === wanted || i.key === `replica-${wanted}`);
  if (!found) {
    throw new Error(
      `FailoverTest: replication ${vmReplicationId} has no instance ${wanted} (it has ${all.map((i) => i.key).join(", ") || "none"})`,
    );
  }
  return found;
}

function members(kind: "vm" | "vapp", server: ApiVmReplication | ApiVappReplication): ApiVmReplication[] {
  return kind === "vapp" ? ((server as ApiVappReplication).vmReplications ?? []) : [server as ApiVmReplication];
}

/** Runs the test failover and waits; on failure, cleans up so no test is left behind, or records what is left. */
export async function runFailoverTest(
  client: VcdaClient,
  args: FailoverTestInputs,
  operationId: string,
  raw: Record<string, unknown>,
): Promise<{ id: string; state: FailoverTestState }> {
  const kind = isVapp(args.replicationId) ? "vapp" : "vm";
  const ep = kind === "vapp" ? VAPP_REPLICATIONS : VM_REPLICATIONS;
  const ctx = ctxOf(args, operationId);
  const before = await getReplication<ApiVmReplication | ApiVappReplication>(
    client,
    ep as never,
    args.replicationId,
    ctx,
  );
  if (!before) throw new Error(`FailoverTest: replication ${args.replicationId} does not exist`);
  const vms = members(kind, before);
  // The instance of each VM, chosen before the test so the RPO at test time is exact.
  const instances = new Map<string, ApiInstance | undefined>();
  if (!args.sync) {
    for (const m of vms) {
      const wanted = kind === "vapp" ? args.instanceMap?.[m.id] : args.instance;
      instances.set(m.id, await instanceOf(client, m.id, wanted, ctx));
    }
  }
  const toVcenter = kind === "vm" && !(before as ApiVmReplication).destination?.vdcId;
  const body: Record<string, unknown> = {
    type: toVcenter ? "vcenter" : "vcloud",
    powerOn: args.powerOn ?? true,
    ...(args.sync ? { sync: true } : {}),
    ...(kind === "vm" && !args.sync ? { instanceId: instances.get(args.replicationId)?.key } : {}),
    ...(kind === "vapp" && !args.sync
      ? { instanceMap: Object.fromEntries([...instances].map(([rid, i]) => [rid, i?.key])) }
      : {}),
    ...(args.vAppNetworkSettings ? { vAppNetworkSettings: args.vAppNetworkSettings } : {}),
    ...(args.vmNetworkSettings ? { vmNetworkSettings: args.vmNetworkSettings } : {}),
    ...(toVcenter && args.exposePITsAsSnapshots !== undefined
      ? { exposePITsAsSnapshots: args.exposePITsAsSnapshots }
      : {}),
  };
  const started = await startFailoverTest(client, ep, args.replicationId, body, ctx);
  let task: Awaited<ReturnType<VcdaClient["waitForTask"]>>;
  try {
    task = await client.waitForTask(started, waitOptions(args, operationId));
  } catch (e) {
    const reason = `FailoverTest of ${args.replicationId}: ${(e as Error).message}`;
    // Never leave a half-made test behind: clean up, and only if that fails, record it so destroy tries again.
    const cleaned = await cleanUp(client, args, operationId).then(
      () => true,
      () => false,
    );
    if (cleaned && !(e instanceof VcdaTimeoutError))
      throw new Error(`${reason} (the test was cleaned up)`, { cause: e });
    const id = `${args.replicationId}/test`;
    throw new ReplicationPartialFailure(reason, id, { ...raw, kind, taskId: started.id, vms: [] }, [reason]);
  }
  const after =
    (await getReplication<ApiVmReplication | ApiVappReplication>(client, ep as never, args.replicationId, ctx)) ??
    before;
  if (args.sync) {
    for (const m of members(kind, after)) instances.set(m.id, latest(await listInstances(client, m.id, ctx)));
  }
  const startedAt = task.startTime ?? null;
  const tested: TestedVm[] = members(kind, after).map((m) => {
    const i = instances.get(m.id);
    const ts = i?.timestamp ?? null;
    return {
      replicationId: m.id,
      vmName: m.vmName ?? null,
      instance: i?.key ?? null,
      instanceTimestamp: ts,
      testVmId: m.destinationState?.recoveryInfo?.vcdVmId ?? null,
      rpoSeconds: ts !== null && startedAt !== null ? Math.max(0, Math.round((startedAt - ts) / 1000)) : null,
    };
  });
  const rpos = tested.map((t) => t.rpoSeconds).filter((x): x is number => x !== null);
  const finishedAt = task.endTime && task.endTime > 0 ? task.endTime : null;
  const recoveryStates = members(kind, after).map((m) => m.destinationState?.recoveryInfo?.recoveryState ?? null);
  return {
    id: `${args.replicationId}/test`,
    state: {
      kind,
      taskId: task.id,
      startedAt,
      finishedAt,
      timeToRecoverSeconds:
        startedAt !== null && finishedAt !== null ? Math.round((finishedAt - startedAt) / 100) / 10 : null,
      rpoAtTestSeconds: rpos.length ? Math.max(...rpos) : null,
      recoveryState: recoveryStates.includes("TEST") ? "TEST" : (recoveryStates[0] ?? null),
      testVappId:
        kind === "vapp"
          ? ((after as ApiVappReplication).destination?.recoveredVappId ?? null)
          : ((after as ApiVmReplication).destinationState?.recoveryInfo?.vAppId ?? null),
      vms: tested,
    },
  };
}

/** True when the replication still holds a test failover (any of its VMs in TEST). */
export async function testActive(
  client: VcdaClient,
  args: FailoverTestInputs,
  operationId: string,
): Promise<boolean | "gone"> {
  const kind = isVapp(args.replicationId) ? "vapp" : "vm";
  const ep = kind === "vapp" ? VAPP_REPLICATIONS : VM_REPLICATIONS;
  const r = await getReplication<ApiVmReplication | ApiVappReplication>(
    client,
    ep as never,
    args.replicationId,
    ctxOf(args, operationId),
  );
  if (!r) return "gone";
  return members(kind, r).some((m) => m.destinationState?.recoveryInfo?.recoveryState === "TEST");
}

/** DELETE …/failover-test and wait; a replication that is gone, or holds no test any more, counts as cleaned up. */
export async function cleanUp(client: VcdaClient, args: FailoverTestInputs, operationId: string): Promise<void> {
  const ep = isVapp(args.replicationId) ? VAPP_REPLICATIONS : VM_REPLICATIONS;
  const task = await startFailoverTestCleanup(client, ep, args.replicationId, ctxOf(args, operationId));
  if (!task) return;
  try {
    await client.waitForTask(task, waitOptions(args, operationId));
  } catch (e) {
    if (e instanceof VcdaTaskFailedError && (await testActive(client, args, operationId)) !== true) {
      log.debug(`vcda: the test failover of ${args.replicationId} was already gone: ${e.message}`);
      return;
    }
    throw e;
  }
}
