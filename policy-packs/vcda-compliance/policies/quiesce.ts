import type { ResourceValidationPolicy } from "@pulumi/policy";
import { LIMITS, REPLICATION_DEFAULTS } from "../limits";
import { isReplication } from "../tokens";
import { type CommonArgs, defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { isUnknown, show, snapshot } from "./view";

export interface QuiesceMinRpoArgs extends CommonArgs {
  minQuiesceRpo?: number;
}

const props: Props = {
  minQuiesceRpo: {
    type: "number",
    minimum: 0,
    default: LIMITS.minQuiesceRpo.value,
    description: "Lowest RPO (minutes) allowed with guest OS quiescing.",
  },
};

export function quiesceMinRpo(): ResourceValidationPolicy {
  const defaults = defaultsOf<Required<QuiesceMinRpoArgs>>(props);
  return {
    name: "vcda-quiesce-min-rpo",
    description: "Guest OS quiescing needs an RPO of at least 15 minutes (vSphere Replication).",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["vcda", "rpo"],
    remediationSteps:
      "Set `quiesced: false` on the VmReplication or VappReplication, or raise `rpo` to the minimum. `quiesced` defaults to true when omitted.",
    configSchema: schema(props),
    validateResource: (args, report) => {
      if (!isReplication(args.type)) return;
      const cfg = settings<QuiesceMinRpoArgs>(args, defaults);
      const p = snapshot(args.props);
      const who = subject(args.type, args.name);
      const quiesced = p.quiesced === undefined ? REPLICATION_DEFAULTS.quiesced : p.quiesced;
      const rpo = p.rpo;
      if (quiesced === false || rpo === undefined) return;
      if (isUnknown(quiesced) || isUnknown(rpo)) {
        reportNotChecked(
          report,
          cfg.unknownLevel,
          `${who}: quiesced ${show(quiesced)} with rpo ${show(rpo)}; a value is unknown during preview.`,
        );
        return;
      }
      if (typeof rpo === "number" && rpo < cfg.minQuiesceRpo) {
        const how = p.quiesced === undefined ? "quiesced (default true)" : "quiesced is true";
        report(`${who}: ${how} with rpo ${rpo} minutes; allowed: rpo >= ${cfg.minQuiesceRpo} minutes when quiescing.`);
      }
    },
  };
}
