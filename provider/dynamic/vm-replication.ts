/**
 * The VmReplication dynamic provider. This module's entire export is ONE provider instance, so that Pulumi's closure
 * serializer writes `require("pulumi-vcda/dynamic/vm-replication")` into the state instead of copying this code.
 *
 * | method    | API calls                                                                                                   |
 * |-----------|-------------------------------------------------------------------------------------------------------------|
 * | check     | none: validates every input (replication/validate.ts)                                                       |
 * | diff      | none: the update-or-replace table of replication/diff.ts                                                    |
 * | create    | [adopt: GET /vm-replications?vmId=] POST /vm-replications, wait for the `start` task (shared POST /tasks/poll); [paused: POST .../pause + wait] |
 * | read      | GET /vm-replications/{id} (404 → gone)                                                                      |
 * | update    | PATCH /vm-replications/{id}, PATCH .../disks, POST .../pause or .../resume, each waited for; GET if none ran |
 * | delete    | DELETE /vm-replications/{id}, wait for the `stop` task; 404 → already gone. Removes the replica disks.       |
 *
 * Failures after the replication exists (its task failed or timed out, a later step failed) are reported as
 * Pulumi partial failures (`{id, properties, reasons}`): the replication is recorded in state and the next `up`
 * updates it instead of creating a duplicate.
 */
import type * as pulumi from "@pulumi/pulumi";
import { REPLICATION_NOT_FOUND_CODES } from "../api/error";
import type { ApiVmReplication } from "../api/replication";
import type { Task } from "../api/task";
import {
  getClient,
  newOperationId,
  type VcdaClient,
  VcdaConnectionError,
  VcdaTaskFailedError,
  VcdaTimeoutError,
} from "../client";
import { configureFromRequest } from "../config";
import { stackLimits } from "../limits";
import { log } from "../log";
import {
  type CallContext,
  getReplication,
  listReplications,
  replicationOfTask,
  startCreate,
  startDelete,
  startDisks,
  startPauseResume,
  startReconfigure,
  startTasksSince,
} from "../replication/calls";
import { diffReplication } from "../replication/diff";
import {
  DEFAULT_TIMEOUT_SECONDS,
  pickInputs,
  reflectDrift,
  toCreateBody,
  toOutputs,
  toReconfigureBody,
  toServerState,
  type VmReplicationArgs,
  type VmReplicationOutputs,
} from "../replication/mapping";
import { validateInputs } from "../replication/validate";
import { validateConnection } from "./policy-common";

const PROVIDER_KEY = "__provider";

/** An error Pulumi reports as "created, but failed to initialize": the resource is kept in state with `properties`. */
class ReplicationPartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ReplicationPartialFailure";
  }
}

