import { describe, expect, it } from "vitest";
import type { VmReplicationArgs, VmReplicationOutputs } from "../../provider/replication/mapping";
import { validateInputs } from "../../provider/replication/validate";
import { VM_KIND } from "../../provider/replication/vm-kind";

const migration = (over: Partial<VmReplicationArgs> = {}): VmReplicationArgs => ({
  source: { type: "vcloud", site: "site1", vmId: "vm-1", org: "org1" },
  destination: { type: "vcloud", site: "site2", vdc: "vdc-1" },
  isMigration: true,
  ...over,
});
const applied = (over: Partial<VmReplicationOutputs> = {}) =>
  ({
    ...migration(),
    replicationId: "C4-1",
    isPaused: false,
    recoveryState: "NOT_STARTED",
    ...over,
  }) as VmReplicationOutputs;
const reasons = (args: VmReplicationArgs) =>
  validateInputs(args as unknown as Record<string, unknown>).map((f) => f.reason);

describe("migration cutover", () => {
  it("is accepted only on a migration, with the migrate options of the destination's kind", () => {
    expect(reasons(migration({ cutover: { powerOn: true, consolidate: false } }))).toEqual([]);
    expect(reasons(migration({ isMigration: false, cutover: { powerOn: true } }))[0]).toContain(
      "cutover needs isMigration: true",
    );
    const r = reasons(migration({ cutover: { snapshotOptions: "EXPOSE_PITS" } }));
    expect(r[0]).toContain("cutover.snapshotOptions is not a field of the migrate options of a vcloud destination");
  });

  it("plans one migrate step, after the settings, and says so plainly in preview", () => {
    const news = migration({ rpo: 60, cutover: { powerOn: true } });
    expect(VM_KIND.diff(applied(), news)).toMatchObject({ changes: true, replaces: [] });
    expect(VM_KIND.steps(applied(), news).map((s) => s.name)).toEqual(["PATCH settings", "migrate (cutover)"]);
    expect(VM_KIND.warnings?.(applied(), news)?.[0]).toContain("this update MIGRATES source VM vm-1");
  });

  it("never migrates twice: once recorded, or once migrated outside the stack, a cutover plans nothing", () => {
    const news = migration({ cutover: { powerOn: false } });
    const done = applied({
      cutover: { powerOn: true },
      cutoverResult: {
        taskId: "t",
        startedAt: 1,
        finishedAt: 2,
        durationSeconds: 0,
        recoveryState: "COMPLETE",
        recoveredVmIds: [],
        recoveredVappId: null,
      },
      recoveryState: "COMPLETE",
    });
    expect(VM_KIND.steps(done, news)).toEqual([]);
    expect(VM_KIND.warnings?.(done, news)).toEqual([]);
    expect(VM_KIND.steps(applied({ recoveryState: "COMPLETE" }), news)).toEqual([]);
  });
});
