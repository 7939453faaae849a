/**
 * Shared by the provider-plugin tests: where the plugin is, the emulator's ids, a replication made outside any
 * stack (as someone in the VCDA UI would), and YAML projects written into a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, newOperationId } from "../../provider/client/index";
import type { ConnectionArgs } from "../../provider/client/types";
import { repoRoot } from "../helpers/engine";

/** The folder of `pulumi-resource-vcda`, for `plugins.providers[].path` and PATH. */
export const PLUGIN_DIR = join(repoRoot, "bin");

/** Ids of the emulator's default inventory (emulator/README.md): site2 is local, site1 a paired cloud site. */
export const IDS = {
  vdcOrg2: "d6977f40-4d90-46b2-a34e-5077e8648eda",
  site1Vm: (n: number) => `5e1a0000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  /** The vApp "web-tier" of site1/org1 (three VMs). */
  webTierVapp: "9664de13-6150-4315-9f59-2d85eb4c302f",
  /** The SLA profile Gold. */
  goldSlaProfile: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba",
};

/** Reaches site1 for site1-sourced replications (decisions.md #5). */
export const SITE1_CREDENTIALS = { site1: { type: "credentials", username: "root@System", password: "password" } };

/** Creates a cloud → cloud replication of site1's VM `n` into org2 outside any stack; returns its id. */
export async function replicateOutOfBand(conn: ConnectionArgs, n: number, rpo = 20): Promise<string> {
  const client = createClient({ ...conn, sites: SITE1_CREDENTIALS as ConnectionArgs["sites"] });
  const operationId = newOperationId("test-out-of-band");
  await client.ensureSite("site1", operationId);
  const task = await client.request<{ id: string; workflowInfo: { resourceId: string } }>({
    method: "POST",
    path: "/vm-replications",
    body: {
      source: { type: "vm", site: "site1", vmId: IDS.site1Vm(n) },
      destination: { type: "vcloud", site: "site2", vdc: IDS.vdcOrg2 },
      rpo,
      description: "made outside the stack",
    },
    operationId,
  });
  await client.waitForTask(task.id, { timeoutMs: 30_000, operationId });
  return task.workflowInfo.resourceId;
}

/** A project folder in the temporary directory, removed by `dispose`. */
export function tempProject(prefix: string): { dir: string; write(file: string, text: string): void; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write: (file, text) => writeFileSync(join(dir, file), text),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
