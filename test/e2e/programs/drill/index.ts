// A drill stack: a test failover of each protection of the production stack, read through a StackReference.
import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const config = new pulumi.Config();
const prod = new pulumi.StackReference(config.require("productionStack"));
const ids = prod.requireOutput("protectionIds") as pulumi.Output<Record<string, string>>;

const tests = config
  .requireObject<string[]>("names")
  .map(
    (name) =>
      new vcda.FailoverTest(`${name}-drill`, { replicationId: ids.apply((m) => m[name] as string), powerOn: false }),
  );

export const timeToRecover = tests.map((t) => t.timeToRecoverSeconds);
export const rpoAtTest = tests.map((t) => t.rpoAtTestSeconds);
export const testVms = tests.map((t) => t.vms.apply((v) => v.map((x) => x.testVmId)));
