/**
 * The FailoverTest contract for the schema, checked against inputs.ts and replication/failover-test.ts (the state a
 * test records). Its provider is provider/dynamic/failover-test.ts.
 */
import type { FailoverTestInputs } from "../inputs";
import type { FailoverTestState, TestedVm } from "../replication/failover-test";
import { connection } from "./policy";
import { objectType, resourceContract } from "./types";

const TESTED_VM = objectType<TestedVm>("TestedVm", "One VM's part of a test failover.", {
  replicationId: { type: "string", description: "The VM replication, `C4-…`.", required: true },
  vmName: { type: "string", description: "VM name." },
  instance: { type: "string", description: "The instance the test recovered." },
  instanceTimestamp: { type: "integer", description: "When that instance was taken (epoch ms)." },
  testVmId: { type: "string", description: "The recovered test VM." },
  rpoSeconds: { type: "integer", description: "Seconds between the instance and the start of the test." },
});

const REPLACES = "Changing it replaces the test (the old one is cleaned up first).";

export const FAILOVER_TEST = resourceContract<FailoverTestInputs, FailoverTestState>({
  name: "FailoverTest",
  description:
    "A test failover of a VM or vApp replication, for DR drills: creating it recovers test copies of the replication's VMs at the destination and waits; destroying it cleans them up. The production replication keeps replicating. A test that fails is cleaned up before the error is reported. Every input but `timeoutSeconds` and the connection's credentials replaces the test (one test at a time per replication). It cannot be imported (`pulumi import`): a test is an operation the stack runs, and the appliance keeps nothing (no instance used, no task) to describe it by.",
  inputs: {
    replicationId: {
      type: "string",
      description: `The replication to test: a VM replication (\`C4-…\`) or a vApp replication (\`C4VAPP-…\`). ${REPLACES}`,
      required: true,
    },
    instance: {
      type: "string",
      description: `\`latest\` (default) or an instance key of the VM replication (\`replica-…\`). ${REPLACES}`,
    },
    instanceMap: {
      type: "map",
      values: { type: "string" },
      description: `For a vApp replication: instance key per VM replication id (default: each VM's latest). ${REPLACES}`,
    },
    sync: {
      type: "boolean",
      description: `Sync first and test the new instance (not with \`instance\` or \`instanceMap\`). ${REPLACES}`,
    },
    powerOn: { type: "boolean", description: `Power the test VMs on (default true). ${REPLACES}` },
    vAppNetworkSettings: {
      type: "map",
      values: { type: "any" },
      description: `Network settings of the test: \`{networkMappings, copySourceNetworks, …}\`. ${REPLACES}`,
    },
    vmNetworkSettings: {
      type: "map",
      values: { type: "any" },
      description: `Per-VM NIC settings; for a vApp, keyed by VM id. ${REPLACES}`,
    },
    exposePITsAsSnapshots: {
      type: "boolean",
      description: `vCenter destinations: expose the instances as snapshots. ${REPLACES}`,
    },
    site: { type: "string", description: `Site the operation runs on (default: the local site). ${REPLACES}` },
    timeoutSeconds: {
      type: "integer",
      description: "Longest wait for the test or its cleanup, seconds (default 1800). Updates in place.",
    },
    connection,
  },
  outputs: {
    kind: { type: "string", values: ["vm", "vapp"], description: "`vm` or `vapp`.", required: true },
    taskId: { type: "string", description: "The test failover task.", required: true },
    startedAt: { type: "integer", description: "When the test started (epoch ms, the appliance's clock)." },
    finishedAt: { type: "integer", description: "When it ended (epoch ms)." },
    timeToRecoverSeconds: {
      type: "number",
      description: "How long recovering the test VMs took (the test task's run time), seconds.",
    },
    rpoAtTestSeconds: {
      type: "integer",
      description: "The worst RPO of the tested VMs at test time: from its instance to the start of the test, seconds.",
    },
    recoveryState: { type: "string", description: "`TEST` while the test stands." },
    testVappId: { type: "string", description: "The vApp holding the test VMs." },
    vms: {
      type: "array",
      items: { type: "object", object: TESTED_VM },
      description: "Per VM: the instance recovered, its timestamp, the test VM id and its RPO at test time.",
      required: true,
    },
  },
  alwaysOutput: ["replicationId"],
});
