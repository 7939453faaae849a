import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { LIMITS } from "../limits";
import { isReplication } from "../tokens";
import { type CommonArgs, defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { destinationOrg, type OrgPolicyArgs, orgPolicyProps, stackView } from "./stack";
import { at, hasUnknown, isUnknown, show, snapshot } from "./view";

export interface RetentionRulesArgs extends CommonArgs {
  maxRules?: number;
}

const rulesProps: Props = {
  maxRules: {
    type: "integer",
    minimum: 1,
    default: LIMITS.maxRetentionRules.value,
    description: "Most retention rules per replication.",
  },
};

function isPositiveInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v > 0;
}

export function retentionRules(): ResourceValidationPolicy {
  const defaults = defaultsOf<Required<RetentionRulesArgs>>(rulesProps);
  return {
    name: "vcda-retention-rules",
    description: "Retention rules: at most 5, positive whole numbers, and each rule's distance not below the RPO.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "retention"],
    remediationSteps:
      "Keep at most the allowed number of rules in `retentionPolicy.rules`; give each a positive whole `numberOfInstances` and a `distance` (minutes) of at least the replication's `rpo`.",
    configSchema: schema(rulesProps),
    validateResource: (args, report) => {
      if (!isReplication(args.type)) return;
      const cfg = settings<RetentionRulesArgs>(args, defaults);
      const props = snapshot(args.props);
      const who = subject(args.type, args.name);
      const rules = at(props, "retentionPolicy.rules");
      if (isUnknown(rules)) {
        reportNotChecked(
          report,
          cfg.unknownLevel,
          `${who}: retentionPolicy.rules is unknown during preview; allowed: at most ${cfg.maxRules} rules.`,
        );
        return;
      }
      if (rules === undefined || rules === null) return;
      if (!Array.isArray(rules)) {
        report(`${who}: retentionPolicy.rules is ${show(rules)}; allowed: a list of { numberOfInstances, distance }.`);
        return;
      }
      if (rules.length > cfg.maxRules) {
        report(`${who}: retentionPolicy.rules has ${rules.length} rules; allowed: at most ${cfg.maxRules}.`);
      }
      const rpo = props.rpo;
      rules.forEach((rule, i) => {
        const path = `retentionPolicy.rules[${i}]`;
        for (const field of ["numberOfInstances", "distance"] as const) {
          const v = at(rule, field);
          if (isUnknown(v)) {
            reportNotChecked(
              report,
              cfg.unknownLevel,
              `${who}: ${path}.${field} is unknown during preview; allowed: a positive whole number.`,
            );
          } else if (!isPositiveInt(v)) {
            report(`${who}: ${path}.${field} is ${show(v)}; allowed: a positive whole number.`);
          }
        }
        const distance = at(rule, "distance");
        if (typeof distance !== "number" || rpo === undefined) return;
        if (isUnknown(rpo)) {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: ${path}.distance ${distance} vs rpo, which is unknown during preview.`,
          );
        } else if (typeof rpo === "number" && distance < rpo) {
          report(`${who}: ${path}.distance is ${distance} minutes; allowed: at least the rpo (${rpo} minutes).`);
        }
      });
    },
  };
}

export interface InstancesWithinPolicyArgs extends OrgPolicyArgs {
  maxInstances?: number;
}

const instancesProps: Props = {
  maxInstances: {
    type: "integer",
    minimum: 1,
    default: LIMITS.maxInstances.value,
    description: "Product cap on instances kept per replication.",
  },
  ...orgPolicyProps,
};

/** Instances the rules keep: the sum of numberOfInstances (api-digest §5 item 6). */
function instancesOf(rules: unknown): number | "unknown" {
  if (!Array.isArray(rules)) return 0;
  if (hasUnknown(rules)) return "unknown";
  return rules.reduce(
    (n: number, r) => n + (typeof at(r, "numberOfInstances") === "number" ? (at(r, "numberOfInstances") as number) : 0),
    0,
  );
}

export function instancesWithinPolicy(): StackValidationPolicy {
  const defaults = defaultsOf<Required<InstancesWithinPolicyArgs>>(instancesProps);
  return {
    name: "vcda-instances-within-policy",
    description:
      "The instances a replication's retention rules keep are within the destination policy's maxInstances and the product cap of 24.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "retention"],
    remediationSteps:
      "Lower `numberOfInstances` in `retentionPolicy.rules` so their sum fits the destination policy's `maxInstances` (and the product cap), or assign a policy with a higher `maxInstances`.",
    configSchema: schema(instancesProps),
    validateStack: (args, report) => {
      const cfg = settings<InstancesWithinPolicyArgs>(args, defaults);
      const view = stackView(args, cfg.orgPolicies);
      for (const rep of view.replications) {
        const who = subject(rep.type, rep.name);
        const rules = at(rep.props, "retentionPolicy.rules");
        const total = isUnknown(rules) ? "unknown" : instancesOf(rules);
        if (total === "unknown") {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: retentionPolicy.rules is unknown during preview; allowed: at most ${cfg.maxInstances} instances.`,
            rep.urn,
          );
          continue;
        }
        if (total > cfg.maxInstances) {
          report(
            `${who}: retentionPolicy.rules keep ${total} instances; allowed: at most ${cfg.maxInstances} (product cap).`,
            rep.urn,
          );
        }
        if (total === 0) continue;
        const dest = destinationOrg(rep);
        if ("skip" in dest) continue;
        if ("missing" in dest) {
          reportNotChecked(
            report,
            "advisory",
            `${who}: ${dest.missing}; instances vs the destination policy's maxInstances were not checked.`,
            rep.urn,
          );
          continue;
        }
        const resolved = view.policyFor(dest.org);
        if (!resolved.ok) {
          reportNotChecked(report, cfg.unknownLevel, `${who}: ${resolved.reason}.`, rep.urn);
          continue;
        }
        const max = resolved.policy.maxInstances;
        if (isUnknown(max)) {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: maxInstances of ${resolved.source} is unknown during preview.`,
            rep.urn,
          );
        } else if (typeof max === "number" && total > max) {
          report(
            `${who}: retentionPolicy.rules keep ${total} instances; the policy of destination org "${dest.org}" (${resolved.source}) allows at most ${max} (maxInstances).`,
            rep.urn,
          );
        }
      }
    },
  };
}