const timeoutMs = (args: VmReplicationArgs) => (args.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
const ctxOf = (args: VmReplicationArgs, operationId: string): CallContext => ({ site: args.site, operationId });
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const withProvider = (outs: object, raw: Record<string, unknown>) =>
  raw[PROVIDER_KEY] !== undefined ? { ...outs, [PROVIDER_KEY]: raw[PROVIDER_KEY] } : { ...outs };

/** Waits for a task and returns the replication in its result (or reads it when the result is missing). */
async function waitForReplication(
  client: VcdaClient,
  task: Task,
  id: string | undefined,
  args: VmReplicationArgs,
  operationId: string,
): Promise<ApiVmReplication> {
  const done = await client.waitForTask(task.id, {
    timeoutMs: timeoutMs(args),
    operationId,
    ...(args.site ? { site: args.site } : {}),
  });
  const fromResult = replicationOfTask(done);
  if (fromResult) return fromResult;
  const rid = id ?? done.workflowInfo?.resourceId ?? undefined;
  const read = rid ? await getReplication(client, rid, ctxOf(args, operationId)) : undefined;
  if (!read) {
    throw new Error(
      `VCDA task ${done.id} (${done.workflowInfo?.type ?? "?"}) succeeded but returned no replication, and ${rid ? `GET /vm-replications/${rid} found none` : "it names no replication id"} (operationID ${operationId})`,
    );
  }
  return read;
}

/** Makes sure the session covers the cloud sites the replication touches (decisions #5). No-op when not configured. */
async function ensureSites(client: VcdaClient, args: VmReplicationArgs, operationId: string): Promise<void> {
  const sites = new Set<string>();
  if (args.source?.type === "vcloud" && args.source.site) sites.add(args.source.site);
  if (args.destination?.type === "vcloud" && args.destination.site) sites.add(args.destination.site);
  for (const site of sites) await client.ensureSite(site, operationId);
}

/** The replication of the same source VM, if one exists (adoption; recovery from a lost create answer). */
async function findBySourceVm(
  client: VcdaClient,
  args: VmReplicationArgs,
  operationId: string,
): Promise<ApiVmReplication | undefined> {
  const vmId = args.source.vmId;
  const items = (await listReplications(client, { vmId }, ctxOf(args, operationId))).filter(
    (r) =>
      (r.vmId === undefined || r.vmId === null || r.vmId === vmId) &&
      (!r.source?.site || r.source.site === args.source.site),
  );
  if (items.length > 1) {
    throw new Error(
      `More than one replication of source VM ${vmId} exists (${items.map((r) => r.id).join(", ")}); VmReplication cannot tell which one to adopt. Delete the extra ones or set adopt: false.`,
    );
  }
  return items[0];
}

/**
 * After a create whose answer was lost: waits for the `start` tasks the appliance ran since then (GET /tasks, the
 * documented list; a lost POST leaves one behind if it arrived), then looks for a replication of the source VM.
 * Relies on no error code: a second POST is sent only when no replication of the VM exists once those tasks ended.
 */
async function findAfterLostCreate(
  client: VcdaClient,
  args: VmReplicationArgs,
  sentAt: number,
  operationId: string,
): Promise<ApiVmReplication | undefined> {
  const found = await findBySourceVm(client, args, operationId);
  if (found) return found;
  // The appliance's clock may differ from ours: look a few minutes further back; waiting on an extra task is harmless.
  const running = await startTasksSince(client, sentAt - 5 * 60_000, ctxOf(args, operationId));
  await Promise.all(
    running.map((t) =>
      client
        .waitForTask(t.id, { timeoutMs: timeoutMs(args), operationId, ...(args.site ? { site: args.site } : {}) })
        .catch(() => undefined),
    ),
  );
  return findBySourceVm(client, args, operationId);
}

/** After a refused create: names an existing replication of the source VM, which `adopt: true` would take over. */
async function duplicateHint(client: VcdaClient, args: VmReplicationArgs, operationId: string): Promise<string> {
  const existing = await findBySourceVm(client, args, operationId).catch(() => undefined);
  return existing
    ? ` Source VM ${args.source.vmId} is already replicated by ${existing.id}; set adopt: true to take it over.`
    : "";
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

interface Applied {
  inputs: VmReplicationArgs;
  server: ApiVmReplication;
}

/**
 * Runs the in-place steps that take `applied` to `news`: settings PATCH, disks PATCH, pause/resume, each waited for.
 * On failure after at least one step (or during a create), throws a partial failure recording what was applied;
 * when the first step of an update fails, rethrows (nothing changed).
 */
async function converge(
  client: VcdaClient,
  id: string,
  start: Applied,
  news: VmReplicationArgs,
  operationId: string,
  raw: Record<string, unknown>,
  verb: "create" | "update",
): Promise<Applied> {
  const d = diffReplication(toOutputs(start.inputs, start.server), news);
  let cur = start;
  let stepsDone = 0;
  const ctx = ctxOf(news, operationId);
  const step = async (name: string, run: () => Promise<Task>, apply: (a: VmReplicationArgs) => VmReplicationArgs) => {
    try {
      const task = await run();
      const server = await waitForReplication(client, task, id, news, operationId);
      cur = { inputs: apply(cur.inputs), server };
      stepsDone++;
    } catch (e) {
      const reason = `${verb} of VmReplication ${id} failed at ${name}: ${message(e)}`;
      // On update, a first step that failed cleanly changed nothing: Pulumi keeps the old state. On create, the
      // replication exists already, so every failure must record it.
      if (verb === "update" && stepsDone === 0 && !(e instanceof VcdaTimeoutError)) {
        throw new Error(reason, { cause: e });
      }
      // Something was applied (or may still be applying): record what is known so the next `up` continues.
      const live = await getReplication(client, id, ctx).catch(() => undefined);
      const server = live ?? cur.server;
      const inputs = live ? reflectDrift(cur.inputs, toServerState(live)) : cur.inputs;
      throw new ReplicationPartialFailure(reason, id, withProvider(toOutputs(inputs, server), raw), [reason]);
    }
  };
  if (d.settings) {
    await step(
      "PATCH settings",
      () => startReconfigure(client, id, toReconfigureBody(news), ctx),
      (a) => {
        const next = { ...a };
        for (const k of [
          "description",
          "rpo",
          "dataConnectionType",
          "quiesced",
          "retentionPolicy",
          "slaProfileId",
        ] as const) {
          (next as Record<string, unknown>)[k] = news[k];
        }
        return pickInputs(next as VmReplicationArgs & Record<string, unknown>);
      },
    );
  }
  if (d.disks && news.excludedDisks) {
    const disks = news.excludedDisks;
    await step(
      "PATCH disks",
      () => startDisks(client, id, disks, ctx),
      (a) => ({ ...a, excludedDisks: [...disks] }),
    );
  }
  if (d.pause) {
    const action = d.pause;
    await step(
      action,
      () => startPauseResume(client, id, action, ctx),
      (a) => ({ ...a, paused: action === "pause" }),
    );
  }
  return cur;
}

class VmReplicationProvider implements pulumi.dynamic.ResourceProvider<VmReplicationArgs, VmReplicationOutputs> {
  /** Captures stack config: the connection and `vcda:limits` (config.ts). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  /** Validates every input; no API call. */
  async check(
    _olds: VmReplicationArgs,
    news: VmReplicationArgs,
  ): Promise<pulumi.dynamic.CheckResult<VmReplicationArgs>> {
    const raw = news as unknown as Record<string, unknown>;
    const stack = stackLimits();
    const failures = [...validateInputs(raw, stack.limits), ...validateConnection(raw.connection)];
    if (stack.error) failures.push({ property: "limits", reason: stack.error });
    return { inputs: news, failures };
  }

  /** Update or replace, per the table in replication/diff.ts. No API call. */
  async diff(id: string, olds: VmReplicationOutputs, news: VmReplicationArgs): Promise<pulumi.dynamic.DiffResult> {
    const d = diffReplication(olds, pickInputs(news as VmReplicationArgs & Record<string, unknown>));
    if (d.replaces.length > 0 && (olds.recoveryState === "COMPLETE" || olds.isReversed === true)) {
      log.warn(
        `VmReplication ${id} was failed over, migrated or reversed (recoveryState ${olds.recoveryState}, isReversed ${olds.isReversed}); changing ${d.replaces.join(", ")} replaces it, which deletes the replication and its replica disks.`,
      );
    }
    return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
  }

  /** POST, wait, take the replication from the task's result; or adopt the existing replication of the source VM. */
  async create(inputs: VmReplicationArgs): Promise<pulumi.dynamic.CreateResult<VmReplicationOutputs>> {
    const raw = inputs as unknown as Record<string, unknown>;
    const args = pickInputs(raw);
    const op = newOperationId("vm-replication-create");
    const client = getClient(args.connection);
    const ctx = ctxOf(args, op);
    await ensureSites(client, args, op);

    let found: ApiVmReplication | undefined;
    if (args.adopt) {
      found = await findBySourceVm(client, args, op);
      if (found) {
        const mismatch = adoptionMismatch(args, found);
        if (mismatch) {
          throw new Error(
            `adopt: the existing replication ${found.id} of source VM ${args.source.vmId} does not match the declared one (${mismatch}). Change the program, or delete that replication.`,
          );
        }
        log.info(`VmReplication adopts the existing replication ${found.id} of source VM ${args.source.vmId}`);
      }
    }

    let task: Task | undefined;
    if (!found) {
      const body = toCreateBody(args, await client.apiVersion(op));
      const sentAt = Date.now();
      try {
        task = await startCreate(client, body, ctx);
      } catch (e) {
        if (!(e instanceof VcdaConnectionError && e.outcomeUnknown)) {
          throw new Error(`VmReplication create failed: ${message(e)}${await duplicateHint(client, args, op)}`, {
            cause: e,
          });
        }
        // The POST may have reached the appliance: let a create it started finish, and look before trying again,
        // so no duplicate is created.
        found = await findAfterLostCreate(client, args, sentAt, op);
        if (found) {
          log.info(`VmReplication: the create request's answer was lost, but replication ${found.id} exists; using it`);
        } else {
          try {
            task = await startCreate(client, body, ctx);
          } catch (e2) {
            throw new Error(`VmReplication create failed: ${message(e2)}${await duplicateHint(client, args, op)}`, {
              cause: e2,
            });
          }
        }
      }
    }

    let applied: Applied;
    if (task) {
      const id = task.workflowInfo?.resourceId ?? undefined;
      try {
        const server = await waitForReplication(client, task, id, args, op);
        // What the server holds for the fields the user manages; converge() fixes any difference (e.g. paused).
        applied = { inputs: reflectDrift(args, toServerState(server)), server };
      } catch (e) {
        const reason = `VmReplication create: ${message(e)}`;
        const live = id ? await getReplication(client, id, ctx).catch(() => undefined) : undefined;
        if (id && (live || e instanceof VcdaTimeoutError)) {
          // The replication exists (or may still appear): record it, so the next `up` updates it instead of duplicating.
          const outs = live ? toOutputs(reflectDrift(args, toServerState(live)), live) : toOutputs(args, { id });
          throw new ReplicationPartialFailure(reason, id, withProvider(outs, raw), [reason]);
        }
        throw new Error(reason, { cause: e });
      }
    } else if (found) {
      applied = { inputs: reflectDrift(args, toServerState(found)), server: found };
    } else {
      throw new Error("VmReplication create: no task and no replication (unreachable)");
    }

    const id = applied.server.id;
    const done = await converge(client, id, applied, args, op, raw, "create");
    return { id, outs: toOutputs(args, done.server) };
  }

  /** GET /vm-replications/{id}: reports drift of in-place fields; a failover/migration/reverse shows in outputs only. */
  async read(id: string, props?: VmReplicationOutputs): Promise<pulumi.dynamic.ReadResult<VmReplicationOutputs>> {
    const args = pickInputs((props ?? {}) as unknown as Record<string, unknown>);
    const op = newOperationId("vm-replication-read");
    const client = getClient(args.connection);
    await ensureSites(client, args, op);
    const live = await getReplication(client, id, ctxOf(args, op));
    if (!live) return { id: "" };
    const state = toServerState(live);
    if (props && (state.recoveryState !== props.recoveryState || state.isReversed !== props.isReversed)) {
      if (state.recoveryState === "COMPLETE" || state.isReversed) {
        log.info(
          `VmReplication ${id}: recoveryState ${state.recoveryState}, isReversed ${state.isReversed} (changed outside the stack); source and destination stay as declared, nothing is replaced.`,
        );
      }
    }
    const inputs = props?.source ? reflectDrift(args, state) : args;
    return { id: live.id, props: toOutputs(inputs, live), inputs: inputs as VmReplicationOutputs };
  }

  /** In place: settings PATCH, disks PATCH and pause/resume, each waited for. */
  async update(
    id: string,
    olds: VmReplicationOutputs,
    news: VmReplicationArgs,
  ): Promise<pulumi.dynamic.UpdateResult<VmReplicationOutputs>> {
    const raw = news as unknown as Record<string, unknown>;
    const args = pickInputs(raw);
    const op = newOperationId("vm-replication-update");
    const client = getClient(args.connection);
    await ensureSites(client, args, op);
    const oldInputs = pickInputs(olds as unknown as Record<string, unknown>);
    const d = diffReplication(olds, args);
    let server: ApiVmReplication | undefined;
    if (!d.settings && !d.disks && !d.pause) {
      // State-only change, or a retry after a partial failure: read the replication for fresh outputs.
      server = await getReplication(client, id, ctxOf(args, op));
      if (!server) {
        throw new Error(
          `VmReplication ${id} no longer exists on the appliance (it was deleted, or its creation failed). Run \`pulumi refresh\` to drop it from the state; the next \`pulumi up\` creates it again.`,
        );
      }
      return { outs: toOutputs(args, server) };
    }
    const start: Applied = { inputs: oldInputs, server: serverFromOutputs(id, olds) };
    const done = await converge(client, id, start, args, op, raw, "update");
    return { outs: toOutputs(args, done.server) };
  }

  /** DELETE and wait; 404 (or a task failing with ReplicationNotFound) means already gone. */
  async delete(id: string, props: VmReplicationOutputs): Promise<void> {
    const args = pickInputs(props as unknown as Record<string, unknown>);
    const op = newOperationId("vm-replication-delete");
    const client = getClient(args.connection);
    await ensureSites(client, args, op);
    const task = await startDelete(client, id, ctxOf(args, op));
    if (!task) return;
    try {
      await client.waitForTask(task.id, {
        timeoutMs: timeoutMs(args),
        operationId: op,
        ...(args.site ? { site: args.site } : {}),
      });
    } catch (e) {
      if (e instanceof VcdaTaskFailedError && REPLICATION_NOT_FOUND_CODES.has(e.code)) return;
      // The wait failed, not necessarily the delete: if the replication is gone, it is deleted.
      const live = await getReplication(client, id, ctxOf(args, op)).catch(() => "unknown" as const);
      if (live === undefined) return;
      throw new Error(`VmReplication delete of ${id} failed: ${message(e)}`, { cause: e });
    }
  }
}

/** The server state kept in outputs, as an API object (for the first diff of an update). */
function serverFromOutputs(id: string, olds: VmReplicationOutputs): ApiVmReplication {
  return { id, isPaused: olds.isPaused ?? null, settings: (olds.settings ?? null) as ApiVmReplication["settings"] };
}

export = new VmReplicationProvider();
