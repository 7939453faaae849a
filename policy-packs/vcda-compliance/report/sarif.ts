import { kindOf, VAPP_REPLICATION } from "../tokens";
import { byLevel, changeOf, markOf, type PreviewReport, splitUrn } from "./model";

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

/**
 * SARIF 2.1.0: one rule per policy, one result per finding, the URN as the logical location. A vApp replication's
 * result says `(vApp, 3 VMs)` after the message, and its logical location carries `resourceType` and `vmCount`.
 */
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
  const logical = (urn: string) => {
    const { type, name } = splitUrn(urn);
    const location = { name, fullyQualifiedName: urn, kind: "resource" };
    if (type !== VAPP_REPLICATION) return location;
    const vmCount = changeOf(report, urn)?.vmCount;
    return { ...location, properties: { resourceType: kindOf(type), ...(vmCount !== undefined ? { vmCount } : {}) } };
  };
  const results = violations.map((v) => {
    const mark = v.urn ? markOf(report, v.urn) : undefined;
    const text = `${v.message}${mark ? ` (${mark})` : ""}`;
    return {
      ruleId: v.policyName,
      ruleIndex: ruleIds.indexOf(v.policyName),
      level: v.notChecked ? "note" : v.level === "mandatory" ? "error" : "warning",
      message: { text: v.notChecked ? `${text} (not checked during preview)` : text },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: opts.artifactUri ?? "Pulumi.yaml" }, region: { startLine: 1 } },
          logicalLocations: v.urn ? [logical(v.urn)] : [],
        },
      ],
      properties: { enforcementLevel: v.level, ...(v.policyPack ? { policyPack: v.policyPack } : {}) },
    };
  });
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
