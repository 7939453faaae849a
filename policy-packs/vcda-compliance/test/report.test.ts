import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPolicies } from "../policies/index";
import { renderJUnit } from "../report/junit";
import { renderMarkdown, retentionText, rpoText } from "../report/markdown";
import { clean, parseJsonOrLines, parsePreview } from "../report/parse-preview";
import { renderSarif } from "../report/sarif";

const fixture = (f: string) => readFileSync(join(__dirname, "fixtures", f), "utf8");
const descriptions = new Map(buildPolicies().map((p) => [p.name, p.description]));
const remediation = new Map(buildPolicies().map((p) => [p.name, p.remediationSteps ?? ""]));
const parse = (...files: string[]) =>
  parsePreview(
    files.flatMap((f) => parseJsonOrLines(fixture(f))),
    { descriptions },
  );

describe("parse-preview", () => {
  it("folds create-replacement/replace/delete-replaced into one replace per URN", () => {
    const r = parse("preview.json");
    const ops = Object.fromEntries(r.changes.map((c) => [c.name, c.op]));
    expect(ops).toMatchObject({
      "web-01": "create",
      "db-01": "update",
      "app-01": "replace",
      "old-01": "delete",
      gold: "create",
      "assign-org2": "create",
    });
    expect(r.changes.find((c) => c.name === "app-01")?.replaceReasons).toEqual(["destination"]);
  });

  it("finds no policy violations in a preview digest alone (pulumi/pulumi#18851)", () => {
    expect(parse("preview.json").violations).toEqual([]);
  });

  it("reads policy events from an event log, strips colors and the description line", () => {
    const r = parse("preview.json", "events.jsonl");
    const rpo = r.violations.find((v) => v.policyName === "vcda-rpo-meets-destination-policy");
    expect(rpo?.level).toBe("mandatory");
    expect(rpo?.message).toBe(
      'VmReplication "web-01": rpo is 10 minutes; the policy of destination org "org2" (Policy "gold" (this stack)) allows rpo >= 15 (minRpo).',
    );
    expect(rpo?.urn).toContain("VmReplication::web-01");
    expect(r.violations.find((v) => v.policyName === "vcda-rpo-in-range")?.notChecked).toBe(true);
    expect(r.passed.map((p) => p.policyName)).toContain("vcda-incoming-capacity");
    expect(r.errors[0]).toMatch(/preview failed/);
  });

  it("takes steps from resourcePreEvents when no digest is given", () => {
    expect(parse("events.jsonl").changes.map((c) => `${c.op} ${c.name}`)).toEqual(["create web-01"]);
  });

  it("tolerates CLI noise before the JSON, NDJSON with a truncated last line, and text violations", () => {
    expect(parseJsonOrLines('Previewing update (dev)\n{"steps":[]}')).toEqual([{ steps: [] }]);
    expect(parseJsonOrLines('{"a":1}\n{"b":2}\n{"c":')).toEqual([{ a: 1 }, { b: 2 }]);
    const r = parsePreview([
      { diagnostics: [{ prefix: "mandatory: ", message: "[vcda-rpo-in-range] rpo is 0", severity: "error" }] },
    ]);
    expect(r.violations[0]).toMatchObject({ policyName: "vcda-rpo-in-range", level: "mandatory", message: "rpo is 0" });
  });

  it("accepts a plain violation list", () => {
    const r = parsePreview([[{ policyName: "x", message: "m", level: "advisory", urn: "urn:pulumi:s::p::t::n" }]]);
    expect(r.violations).toHaveLength(1);
  });

  it("cleans color tags and ANSI escapes", () => {
    expect(clean("<{%fg 1%}>a\u001b[31mb<{%reset%}>")).toBe("ab");
  });
});

describe("markdown", () => {
  const md = renderMarkdown(parse("preview.json", "events.jsonl"), { remediation });

  it("lists created, updated (old → new RPO and retention), replaced and deleted replications", () => {
    expect(md).toContain("**Created (1)**");
    expect(md).toContain("| `web-01` | org1 → org2 | 10 min | 6×60m |");
    expect(md).toContain("| `db-01` | 30 min → 60 min | 6×60m → 4×120m, 7×1440m | rpo, retentionPolicy");
    expect(md).toContain("| `app-01` | org1 → org2 | org1 → org3 | destination |");
    expect(md).toContain("| `old-01` | org1 → org2 | 240 min |");
  });

  it("shows the policy and assignment changes, with unknown values marked", () => {
    expect(md).toContain("| Policy `gold` | create |");
    expect(rpoText({ rpo: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toBe("(known after apply)");
    expect(retentionText({ retentionPolicy: { rules: [] } })).toBe("none");
  });

  it("orders violations by severity and adds remediation", () => {
    const mandatory = md.indexOf("🛑 mandatory");
    const advisory = md.indexOf("⚠️ advisory");
    const notChecked = md.indexOf("❔ not checked");
    expect(mandatory).toBeGreaterThan(0);
    expect(mandatory).toBeLessThan(advisory);
    expect(advisory).toBeLessThan(notChecked);
    expect(md).toContain("1 mandatory, 1 advisory, 1 not checked during preview.");
    expect(md).toContain("- **vcda-rpo-meets-destination-policy**: Raise the replication's `rpo`");
  });
});

describe("junit", () => {
  const xml = renderJUnit(parse("preview.json", "events.jsonl"));

  it("fails mandatory findings only and lists passed policies", () => {
    expect(xml).toMatch(/<testsuites name="vcda-compliance" tests="\d+" failures="1" errors="1">/);
    expect(xml).toContain('<failure type="mandatory" message="VmReplication &quot;web-01&quot;: rpo is 10 minutes;');
    expect(xml).toContain("<system-out>advisory: VmReplication &quot;web-01&quot;: quiesced is true");
    expect(xml).toContain('<testcase classname="vcda-rpo-in-range" name="vcda-rpo-in-range web-01"/>');
  });
});

describe("sarif", () => {
  const sarif = JSON.parse(
    renderSarif(parse("preview.json", "events.jsonl"), {
      artifactUri: "index.ts",
      rules: new Map(
        buildPolicies().map((p) => [p.name, { description: p.description, remediationSteps: p.remediationSteps }]),
      ),
    }),
  );

  it("is SARIF 2.1.0 with one rule per policy and levels by enforcement", () => {
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("vcda-encrypted-traffic");
    const levels = run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`);
    expect(levels).toEqual([
      "vcda-rpo-meets-destination-policy:error",
      "vcda-quiesce-min-rpo:warning",
      "vcda-rpo-in-range:note",
    ]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("index.ts");
    expect(run.results[0].locations[0].logicalLocations[0].fullyQualifiedName).toContain("::web-01");
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe("vcda-rpo-meets-destination-policy");
  });
});
