/**
 * Provider of `vcda:FailoverTest` (token `pulumi-nodejs:dynamic/vcda:FailoverTest`): a test failover of a VM or vApp
 * replication, for drills (replication/failover-test.ts).
 *
 * - check: the inputs, no API call.
 * - diff: any input but timeoutSeconds and connection credentials replaces the test (delete first: one test at a
 *   time per replication).
 * - create: reads the replication and its instances, POST …/failover-test, waits; a failed test is cleaned up.
 * - read: the test is gone when the replication is, or when none of its VMs is in TEST any more.
 * - delete: DELETE …/failover-test, waits; a replication or test already gone counts as cleaned up.
 *
 * This module's only export is the provider instance.
 */
import type * as pulumi from "@pulumi/pulumi";
import { validateConnection } from "../client/connection";
import { getClient, newOperationId } from "../client/index";
import { configureFromRequest } from "../config";
import type { FailoverTestInputs } from "../inputs";
import { canonical } from "../replication/diff";
import {
  cleanUp,
  FAILOVER_TEST_INPUT_KEYS,
  type FailoverTestOutputs,
  runFailoverTest,
  testActive,
  validateFailoverTest,
} from "../replication/failover-test";
import { stripUndefined } from "../replication/mapping";

const IN_PLACE = new Set(["timeoutSeconds", "connection"]);
const inputsOf = (props: Record<string, unknown>): FailoverTestInputs =>
  stripUndefined(
    Object.fromEntries(FAILOVER_TEST_INPUT_KEYS.map((k) => [k, props[k]]).filter(([, v]) => v !== undefined)),
  ) as unknown as FailoverTestInputs;

class FailoverTestProvider implements pulumi.dynamic.ResourceProvider<FailoverTestInputs, FailoverTestOutputs> {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureFromRequest(req);
  }

  async check(
    _olds: FailoverTestInputs,
    news: FailoverTestInputs,
  ): Promise<pulumi.dynamic.CheckResult<FailoverTestInputs>> {
    const raw = news as unknown as Record<string, unknown>;
    return { inputs: news, failures: [...validateFailoverTest(raw), ...validateConnection(raw.connection)] };
  }

  async diff(_id: string, olds: FailoverTestOutputs, news: FailoverTestInputs): Promise<pulumi.dynamic.DiffResult> {
    const o = olds as unknown as Record<string, unknown>;
    const n = news as unknown as Record<string, unknown>;
    const changed = FAILOVER_TEST_INPUT_KEYS.filter((k) => canonical(o[k]) !== canonical(n[k]));
    const endpointChanged = canonical(olds.connection?.endpoint) !== canonical(news.connection?.endpoint);
    const replaces = changed.filter((k) => !IN_PLACE.has(k) || (k === "connection" && endpointChanged));
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: true };
  }

  async create(inputs: FailoverTestInputs): Promise<pulumi.dynamic.CreateResult<FailoverTestOutputs>> {
    const args = inputsOf(inputs as unknown as Record<string, unknown>);
    const op = newOperationId("failover-test-create");
    const { id, state } = await runFailoverTest(getClient(args.connection), args, op, args as never);
    return { id, outs: { ...args, ...state } };
  }

  async read(id: string, props?: FailoverTestOutputs): Promise<pulumi.dynamic.ReadResult<FailoverTestOutputs>> {
    if (!props) return { id: "" };
    const args = inputsOf(props as unknown as Record<string, unknown>);
    const active = await testActive(getClient(args.connection), args, newOperationId("failover-test-read"));
    return active === true ? { id, props } : { id: "" };
  }

  async update(
    _id: string,
    olds: FailoverTestOutputs,
    news: FailoverTestInputs,
  ): Promise<pulumi.dynamic.UpdateResult<FailoverTestOutputs>> {
    // Only the timeout or the connection's credentials changed: nothing to do on the appliance.
    return { outs: { ...olds, ...inputsOf(news as unknown as Record<string, unknown>) } };
  }

  async delete(_id: string, props: FailoverTestOutputs): Promise<void> {
    const args = inputsOf(props as unknown as Record<string, unknown>);
    await cleanUp(getClient(args.connection), args, newOperationId("failover-test-delete"));
  }
}

export = new FailoverTestProvider();
