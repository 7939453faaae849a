import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { LIMITS } from "../limits";
import { isReplication } from "../tokens";
import { type CommonArgs, defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { destinationOrg, type OrgPolicyArgs, orgPolicyProps, stackView } from "./stack";
import { isUnknown, show, snapshot } from "./view";

export interface RpoInRangeArgs extends CommonArgs {
  minRpo?: number;
  maxRpo?: number;
}

const rangeProps: Props = {
  minRpo: { type: "number", minimum: 0, default: LIMITS.minRpo.value, description: "Lowest RPO in minutes." },
  maxRpo: { type: "number", minimum: 1, default: LIMITS.maxRpo.value, description: "Highest RPO in minutes." },
};

export function rpoInRange(): ResourceValidationPolicy {
  const defaults = defaultsOf<Required<RpoInRangeArgs>>(rangeProps);
  return {
    name: "vcda-rpo-in-range",
    description: "A VM or vApp replication's RPO is within the product range (1 to 1440 minutes by default).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "rpo"],
    remediationSteps:
      "Set `rpo` on the VmReplication or VappReplication to a whole number of minutes inside the allowed range.",
    configSchema: schema(rangeProps),
    validateResource: (args, report) => {
      if (!isReplication(args.type)) return;
      const cfg = settings<RpoInRangeArgs>(args, defaults);
      const rpo = snapshot(args.props).rpo;
      const who = subject(args.type, args.name);
      if (isUnknown(rpo)) {
        reportNotChecked(
          report,
          cfg.unknownLevel,
          `${who}: rpo is unknown during preview; allowed: ${cfg.minRpo}..${cfg.maxRpo} minutes.`,
        );
        return;
      }
      if (rpo === undefined) return; // taken from the SLA profile
      if (typeof rpo !== "number" || !Number.isFinite(rpo) || rpo < cfg.minRpo || rpo > cfg.maxRpo) {
        report(`${who}: rpo is ${show(rpo)} minutes; allowed: ${cfg.minRpo}..${cfg.maxRpo} minutes.`);
      }
    },
  };
}

export type RpoMeetsDestinationPolicyArgs = OrgPolicyArgs;
const destProps = orgPolicyProps;

export function rpoMeetsDestinationPolicy(): StackValidationPolicy {
  const defaults = defaultsOf<Required<RpoMeetsDestinationPolicyArgs>>(destProps);
  return {
    name: "vcda-rpo-meets-destination-policy",
    description:
      "A VM or vApp replication's RPO is not below the minRpo of the policy assigned to its destination org.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "rpo"],
    remediationSteps:
      "Raise the replication's `rpo` to at least the destination policy's `minRpo`, or assign the destination org a policy with a lower `minRpo`. Set `destination.org` so the check can run.",
    configSchema: schema(destProps),
    validateStack: (args, report) => {
      const cfg = settings<RpoMeetsDestinationPolicyArgs>(args, defaults);
      const view = stackView(args, cfg.orgPolicies);
      for (const rep of view.replications) {
        const who = subject(rep.type, rep.name);
        const dest = destinationOrg(rep);
        if ("skip" in dest) continue;
        if ("missing" in dest) {
          reportNotChecked(
            report,
            "advisory",
            `${who}: ${dest.missing}; rpo vs the destination policy's minRpo was not checked.`,
            rep.urn,
          );
          continue;
        }
        const rpo = rep.props.rpo;
        if (rpo === undefined) continue;
        const resolved = view.policyFor(dest.org);
        if (!resolved.ok) {
          reportNotChecked(report, cfg.unknownLevel, `${who}: ${resolved.reason}.`, rep.urn);
          continue;
        }
        const minRpo = resolved.policy.minRpo;
        if (isUnknown(rpo) || isUnknown(minRpo)) {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: rpo ${show(rpo)} vs minRpo ${show(minRpo)} of ${resolved.source} (org "${dest.org}"); a value is unknown during preview.`,
            rep.urn,
          );
          continue;
        }
        if (typeof minRpo !== "number") {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: ${resolved.source} (org "${dest.org}") sets no minRpo.`,
            rep.urn,
          );
          continue;
        }
        if (typeof rpo !== "number" || rpo < minRpo) {
          report(
            `${who}: rpo is ${show(rpo)} minutes; the policy of destination org "${dest.org}" (${resolved.source}) allows rpo >= ${minRpo} (minRpo).`,
            rep.urn,
          );
        }
      }
    },
  };
}
