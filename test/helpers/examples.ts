/**
 * What the example programs under examples/ need from a stack and what their preview should show, shared by the
 * in-repository run (test/e2e/examples.test.ts) and the packed-package run (test/package).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { ConfigMap, OutputMap } from "@pulumi/pulumi/automation";
import { expect } from "vitest";
import { repoRoot } from "./engine";

export const examplesDir = join(repoRoot, "examples");

/** Every folder of examples/ that is a Pulumi project. */
export function exampleNames(): string[] {
  return readdirSync(examplesDir)
    .filter((name) => existsSync(join(examplesDir, name, "Pulumi.yaml")))
    .sort();
}

/** A cloud VM of the emulator's remote site site1 (`5e1a…000n`). */
export const site1Vm = (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** How the root session reaches the remote cloud site site1 (its VCD provider admin). */
export const SITE1_CREDENTIALS = { site1: { type: "credentials", username: "root@System", password: "password" } };

/** Resources each example's first preview creates against the emulator's inventory, the stack included. */
export const previewCreates: Record<string, number> = {
  quickstart: 4, // stack + policy + assignment + replication
  "default-policy": 2, // stack + the default policy
  "onprem-to-cloud": 7, // stack + policy + assignment + 4 replications
  "cloud-to-onprem-migration": 5, // stack + policy + assignment + 2 migrations
  "multi-site": 6, // stack + policy + assignment + 2 inbound + 1 outbound
  "adopt-existing": 4, // adoption happens on create: preview shows creates
  "per-org-policies": 17, // stack + 2 policies + 2 assignments + 12 replications
  "pr-preview": 5, // stack + policy + assignment + 2 replications
  "vapp-protection": 5, // stack + policy + assignment + SLA assignment + vApp replication
};

export interface Endpoint {
  url: string;
  caPem?: string;
}

/** Stack config of an example against the emulator: the root login, its CA, site1's credentials, and the
 * example's own settings (multi-site logs in as the VCD provider admin and extends the session by multisite). */
export function exampleConfig(example: string, emulator: Endpoint): ConfigMap {
  const config: ConfigMap = {
    "vcda:endpoint": { value: emulator.url },
    "vcda:password": { value: "password", secret: true },
    "vcda:caCert": { value: emulator.caPem ?? "" },
    "vcda:sites": { value: JSON.stringify(SITE1_CREDENTIALS), secret: true },
  };
  if (example === "multi-site") {
    config["vcda:authType"] = { value: "vcdCredentials" };
    config["vcda:username"] = { value: "root@System" };
    config["vcda:sites"] = { value: JSON.stringify({ site1: { type: "multisite", org: "org1" } }) };
  }
  return config;
}

/** The quickstart's outputs after `up`: its replication (of site1's first VM) healthy, org2 compliant with it. */
export function expectQuickstartOutputs(outputs: OutputMap) {
  expect(String(outputs.replicationId?.value)).toMatch(/^C4-/);
  expect(outputs.health?.value).toBe("GREEN");
  expect(outputs.compliance?.value).toEqual([
    expect.objectContaining({ org: "org2", configuredReplications: 1, protectionViolation: 0, quotaViolation: 0 }),
  ]);
}
