/**
 * What one kind of replication (a VM, a vApp) tells the shared replication engine (engine.ts). The engine owns the
 * rules every kind follows: waits, partial failure, adoption, a lost create answer, DR-aware drift; a kind supplies
 * its API shapes, its input contract and its update-or-replace table.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import type { Task } from "../api/task";
import type { VcdaClient } from "../client";
import type { ConnectionArgs } from "../inputs";
import type { ReplicationLimits } from "../limits";
import type { CallContext, ReplicationEndpoint } from "./calls";

/** The inputs every kind has; the engine reads these. */
export interface ReplicationArgsBase {
  site?: string;
  timeoutSeconds?: number;
  adopt?: boolean;
  connection?: ConnectionArgs;
}

/** Server state every kind reports; the engine reads these for DR-aware messages. */
export interface RecoveryView {
  recoveryState: string | null;
  isReversed: boolean | null;
}

/** One in-place change: starts a task, and says what the applied inputs become once it succeeded. */
export interface InPlaceStep<A, R = unknown> {
  name: string;
  start(client: VcdaClient, id: string, ctx: CallContext): Promise<Task>;
  /** `done`: the task as it ended, and the replication after it. */
  apply(applied: A, done: { task: Task; server: R }): A;
}

/** A kind's update-or-replace decision. */
export interface KindDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ReplicationKind<A extends ReplicationArgsBase, O extends A & RecoveryView, R extends { id: string }> {
  /** Resource name in messages, e.g. `VmReplication`. */
  name: string;
  /** Operation-id prefix, e.g. `vm-replication`. */
  opKind: string;
  endpoint: ReplicationEndpoint<R>;
  /** The inputs among props (outputs or raw inputs), without `undefined` or `__provider`. */
  pickInputs(props: Record<string, unknown>): A;
  validate(news: Record<string, unknown>, stackLimits?: Partial<ReplicationLimits>): CheckFailure[];
  diff(olds: O, news: A): KindDiff;
  /** The in-place steps that take the applied state `olds` to `news`, in order (none: nothing to call). */
  steps(olds: O, news: A): InPlaceStep<A, R>[];
  /** What a preview should say plainly about the update from `olds` to `news` (e.g. that it migrates). */
  warnings?(olds: O, news: A): string[];
  /** Keys the provider records among the applied inputs (e.g. a cutover's outcome); they survive later updates. */
  recordedKeys?: readonly string[];
  createBody(args: A, apiVersion: string): unknown;
  toOutputs(inputs: A, server: R): O;
  /** Inputs after the server's state: managed in-place fields take drifted values; source/destination never do. */
  reflectDrift(inputs: A, server: R): A;
  recovery(server: R): RecoveryView;
  /** Describes the source in messages, e.g. `source VM 5e1a…`. */
  describeSource(args: A): string;
  /** Replications of the same source (adoption, a lost create answer). */
  findExisting(client: VcdaClient, args: A, ctx: CallContext): Promise<R[]>;
  /** Why an existing replication is not the declared one, or undefined. */
  adoptionMismatch(args: A, server: R): string | undefined;
  /** Cloud sites the session must reach (decisions #5). */
  sites(args: A): string[];
  /** The server state kept in outputs, as an API object (the starting point of an update's steps). */
  serverFromOutputs(id: string, olds: O): R;
  /** The inputs that describe an existing replication, for a read without state (`pulumi import`). */
  inputsOf?(server: R): A;
}
