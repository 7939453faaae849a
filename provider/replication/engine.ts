/**
 * The replication provider every kind shares (kinds in kind.ts: VM, vApp). A dynamic-provider module exports one
 * instance, `new ReplicationProvider(kind)`, so Pulumi serializes a `require()` of that module.
 *
 * | method | API calls                                                                                                     |
 * |--------|---------------------------------------------------------------------------------------------------------------|
 * | check  | none: the kind's validation                                                                                   |
 * | diff   | none: the kind's update-or-replace table                                                                      |
 * | create | [adopt: list by source] POST, wait for the `start` task (shared POST /tasks/poll); then the in-place steps    |
 * | read   | GET `{path}/{id}`, or one `GET {path}?ids=…` for reads that arrive together (batch-read.ts); 404 → gone;       |
 * |        | new inputs only on drift; without state (import) the inputs that describe the replication                     |
 * | update | the kind's in-place steps (PATCH settings, pause/resume, …), each waited for; a GET when none is needed        |
 * | delete | DELETE `{path}/{id}`, wait for the `stop` task; 404 → already gone                                             |
 *
 * Failures after the replication exists (its task failed or timed out, a later step failed) are reported as
 * Pulumi partial failures (`{id, properties, reasons}`): the replication is recorded in state and the next `up`
 * continues instead of creating a duplicate. A create whose answer was lost looks for the replication before
 * trying again. A failover, migration or reverse done outside the stack shows in outputs and never in a plan.
 */
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { REPLICATION_NOT_FOUND_CODES } from "../api/error";
import type { Task } from "../api/task";
import {
  getClient,
  newOperationId,
  type VcdaClient,
  VcdaConnectionError,
  VcdaTaskFailedError,
  VcdaTimeoutError,
} from "../client";
import { validateConnection } from "../client/connection";
import { configureFromRequest } from "../config";
import { stackLimits } from "../limits";
import { log } from "../log";
import { readReplication } from "./batch-read";
import {
  type CallContext,
  getReplication,
  replicationOfTask,
  startCreate,
  startDelete,
  startTasksSince,
} from "./calls";
import type { RecoveryView, ReplicationArgsBase, ReplicationKind } from "./kind";

const PROVIDER_KEY = "__provider";

/** Default wait for one VCDA task of a replication: 30 minutes. */
export const DEFAULT_TIMEOUT_SECONDS = 1800;

