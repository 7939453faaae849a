import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REPLICATION_DEFAULTS } from "../limits";
import { isReplication } from "../tokens";
import { type CommonArgs, defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { isUnknown, show, snapshot } from "./view";

export interface EncryptedTrafficArgs extends CommonArgs {
  allowedTypes?: string[];
}

const props: Props = {
  allowedTypes: {
    type: "array",
    items: { type: "string", enum: ["PLAIN", "ENCRYPTED", "ENCRYPTED_COMPRESSED"] },
    default: ["ENCRYPTED", "ENCRYPTED_COMPRESSED"],
    description: "Allowed dataConnectionType values.",
  },
};

export function encryptedTraffic(): ResourceValidationPolicy {
  const defaults = defaultsOf<Required<EncryptedTrafficArgs>>(props);
  return {
    name: "vcda-encrypted-traffic",
    description: "Replication traffic is encrypted: dataConnectionType is not PLAIN.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["vcda", "security"],
    remediationSteps: "Set `dataConnectionType` to `ENCRYPTED_COMPRESSED` (the default) or `ENCRYPTED`, or omit it.",
    configSchema: schema(props),
    validateResource: (args, report) => {
      if (!isReplication(args.type)) return;
      const cfg = settings<EncryptedTrafficArgs>(args, defaults);
      const who = subject(args.type, args.name);
      const given = snapshot(args.props).dataConnectionType;
      const value = given === undefined ? REPLICATION_DEFAULTS.dataConnectionType : given;
      if (isUnknown(value)) {
        reportNotChecked(
          report,
          cfg.unknownLevel,
          `${who}: dataConnectionType is unknown during preview; allowed: ${cfg.allowedTypes.join(", ")}.`,
        );
      } else if (typeof value !== "string" || !cfg.allowedTypes.includes(value)) {
        report(`${who}: dataConnectionType is ${show(value)}; allowed: ${cfg.allowedTypes.join(", ")}.`);
      }
    },
  };
}
