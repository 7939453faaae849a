import { byLevel, type PreviewReport, splitUrn } from "./model";

export interface RuleInfo {
  description: string;
  remediationSteps?: string;
}

export interface SarifOptions {
  /** File the results point at (GitHub code scanning needs a physical location), e.g. `Pulumi.yaml` or `index.ts`. */
  artifactUri?: string;
  rules?: Map<string, RuleInfo>;
  version?: string;
}

/** SARIF 2.1.0: one rule per policy, one result per finding, the URN as the logical location. */
export function renderSarif(report: PreviewReport, opts: SarifOptions = {}): string {
  const violations = [...report.violations].sort(byLevel);
  const ruleIds = [...new Set([...(opts.rules?.keys() ?? []), ...violations.map((v) => v.policyName)])];
  const rules = ruleIds.map((id) => {
    const info = opts.rules?.get(id);
    return {
      id,
      name: id,
      shortDescription: { text: info?.description ?? id },
      ...(info?.remediationSteps ? { help: { text: info.remediationSteps } } : {}),
    };
  });
  const results = violations.map((v) => ({
    ruleId: v.policyName,
    ruleIndex: ruleIds.indexOf(v.policyName),
    level: v.notChecked ? "note" : v.level === "mandatory" ? "error" : "warning",
    message: { text: v.notChecked ? `${v.message} (not checked during preview)` : v.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: opts.artifactUri ?? "Pulumi.yaml" }, region: { startLine: 1 } },
        logicalLocations: v.urn ? [{ name: splitUrn(v.urn).name, fullyQualifiedName: v.urn, kind: "resource" }] : [],
      },
    ],
    properties: { enforcementLevel: v.level, ...(v.policyPack ? { policyPack: v.policyPack } : {}) },
  }));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "vcda-compliance",
            version: opts.version ?? "0.1.0",
            informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
