/**
 * `vcda.FailoverTest`: a test failover of a VM or vApp replication, as a resource, for DR drills. Creating it
 * recovers test copies of the replication's VMs at the destination and waits; destroying it cleans them up. The
 * production replication keeps replicating. Type token `pulumi-nodejs:dynamic/vcda:FailoverTest`.
 *
 * A drill stack reads a production stack's replication ids through a `pulumi.StackReference`, so production and
 * drill have separate lifecycles:
 *
 * ```ts
 * const prod = new pulumi.StackReference("org/vcda-prod/prod");
 * new vcda.FailoverTest("web-drill", { replicationId: prod.requireOutput("webReplicationId"), powerOn: false });
 * ```
 *
 * Outputs: `timeToRecoverSeconds`, `rpoAtTestSeconds`, the instance used and the test VM per VM (`vms`).
 * Every input but `timeoutSeconds` replaces the test (one test at a time per replication: the old one is cleaned
 * up first). See `provider/replication/failover-test.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import provider from "../dynamic/failover-test";
import type { FailoverTestInputs } from "../inputs";
import { FAILOVER_TEST } from "../properties/failover-test";
import { keysOf } from "../properties/types";
import type { TestedVm } from "../replication/failover-test";
import { propsWithOutputs, withSecretConnection } from "./connection-secret";
import type { DeepInput } from "./vm-replication";

export type FailoverTestArgs = { [K in keyof FailoverTestInputs]: DeepInput<FailoverTestInputs[K]> };

/** Output keys computed by the provider, registered in the constructor: the contract's, which the schema lists too. */
const OUTPUTS = keysOf(FAILOVER_TEST.outputs);

export class FailoverTest extends pulumi.dynamic.Resource {
  // Inputs, as applied.
  declare public readonly replicationId: pulumi.Output<string>;
  declare public readonly instance: pulumi.Output<string | undefined>;
  declare public readonly instanceMap: pulumi.Output<Record<string, string> | undefined>;
  declare public readonly sync: pulumi.Output<boolean | undefined>;
  declare public readonly powerOn: pulumi.Output<boolean | undefined>;
  declare public readonly vAppNetworkSettings: pulumi.Output<Record<string, unknown> | undefined>;
  declare public readonly vmNetworkSettings: pulumi.Output<Record<string, unknown> | undefined>;
  declare public readonly exposePITsAsSnapshots: pulumi.Output<boolean | undefined>;
  declare public readonly site: pulumi.Output<string | undefined>;
  declare public readonly timeoutSeconds: pulumi.Output<number | undefined>;
  declare public readonly connection: pulumi.Output<FailoverTestInputs["connection"]>;

  // What the test recorded.
  /** `vm` or `vapp`. */
  declare public readonly kind: pulumi.Output<"vm" | "vapp">;
  declare public readonly taskId: pulumi.Output<string>;
  /** When the test started and ended (epoch ms, the appliance's clock). */
  declare public readonly startedAt: pulumi.Output<number | null>;
  declare public readonly finishedAt: pulumi.Output<number | null>;
  /** How long recovering the test VMs took, seconds. */
  declare public readonly timeToRecoverSeconds: pulumi.Output<number | null>;
  /** The worst RPO of the tested VMs at test time: from its instance to the start of the test, seconds. */
  declare public readonly rpoAtTestSeconds: pulumi.Output<number | null>;
  /** `TEST` while the test stands. */
  declare public readonly recoveryState: pulumi.Output<string | null>;
  declare public readonly testVappId: pulumi.Output<string | null>;
  /** Per VM: the instance recovered, its timestamp, the test VM id and its RPO at test time. */
  declare public readonly vms: pulumi.Output<TestedVm[]>;

  constructor(name: string, args: FailoverTestArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, propsWithOutputs(args, OUTPUTS), withSecretConnection(opts), "vcda", "FailoverTest");
  }
}
