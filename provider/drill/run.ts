/**
 * A DR drill of a stack, on the Automation API: reads the production stack's replications from its state, creates
 * a separate drill stack whose program holds one FailoverTest per replication (the engine runs `parallel` at a
 * time), collects what each test measured, and always destroys the drill stack (cleanup), also when a test fails
 * or the drill is interrupted (the `signal`: Ctrl-C stops the engine gracefully, then cleanup runs).
 */
import { type EngineEvent, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { FailoverTest } from "../resources/failover-test";
import type { DrillReport, DrillResult, DrillTargets } from "./report";

const REPLICATION_TYPES = ["pulumi-nodejs:dynamic/vcda:VmReplication", "pulumi-nodejs:dynamic/vcda:VappReplication"];
const FAILOVER_TEST_TYPE = "pulumi-nodejs:dynamic/vcda:FailoverTest";

export interface DrillOptions {
  /** The production stack (name, or org/project/stack). */
  stack: string;
  /** Folder of the production stack's project (its Pulumi.yaml). */
  cwd: string;
  /** Tests run at once (the engine's `--parallel`). */
  parallel: number;
  /** Only these production resource names (default: every protection). */
  only?: string[];
  /** Power the test VMs on. */
  powerOn: boolean;
  targets: DrillTargets;
  /** Longest wait for one test or its cleanup, seconds. */
  timeoutSeconds?: number;
  /** Progress lines, one per event worth telling. */
  onProgress?: (line: string) => void;
  /** Abort (Ctrl-C): stops the tests and cleans up. */
  signal?: AbortSignal;
}

interface Target {
  name: string;
  replicationId: string;
  kind: "vm" | "vapp";
  site?: string;
  connection?: unknown;
}

type Resource = { urn: string; type: string; id?: string; outputs?: Record<string, unknown> };

const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

/** The replications of a stack worth drilling: protections that exist and were not recovered. */
export function drillTargets(resources: Resource[], only?: string[]): Target[] {
  return resources
    .filter((r) => REPLICATION_TYPES.includes(r.type) && r.id)
    .filter((r) => r.outputs?.isMigration !== true && r.outputs?.recoveryState !== "COMPLETE")
    .map((r) => ({
      name: nameOf(r.urn),
      replicationId: String(r.outputs?.replicationId ?? r.id),
      kind: r.type.endsWith("VappReplication") ? ("vapp" as const) : ("vm" as const),
      ...(typeof r.outputs?.site === "string" ? { site: r.outputs.site } : {}),
      ...(r.outputs?.connection ? { connection: r.outputs.connection } : {}),
    }))
    .filter((t) => !only?.length || only.includes(t.name));
}

export async function runDrill(opts: DrillOptions): Promise<DrillReport> {
  const say = opts.onProgress ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const prod = await LocalWorkspace.selectStack({ stackName: opts.stack, workDir: opts.cwd });
  const state = (await prod.exportStack()).deployment as { resources?: Resource[] };
  const targets = drillTargets(state.resources ?? [], opts.only);
  if (targets.length === 0) throw new Error(`Stack ${opts.stack} has no replication to drill (protections only).`);
  say(`Drilling ${targets.length} replication(s) of ${opts.stack}, ${opts.parallel} at a time`);

  const config = Object.fromEntries(Object.entries(await prod.getAllConfig()).filter(([k]) => k.startsWith("vcda:")));
  const { url } = await prod.workspace.whoAmI();
  const program = async () => {
    const out: Record<string, unknown> = {};
    for (const t of targets) {
      const test = new FailoverTest(t.name, {
        replicationId: t.replicationId,
        powerOn: opts.powerOn,
        ...(t.site ? { site: t.site } : {}),
        ...(opts.timeoutSeconds ? { timeoutSeconds: opts.timeoutSeconds } : {}),
        ...(t.connection ? { connection: t.connection as never } : {}),
      });
      out[t.name] = test.id;
    }
    return out;
  };
  const drill = await LocalWorkspace.createOrSelectStack(
    { stackName: `${opts.stack.split("/").pop()}-drill`, projectName: "vcda-drill", program },
    { envVars: { ...(url ? { PULUMI_BACKEND_URL: url } : {}) } },
  );
  await drill.setAllConfig(config);

  const errors = new Map<string, string>();
  const onEvent = (e: EngineEvent) => {
    const pre = e.resourcePreEvent?.metadata;
    if (pre?.type === FAILOVER_TEST_TYPE && pre.op === "create") say(`… ${nameOf(pre.urn)}: test failover started`);
    const done = e.resOutputsEvent?.metadata;
    if (done?.type === FAILOVER_TEST_TYPE && done.op === "create") {
      const o = (done.new?.outputs ?? {}) as Record<string, unknown>;
      say(
        `✓ ${nameOf(done.urn)}: recovered in ${o.timeToRecoverSeconds ?? "?"} s, RPO at test ${o.rpoAtTestSeconds ?? "?"} s`,
      );
    }
    const d = e.diagnosticEvent;
    if (d?.urn && d.severity === "error") {
      errors.set(nameOf(d.urn), d.message.trim());
      say(`✗ ${nameOf(d.urn)}: ${d.message.trim()}`);
    }
  };

  let results: DrillResult[] = [];
  let cleanedUp = false;
  try {
    await drill
      .up({ parallel: opts.parallel, onEvent, ...(opts.signal ? { signal: opts.signal } : {}) })
      .catch((e: Error) => say(`The drill's up ended with an error: ${firstLine(e.message)}`));
    results = collect(targets, await resourcesOf(drill), errors, opts.signal?.aborted === true);
  } finally {
    cleanedUp = await cleanUp(drill, opts.parallel, say);
  }
  return {
    stack: opts.stack,
    startedAt,
    finishedAt: new Date().toISOString(),
    targets: opts.targets,
    cleanedUp,
    ...(opts.signal?.aborted ? { interrupted: true } : {}),
    results,
  };
}

async function resourcesOf(stack: Stack): Promise<Resource[]> {
  return (((await stack.exportStack()).deployment as { resources?: Resource[] }).resources ?? []).filter(
    (r) => r.type === FAILOVER_TEST_TYPE,
  );
}

function collect(targets: Target[], tests: Resource[], errors: Map<string, string>, aborted: boolean): DrillResult[] {
  return targets.map((t) => {
    const o = tests.find((r) => nameOf(r.urn) === t.name)?.outputs;
    if (!o) {
      return {
        name: t.name,
        replicationId: t.replicationId,
        kind: t.kind,
        status: "failed" as const,
        error: errors.get(t.name) ?? (aborted ? "the drill was interrupted before this test" : "no test was made"),
        timeToRecoverSeconds: null,
        rpoAtTestSeconds: null,
        vms: [],
      };
    }
    const vms = (o.vms as Array<Record<string, unknown>> | undefined) ?? [];
    return {
      name: t.name,
      replicationId: t.replicationId,
      kind: t.kind,
      status: "tested" as const,
      timeToRecoverSeconds: (o.timeToRecoverSeconds as number | null) ?? null,
      rpoAtTestSeconds: (o.rpoAtTestSeconds as number | null) ?? null,
      vms: vms.map((v) => ({
        vmName: (v.vmName as string | null) ?? null,
        replicationId: String(v.replicationId),
        instance: (v.instance as string | null) ?? null,
        rpoSeconds: (v.rpoSeconds as number | null) ?? null,
        testVmId: (v.testVmId as string | null) ?? null,
      })),
    };
  });
}

/** Destroys the drill stack (every test failover is cleaned up) and removes it; true when nothing is left. */
async function cleanUp(drill: Stack, parallel: number, say: (l: string) => void): Promise<boolean> {
  say("Cleaning up the test failovers");
  try {
    await drill.destroy({ parallel });
    const left = await resourcesOf(drill);
    if (left.length === 0) {
      await drill.workspace.removeStack(drill.name);
      return true;
    }
    say(`✗ ${left.length} test failover(s) were not cleaned up: ${left.map((r) => nameOf(r.urn)).join(", ")}`);
  } catch (e) {
    say(
      `✗ Cleanup failed: ${firstLine((e as Error).message)}. Run the drill's destroy again: pulumi destroy --stack ${drill.name}`,
    );
  }
  return false;
}

const firstLine = (s: string) => s.split("\n").find((l) => l.trim()) ?? s;
