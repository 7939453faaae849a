/**
 * The migration cutover of a replication (VmReplication, VappReplication): its `cutover` input and the
 * `cutoverResult` the provider records (provider/replication/cutover.ts).
 */
import type { CutoverInputs } from "../inputs";
import type { CutoverResult } from "../replication/cutover";
import { objectType } from "./types";

export const CUTOVER = objectType<CutoverInputs>(
  "Cutover",
  "Migrate options (guide: POST …/migrate). `powerOn`, `consolidate`, `connectVmNics`, `vAppNetworkSettings` and `vmNetworkSettings` to a cloud destination; `powerOn`, `snapshotOptions` and `customVirtualHardware` to a vCenter.",
  {
    powerOn: { type: "boolean", description: "Power the migrated workload on." },
    consolidate: { type: "boolean", description: "Consolidate the disks after the migration (cloud)." },
    connectVmNics: { type: "boolean", description: "Connect the VMs' network cards (cloud)." },
    vAppNetworkSettings: { type: "map", values: { type: "any" }, description: "Networks of the vApp (cloud)." },
    vmNetworkSettings: { type: "map", values: { type: "any" }, description: "Networks per VM (cloud)." },
    snapshotOptions: {
      type: "string",
      values: ["DO_NOTHING", "EXPOSE_PITS", "CONSOLIDATE"],
      description: "`DO_NOTHING`, `EXPOSE_PITS` or `CONSOLIDATE` (vCenter).",
    },
    customVirtualHardware: { type: "map", values: { type: "any" }, description: "Virtual hardware (vCenter)." },
  },
);

export const CUTOVER_RESULT = objectType<CutoverResult>("CutoverResult", "The outcome of a cutover.", {
  taskId: { type: "string", description: "The migrate task.", required: true },
  startedAt: { type: "integer", description: "When the migration started (epoch ms, the appliance's clock)." },
  finishedAt: { type: "integer", description: "When it ended (epoch ms)." },
  durationSeconds: { type: "number", description: "How long the cutover took, seconds." },
  recoveryState: { type: "string", description: "The recovery state after it (`COMPLETE` when migrated)." },
  recoveredVmIds: {
    type: "array",
    items: { type: "string" },
    description: "Ids of the recovered VMs at the destination.",
    required: true,
  },
  recoveredVappId: { type: "string", description: "Id of their vApp." },
});

export const cutoverInput = {
  type: "object",
  object: CUTOVER,
  description:
    "With `isMigration: true`: cut over. The next `up` runs the migration once with these options and records the outcome in `cutoverResult`; preview says so. Removing it afterwards changes nothing.",
} as const;

export const cutoverResultOutput = {
  type: "object",
  object: CUTOVER_RESULT,
  description: "The outcome of the cutover (migrate task, duration, recovered ids), once it ran; absent before.",
} as const;
