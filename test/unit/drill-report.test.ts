import { describe, expect, it } from "vitest";
import { type DrillReport, misses, parseDuration, passed, toJUnit, toMarkdown } from "../../provider/drill/report";

const report = (timeToRecover: number, rpo: number, over: Partial<DrillReport> = {}): DrillReport => ({
  stack: "prod",
  startedAt: "2026-12-01T10:00:00Z",
  finishedAt: "2026-12-01T10:05:00Z",
  targets: { maxRtoSeconds: 900, maxRpoSeconds: 3600 },
  cleanedUp: true,
  results: [
    {
      name: "web",
      replicationId: "C4VAPP-1",
      kind: "vapp",
      status: "tested",
      timeToRecoverSeconds: timeToRecover,
      rpoAtTestSeconds: rpo,
      vms: [
        { vmName: "web-01", replicationId: "C4-1", instance: "replica-1", rpoSeconds: rpo, testVmId: "t1" },
        { vmName: "web-02", replicationId: "C4-2", instance: "replica-2", rpoSeconds: 10, testVmId: "t2" },
      ],
    },
  ],
  ...over,
});

describe("drill report", () => {
  it("reads durations the way people write them", () => {
    expect(parseDuration("15m")).toBe(900);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("42")).toBe(42);
    expect(() => parseDuration("soon")).toThrow('"soon" is not a duration');
  });

  it("passes a drill within its targets and lists every VM", () => {
    const r = report(120, 300);
    expect(passed(r)).toBe(true);
    const md = toMarkdown(r);
    expect(md).toContain("passed");
    expect(md).toContain("web-01");
    expect(md).toContain("web-02");
    expect(toJUnit(r)).toContain('failures="0"');
  });

  it("fails the JUnit when a time to recover misses its target, naming both", () => {
    const r = report(1000, 300);
    expect(misses(r.results[0]!, r.targets)).toEqual(["time to recover 16m 40s exceeds 15m"]);
    expect(passed(r)).toBe(false);
    expect(toJUnit(r)).toMatch(/failures="1"[\s\S]*<failure message="time to recover 16m 40s exceeds 15m"\/>/);
  });

  it("fails when a test failover was not cleaned up, even within targets", () => {
    const r = report(60, 60, { cleanedUp: false });
    expect(passed(r)).toBe(false);
    expect(toJUnit(r)).toContain('name="cleanup"><failure');
    expect(toMarkdown(r)).toContain("**NO: check the appliance**");
  });
});