/** An error Pulumi reports as "created, but failed to initialize": the resource is kept in state with `properties`. */
export class ReplicationPartialFailure extends Error {
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

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const withProvider = (outs: object, raw: Record<string, unknown>) =>
  raw[PROVIDER_KEY] !== undefined ? { ...outs, [PROVIDER_KEY]: raw[PROVIDER_KEY] } : { ...outs };
const rec = (v: unknown) => (v ?? {}) as Record<string, unknown>;

export class ReplicationProvider<A extends ReplicationArgsBase, O extends A & RecoveryView, R extends { id: string }>
  implements pulumi.dynamic.ResourceProvider<A, O>
{
  constructor(private readonly kind: ReplicationKind<A, O, R>) {}

  /** Captures stack config: the connection and `vcda:limits` (config.ts). */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  /** Validates every input; no API call. */
  async check(_olds: A, news: A): Promise<pulumi.dynamic.CheckResult<A>> {
    const raw = rec(news);
    const stack = stackLimits();
    const failures = [...this.kind.validate(raw, stack.limits), ...validateConnection(raw.connection)];
    if (stack.error) failures.push({ property: "limits", reason: stack.error });
    return { inputs: news, failures };
  }

  /** Update or replace, per the kind's table. No API call. */
  async diff(id: string, olds: O, news: A): Promise<pulumi.dynamic.DiffResult> {
    const picked = this.kind.pickInputs(rec(news));
    const d = this.kind.diff(olds, picked);
    if (d.replaces.length === 0) {
      for (const w of this.kind.warnings?.(olds, picked) ?? []) log.warn(`${this.kind.name} ${id}: ${w}`);
    }
    if (d.replaces.length > 0 && (olds.recoveryState === "COMPLETE" || olds.isReversed === true)) {
      log.warn(
        `${this.kind.name} ${id} was failed over, migrated or reversed (recoveryState ${olds.recoveryState}, isReversed ${olds.isReversed}); changing ${d.replaces.join(", ")} replaces it, which deletes the replication and its replica disks.`,
      );
    }
    return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
  }

  /** POST, wait, take the replication from the task's result; or adopt the existing replication of the source. */
  async create(inputs: A): Promise<pulumi.dynamic.CreateResult<O>> {
    const k = this.kind;
    const raw = rec(inputs);
    const args = k.pickInputs(raw);
    const op = newOperationId(`${k.opKind}-create`);
    const client = getClient(args.connection);
    const ctx = this.ctx(args, op);
    await this.ensureSites(client, args, op);

    let found: R | undefined;
    if (args.adopt) {
      found = await this.findOne(client, args, ctx);
      if (found) {
        const mismatch = k.adoptionMismatch(args, found);
        if (mismatch) {
          throw new Error(
            `adopt: the existing replication ${found.id} of ${k.describeSource(args)} does not match the declared one (${mismatch}). Change the program, or delete that replication.`,
          );
        }
        log.info(`${k.name} adopts the existing replication ${found.id} of ${k.describeSource(args)}`);
      }
    }

    let task: Task | undefined;
    if (!found) {
      const body = k.createBody(args, await client.apiVersion(op));
      const sentAt = Date.now();
      try {
        task = await startCreate(client, k.endpoint, body, ctx);
      } catch (e) {
        if (!(e instanceof VcdaConnectionError && e.outcomeUnknown)) {
          throw new Error(`${k.name} create failed: ${message(e)}${await this.duplicateHint(client, args, ctx)}`, {
            cause: e,
          });
        }
        // The POST may have reached the appliance: let a create it started finish, and look before trying again.
        found = await this.findAfterLostCreate(client, args, sentAt, ctx);
        if (found) {
          log.info(`${k.name}: the create request's answer was lost, but replication ${found.id} exists; using it`);
        } else {
          try {
            task = await startCreate(client, k.endpoint, body, ctx);
          } catch (e2) {
            throw new Error(`${k.name} create failed: ${message(e2)}${await this.duplicateHint(client, args, ctx)}`, {
              cause: e2,
            });
          }
        }
      }
    }

    let applied: { inputs: A; server: R };
    if (task) {
      const id = task.workflowInfo?.resourceId ?? undefined;
      try {
        const { server } = await this.waitForReplication(client, task, id, args, op);
        // What the server holds for the fields the user manages; converge() fixes any difference (e.g. paused).
        applied = { inputs: k.reflectDrift(args, server), server };
      } catch (e) {
        const reason = `${k.name} create: ${message(e)}`;
        const live = id ? await getReplication(client, k.endpoint, id, ctx).catch(() => undefined) : undefined;
        if (id && (live || e instanceof VcdaTimeoutError)) {
          // The replication exists (or may still appear): record it, so the next `up` updates it instead of duplicating.
          const outs = live
            ? k.toOutputs(k.reflectDrift(args, live), live)
            : k.toOutputs(args, k.serverFromOutputs(id, args as unknown as O));
          throw new ReplicationPartialFailure(reason, id, withProvider(outs, raw), [reason]);
        }
        throw new Error(reason, { cause: e });
      }
    } else if (found) {
      applied = { inputs: k.reflectDrift(args, found), server: found };
    } else {
      throw new Error(`${k.name} create: no task and no replication (unreachable)`);
    }

    const id = applied.server.id;
    const done = await this.converge(client, id, applied, args, op, raw, "create");
    return { id, outs: k.toOutputs(this.withRecorded(args, done.inputs), done.server) };
  }

  /**
   * GET `{path}/{id}`: drift of in-place fields comes back as new inputs (none without drift); a failover, migration
   * or reverse shows in outputs only.
   */
  async read(id: string, props?: O): Promise<pulumi.dynamic.ReadResult<O>> {
    const k = this.kind;
    const args = k.pickInputs(rec(props));
    const op = newOperationId(`${k.opKind}-read`);
    const client = getClient(args.connection);
    await this.ensureSites(client, args, op);
    // May share one list with the other reads of a refresh (batch-read.ts).
    const live = await readReplication(client, k.endpoint, id, this.ctx(args, op));
    if (!live) return { id: "" };
    const state = k.recovery(live);
    if (props && (state.recoveryState !== props.recoveryState || state.isReversed !== props.isReversed)) {
      if (state.recoveryState === "COMPLETE" || state.isReversed) {
        log.info(
          `${k.name} ${id}: recoveryState ${state.recoveryState}, isReversed ${state.isReversed} (changed outside the stack); source and destination stay as declared, nothing is replaced.`,
        );
      }
    }
    // Without state (`pulumi import`, a `get`), the inputs are what describes the replication the appliance holds.
    const stateless = Object.keys(args).length === 0 || !rec(props).source;
    const inputs = !stateless ? k.reflectDrift(args, live) : k.inputsOf ? k.inputsOf(live) : args;
    const outs = k.toOutputs(inputs, live);
    // No drift: return no inputs, so the engine keeps the state's as the program wrote them (and the provider does
    // not serialize them again: 3 % of its CPU in a 500-replication refresh).
    if (!stateless && isDeepStrictEqual(inputs, args)) return { id: live.id, props: outs };
    return { id: live.id, props: outs, inputs: inputs as unknown as O };
  }

  /** In place: the kind's steps, each waited for. */
  async update(id: string, olds: O, news: A): Promise<pulumi.dynamic.UpdateResult<O>> {
    const k = this.kind;
    const raw = rec(news);
    const args = k.pickInputs(raw);
    const op = newOperationId(`${k.opKind}-update`);
    const client = getClient(args.connection);
    await this.ensureSites(client, args, op);
    if (k.steps(olds, args).length === 0) {
      // State-only change, or a retry after a partial failure: read the replication for fresh outputs.
      const server = await getReplication(client, k.endpoint, id, this.ctx(args, op));
      if (!server) {
        throw new Error(
          `${k.name} ${id} no longer exists on the appliance (it was deleted, or its creation failed). Run \`pulumi refresh\` to drop it from the state; the next \`pulumi up\` creates it again.`,
        );
      }
      return { outs: k.toOutputs(this.withRecorded(args, k.pickInputs(rec(olds))), server) };
    }
    const start = { inputs: k.pickInputs(rec(olds)), server: k.serverFromOutputs(id, olds) };
    const done = await this.converge(client, id, start, args, op, raw, "update");
    return { outs: k.toOutputs(this.withRecorded(args, done.inputs), done.server) };
  }

  /** DELETE and wait; 404 (or a task failing with a not-found code) means already gone. */
  async delete(id: string, props: O): Promise<void> {
    const k = this.kind;
    const args = k.pickInputs(rec(props));
    const op = newOperationId(`${k.opKind}-delete`);
    const client = getClient(args.connection);
    await this.ensureSites(client, args, op);
    const task = await startDelete(client, k.endpoint, id, this.ctx(args, op));
    if (!task) return;
    try {
      await client.waitForTask(task, this.waitOptions(args, op));
    } catch (e) {
      if (e instanceof VcdaTaskFailedError && REPLICATION_NOT_FOUND_CODES.has(e.code)) return;
      // The wait failed, not necessarily the delete: if the replication is gone, it is deleted.
      const live = await getReplication(client, k.endpoint, id, this.ctx(args, op)).catch(() => "unknown" as const);
      if (live === undefined) return;
      throw new Error(`${k.name} delete of ${id} failed: ${message(e)}`, { cause: e });
    }
  }

  /**
   * Runs the in-place steps that take `start` to `news`, each waited for. On failure after at least one step (or
   * during a create), throws a partial failure recording what was applied; when the first step of an update fails
   * cleanly, rethrows (nothing changed, Pulumi keeps the old state).
   */
  private async converge(
    client: VcdaClient,
    id: string,
    start: { inputs: A; server: R },
    news: A,
    operationId: string,
    raw: Record<string, unknown>,
    verb: "create" | "update",
  ): Promise<{ inputs: A; server: R }> {
    const k = this.kind;
    const ctx = this.ctx(news, operationId);
    let cur = start;
    let stepsDone = 0;
    for (const step of k.steps(k.toOutputs(start.inputs, start.server), news)) {
      try {
        const started = await step.start(client, id, ctx);
        const { task, server } = await this.waitForReplication(client, started, id, news, operationId);
        cur = { inputs: step.apply(cur.inputs, { task, server }), server };
        stepsDone++;
      } catch (e) {
        const reason = `${verb} of ${k.name} ${id} failed at ${step.name}: ${message(e)}`;
        if (verb === "update" && stepsDone === 0 && !(e instanceof VcdaTimeoutError)) {
          throw new Error(reason, { cause: e });
        }
        // Something was applied (or may still be applying): record what is known so the next `up` continues.
        const live = await getReplication(client, k.endpoint, id, ctx).catch(() => undefined);
        const server = live ?? cur.server;
        const inputs = live ? k.reflectDrift(cur.inputs, live) : cur.inputs;
        throw new ReplicationPartialFailure(reason, id, withProvider(k.toOutputs(inputs, server), raw), [reason]);
      }
    }
    return cur;
  }

  /** Waits for a task and returns the replication in its result (or reads it when the result is missing). */
  private async waitForReplication(
    client: VcdaClient,
    task: Task,
    id: string | undefined,
    args: A,
    operationId: string,
  ): Promise<{ task: Task; server: R }> {
    const k = this.kind;
    const done = await client.waitForTask(task, this.waitOptions(args, operationId));
    const fromResult = replicationOfTask(k.endpoint, done);
    // A step on one VM of a vApp (its disks PATCH) answers with that VM's replication, not the vApp: read the vApp.
    if (fromResult && (id === undefined || fromResult.id === id)) return { task: done, server: fromResult };
    const rid = id ?? done.workflowInfo?.resourceId ?? undefined;
    const read = rid ? await getReplication(client, k.endpoint, rid, this.ctx(args, operationId)) : undefined;
    if (!read) {
      throw new Error(
        `VCDA task ${done.id} (${done.workflowInfo?.type ?? "?"}) succeeded but returned no replication, and ${rid ? `GET ${k.endpoint.path}/${rid} found none` : "it names no replication id"} (operationID ${operationId})`,
      );
    }
    return { task: done, server: read };
  }

  /** The replication of the same source, if one exists; more than one is an error naming them. */
  private async findOne(client: VcdaClient, args: A, ctx: CallContext): Promise<R | undefined> {
    const items = await this.kind.findExisting(client, args, ctx);
    if (items.length > 1) {
      throw new Error(
        `More than one replication of ${this.kind.describeSource(args)} exists (${items.map((r) => r.id).join(", ")}); ${this.kind.name} cannot tell which one to adopt. Delete the extra ones or set adopt: false.`,
      );
    }
    return items[0];
  }

  /**
   * After a create whose answer was lost: waits for the `start` tasks the appliance ran since then (GET /tasks, the
   * documented list; a lost POST leaves one behind if it arrived), then looks for a replication of the source.
   * Relies on no error code: a second POST is sent only when none exists once those tasks ended.
   */
  private async findAfterLostCreate(client: VcdaClient, args: A, sentAt: number, ctx: CallContext) {
    const found = await this.findOne(client, args, ctx);
    if (found) return found;
    // The appliance's clock may differ from ours: look a few minutes further back; waiting on an extra task is harmless.
    const running = await startTasksSince(client, this.kind.endpoint, sentAt - 5 * 60_000, ctx);
    await Promise.all(
      running.map((t) => client.waitForTask(t, this.waitOptions(args, ctx.operationId)).catch(() => undefined)),
    );
    return this.findOne(client, args, ctx);
  }

  /** After a refused create: names an existing replication of the source, which `adopt: true` would take over. */
  private async duplicateHint(client: VcdaClient, args: A, ctx: CallContext): Promise<string> {
    const existing = (await this.kind.findExisting(client, args, ctx).catch(() => []))[0];
    return existing
      ? ` ${upperFirst(this.kind.describeSource(args))} is already replicated by ${existing.id}; set adopt: true to take it over.`
      : "";
  }

  /** `args` with the keys the provider records (kind.recordedKeys) taken from `applied`. */
  private withRecorded(args: A, applied: A): A {
    const out = { ...args } as Record<string, unknown>;
    for (const key of this.kind.recordedKeys ?? []) {
      const v = (applied as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
    return out as A;
  }

  private async ensureSites(client: VcdaClient, args: A, operationId: string): Promise<void> {
    for (const site of new Set(this.kind.sites(args))) await client.ensureSite(site, operationId);
  }

  private ctx(args: A, operationId: string): CallContext {
    return { site: args.site, operationId };
  }

  private waitOptions(args: A, operationId: string) {
    return {
      timeoutMs: (args.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
      operationId,
      ...(args.site ? { site: args.site } : {}),
    };
  }
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
