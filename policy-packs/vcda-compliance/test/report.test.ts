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
      "crm-vapp": "create",
      "erp-vapp": "update",
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
    expect(r.passed.map((p) => p.policyName)).toContain("vcda-replication-permissions");
    expect(r.errors[0]).toMatch(/preview failed/);
  });

  it("takes steps from resourcePreEvents when no digest is given", () => {
    const r = parse("events.jsonl");
    expect(r.changes.map((c) => `${c.op} ${c.name}`)).toEqual(["create web-01", "update erp-vapp"]);
    expect(r.changes.find((c) => c.name === "erp-vapp")?.vmCount).toBe(3);
  });

  it("keeps a vApp replication's last known vmCount; a preview's new state has none", () => {
    const vmCounts = Object.fromEntries(parse("preview.json").changes.map((c) => [c.name, c.vmCount]));
    expect(vmCounts).toMatchObject({ "erp-vapp": 3, "crm-vapp": undefined, "web-01": undefined });
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
    expect(md).toContain("**Created (2)**");
    expect(md).toContain("| `web-01` | org1 → org2 | 10 min | 6×60m |");
    expect(md).toContain("| `db-01` | 30 min → 60 min | 6×60m → 4×120m, 7×1440m | rpo, retentionPolicy");
    expect(md).toContain("| `app-01` | org1 → org2 | org1 → org3 | destination |");
    expect(md).toContain("| `old-01` | org1 → org2 | 240 min |");
  });

  it("lists vApp replications with the VM replications, marked as vApps with their VM count when known", () => {
    expect(md).toContain("| `crm-vapp` (vApp) | org1 → org2 | 30 min | 6×60m |");
    expect(md).toContain("| `erp-vapp` (vApp, 3 VMs) | 60 min | 6×60m | dataConnectionType |");
    expect(md).toContain(
      '| ❔ not checked (advisory) | `vcda-incoming-capacity` | `crm-vapp` (vApp) | could not be checked: VappReplication "crm-vapp"',
    );
    expect(md).toContain("| ⚠️ advisory | `vcda-encrypted-traffic` | `erp-vapp` (vApp, 3 VMs) |");
    const others = md.slice(md.indexOf("### Policies and assignments"), md.indexOf("### Policy results"));
    expect(others).not.toContain("vapp"); // not listed again as a policy or assignment change
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
    expect(md).toContain("1 mandatory, 2 advisory, 3 not checked during preview.");
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

  it("marks vApp replications in testcase names (no VM count, so names stay stable) and gives the count in the text", () => {
    expect(xml).toContain(
      '<testcase classname="vcda-incoming-capacity" name="vcda-incoming-capacity crm-vapp (vApp)">',
    );
    expect(xml).toContain('<testcase classname="vcda-rpo-in-range" name="vcda-rpo-in-range erp-vapp (vApp)"/>');
    expect(xml).toMatch(
      /name="vcda-encrypted-traffic erp-vapp \(vApp\)">\n {6}<system-out>advisory: VappReplication &quot;erp-vapp&quot;: dataConnectionType is &quot;PLAIN&quot;[^<]*\n\(vApp, 3 VMs\)<\/system-out>/,
    );
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
      "vcda-encrypted-traffic:warning",
      "vcda-quiesce-min-rpo:warning",
      "vcda-incoming-capacity:note",
      "vcda-incoming-capacity:note",
      "vcda-rpo-in-range:note",
    ]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("index.ts");
    expect(run.results[0].locations[0].logicalLocations[0].fullyQualifiedName).toContain("::web-01");
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe("vcda-rpo-meets-destination-policy");
  });

  it("marks a vApp replication's results: the message names it a vApp, the location carries type and VM count", () => {
    type Result = { ruleId: string; message: { text: string }; locations: { logicalLocations: unknown[] }[] };
    const results: Result[] = sarif.runs[0].results;
    const erp = results.find((r) => r.ruleId === "vcda-encrypted-traffic");
    expect(erp?.message.text).toBe(
      'VappReplication "erp-vapp": dataConnectionType is "PLAIN"; allowed: ENCRYPTED, ENCRYPTED_COMPRESSED. (vApp, 3 VMs)',
    );
    expect(erp?.locations[0]?.logicalLocations[0]).toEqual({
      name: "erp-vapp",
      fullyQualifiedName: "urn:pulumi:dev::vcda-demo::pulumi-nodejs:dynamic/vcda:VappReplication::erp-vapp",
      kind: "resource",
      properties: { resourceType: "VappReplication", vmCount: 3 },
    });
    const crm = results.find((r) => r.message.text.includes('"crm-vapp"'));
    expect(crm?.message.text).toMatch(/\(vApp\) \(not checked during preview\)$/);
    expect(crm?.locations[0]?.logicalLocations[0]).toMatchObject({ properties: { resourceType: "VappReplication" } });
    const web = results.find((r) => r.ruleId === "vcda-quiesce-min-rpo");
    expect(web?.locations[0]?.logicalLocations[0]).not.toHaveProperty("properties");
  });
});
