import { describe, expect, it } from "vitest";
import { encryptedTraffic } from "../policies/encryption";
import { quiesceMinRpo } from "../policies/quiesce";
import { replication } from "./resources";
import { expectNotChecked, expectNoViolations, expectViolation, run, UNKNOWN } from "./util";

describe("vcda-quiesce-min-rpo", () => {
  const policy = quiesceMinRpo();

  it("is advisory by default", () => {
    expect(policy.enforcementLevel).toBe("advisory");
  });

  it("passes quiescing with a 30 minute RPO", async () => {
    await expectNoViolations(policy, replication());
  });

  it("rejects quiescing with a 5 minute RPO", async () => {
    const d = await expectViolation(policy, replication({ rpo: 5 }), [
      "quiesced is true with rpo 5 minutes",
      "rpo >= 15",
    ]);
    expect(d.enforcementLevel).toBe("advisory");
  });

  it("treats an omitted quiesced as true (the API default)", async () => {
    await expectViolation(policy, replication({ rpo: 5, quiesced: undefined }), "quiesced (default true)");
  });

  it("passes a short RPO without quiescing", async () => {
    await expectNoViolations(policy, replication({ rpo: 5, quiesced: false }));
  });

  it("says it could not check an unknown quiesced flag", async () => {
    await expectNotChecked(
      policy,
      replication({ rpo: 5, quiesced: UNKNOWN.boolean }),
      "quiesced <unknown during preview>",
    );
  });

  it("honours a mandatory override from config", async () => {
    const [d] = await run(policy, replication({ rpo: 5 }), { config: { enforcementLevel: "mandatory" } });
    expect(d?.enforcementLevel).toBe("mandatory");
  });
});

describe("vcda-encrypted-traffic", () => {
  const policy = encryptedTraffic();

  it("passes ENCRYPTED_COMPRESSED and an omitted type (the default)", async () => {
    await expectNoViolations(policy, replication());
    await expectNoViolations(policy, replication({ dataConnectionType: undefined }));
  });

  it("rejects PLAIN", async () => {
    await expectViolation(policy, replication({ dataConnectionType: "PLAIN" }), [
      'dataConnectionType is "PLAIN"',
      "allowed: ENCRYPTED, ENCRYPTED_COMPRESSED",
    ]);
  });

  it("says it could not check an unknown type", async () => {
    await expectNotChecked(
      policy,
      replication({ dataConnectionType: UNKNOWN.string }),
      "dataConnectionType is unknown",
    );
  });

  it("accepts configured types", async () => {
    await expectViolation(policy, replication({ dataConnectionType: "ENCRYPTED" }), "allowed: ENCRYPTED_COMPRESSED", {
      config: { allowedTypes: ["ENCRYPTED_COMPRESSED"] },
    });
  });
});
