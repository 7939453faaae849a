import type { ResourceValidationPolicy } from "@pulumi/policy";
import { LIMITS } from "../limits";
import { POLICY_TYPES } from "../tokens";
import { type CommonArgs, defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { isUnknown, show, snapshot } from "./view";

export interface PolicySanityArgs extends CommonArgs {
  minRpo?: number;
  maxRpo?: number;
  maxInstances?: number;
  maxPinnedInstances?: number;
  /** Flag maxIncoming values that have no effect or block all incoming replications (guide L2929). */
  checkIncomingConsistency?: boolean;
}

const props: Props = {
  minRpo: { type: "number", minimum: 0, default: LIMITS.minRpo.value, description: "Lowest minRpo in minutes." },
  maxRpo: { type: "number", minimum: 1, default: LIMITS.maxRpo.value, description: "Highest minRpo in minutes." },
  maxInstances: {
    type: "integer",
    minimum: 0,
    default: LIMITS.maxInstances.value,
    description: "Highest maxInstances.",
  },
  maxPinnedInstances: {
    type: "integer",
    minimum: 0,
    default: LIMITS.maxPinnedInstances.value,
    description: "Highest maxPinnedInstances.",
  },
  checkIncomingConsistency: {
    type: "boolean",
    default: true,
    description: "Flag maxIncoming values that are ignored or that block incoming replications the flags allow.",
  },
};

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export function policySanity(): ResourceValidationPolicy {
  const defaults = defaultsOf<Required<PolicySanityArgs>>(props);
  return {
    name: "vcda-policy-sanity",
    description:
      "A replication policy's limits are meaningful: minRpo in range, maxInstances <= 24, maxPinnedInstances and maxIncoming whole numbers that take effect.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "policy"],
    remediationSteps:
      "Fix the Policy/DefaultPolicy fields named in the message: minRpo inside the RPO range, maxInstances and maxPinnedInstances whole numbers from 0 to the cap, maxIncoming a whole number (negative = unlimited, 0 = none) consistent with allowIncomingProtections/allowIncomingMigrations.",
    configSchema: schema(props),
    validateResource: (args, report) => {
      if (!POLICY_TYPES.includes(args.type)) return;
      const cfg = settings<PolicySanityArgs>(args, defaults);
      const p = snapshot(args.props);
      const who = subject(args.type, args.name);
      const check = (field: string, ok: (v: unknown) => boolean, allowed: string) => {
        const v = p[field];
        if (v === undefined) return;
        if (isUnknown(v))
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${who}: ${field} is unknown during preview; allowed: ${allowed}.`,
          );
        else if (!ok(v)) report(`${who}: ${field} is ${show(v)}; allowed: ${allowed}.`);
      };
      check(
        "minRpo",
        (v) => typeof v === "number" && v >= cfg.minRpo && v <= cfg.maxRpo,
        `${cfg.minRpo}..${cfg.maxRpo} minutes`,
      );
      check(
        "maxInstances",
        (v) => isInt(v) && v >= 0 && v <= cfg.maxInstances,
        `a whole number 0..${cfg.maxInstances}`,
      );
      check(
        "maxPinnedInstances",
        (v) => isInt(v) && v >= 0 && v <= cfg.maxPinnedInstances,
        `a whole number 0..${cfg.maxPinnedInstances}`,
      );
      check("maxIncoming", isInt, "a whole number (negative = unlimited, 0 = none)");
      check("onpremDataCap", (v) => typeof v === "number" && v >= 0, "0 or more Mbit/s");

      const max = p.maxIncoming;
      if (!cfg.checkIncomingConsistency || !isInt(max)) return;
      const inP = p.allowIncomingProtections;
      const inM = p.allowIncomingMigrations;
      if (isUnknown(inP) || isUnknown(inM)) {
        reportNotChecked(
          report,
          cfg.unknownLevel,
          `${who}: maxIncoming ${max} vs allowIncomingProtections ${show(inP)} / allowIncomingMigrations ${show(inM)}; a flag is unknown during preview.`,
        );
      } else if (inP === false && inM === false && max !== 0) {
        report(
          `${who}: maxIncoming is ${max}, but it is ignored because allowIncomingProtections and allowIncomingMigrations are both false; allowed: maxIncoming 0, or allow incoming replications.`,
        );
      } else if (max === 0 && (inP === true || inM === true)) {
        const flags = [inP === true ? "allowIncomingProtections" : "", inM === true ? "allowIncomingMigrations" : ""]
          .filter(Boolean)
          .join(" and ");
        report(
          `${who}: maxIncoming is 0 (no incoming replications), but ${flags} is true; allowed: maxIncoming > 0 or negative (unlimited), or set the flags to false.`,
        );
      }
    },
  };
}
