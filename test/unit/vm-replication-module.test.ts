import { describe, expect, it } from "vitest";

describe("the VmReplication provider module", () => {
  it("exports exactly one provider instance (so the serializer can write a require() of the package path)", async () => {
    const mod = await import("../../provider/dynamic/vm-replication.js");
    const provider = mod.default;
    for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof (provider as unknown as Record<string, unknown>)[m]).toBe("function");
    }
    expect(Object.keys(mod).filter((k) => k !== "default" && k !== "module.exports")).toEqual(
      Object.keys(provider).filter((k) => k in mod),
    );
  });

  it("reports a malformed vcda:limits stack config as a check failure on limits", async () => {
    const provider = (await import("../../provider/dynamic/vm-replication.js")).default;
    await provider.configure?.({
      config: { get: (k: string) => (k === "vcda:limits" ? "{bad" : undefined), require: () => "" },
    });
    const res = await provider.check({} as never, {
      source: { type: "vcloud", site: "site1", vmId: "v" },
      destination: { type: "vcloud", site: "site2", vdc: "d" },
    });
    expect(res.failures).toEqual([
      { property: "limits", reason: expect.stringMatching(/^vcda:limits must be a JSON object/) },
    ]);
    await provider.configure?.({
      config: {
        get: (k: string) => (k === "vcda:limits" ? '{"maxRpo": 60}' : undefined),
        require: () => "",
      },
    });
    const res2 = await provider.check({} as never, {
      source: { type: "vcloud", site: "site1", vmId: "v" },
      destination: { type: "vcloud", site: "site2", vdc: "d" },
      rpo: 120,
    });
    expect(res2.failures).toEqual([{ property: "rpo", reason: "rpo must be between 1 and 60 minutes, got 120" }]);
    await provider.configure?.({ config: { get: () => undefined, require: () => "" } });
  });

  it("flags an unknown connection field in check", async () => {
    const provider = (await import("../../provider/dynamic/vm-replication.js")).default;
    const res = await provider.check({} as never, {
      source: { type: "vcloud", site: "site1", vmId: "v" },
      destination: { type: "vcloud", site: "site2", vdc: "d" },
      connection: { endpont: "https://x" } as never,
    });
    expect(res.failures?.map((f: { property: string }) => f.property)).toEqual(["connection.endpont"]);
  });
});
