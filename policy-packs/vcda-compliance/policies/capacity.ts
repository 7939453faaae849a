import type { StackValidationPolicy } from "@pulumi/policy";
import { REPLICATION_DEFAULTS } from "../limits";
import { defaultsOf, reportNotChecked, schema, settings, subject } from "./common";
import { destinationOrg, type Item, type OrgPolicyArgs, orgPolicyProps, sourceOrg, stackView } from "./stack";
import { at, isUnknown, show } from "./view";

export type IncomingCapacityArgs = OrgPolicyArgs;
const capacityProps = orgPolicyProps;

export function incomingCapacity(): StackValidationPolicy {
  const defaults = defaultsOf<Required<IncomingCapacityArgs>>(capacityProps);
  return {
    name: "vcda-incoming-capacity",
    description:
      "Replications into one org stay within its policy's maxIncoming (0 = none allowed, negative = unlimited).",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "capacity"],
    remediationSteps:
      "Move some replications to another destination org, or raise `maxIncoming` on the destination org's policy. Count replications created outside this stack with `orgPolicies[<org>].existingIncoming`.",
    configSchema: schema(capacityProps),
    validateStack: (args, report) => {
      const cfg = settings<IncomingCapacityArgs>(args, defaults);
      const view = stackView(args, cfg.orgPolicies);
      const byOrg = new Map<string, Item[]>();
      for (const rep of view.replications) {
        const dest = destinationOrg(rep);
        if ("skip" in dest) continue;
        if ("missing" in dest) {
          reportNotChecked(
            report,
            "advisory",
            `${subject(rep.type, rep.name)}: ${dest.missing}; it is not counted against any org's maxIncoming.`,
            rep.urn,
          );
          continue;
        }
        byOrg.set(dest.org, [...(byOrg.get(dest.org) ?? []), rep]);
      }
      for (const [org, reps] of byOrg) {
        const resolved = view.policyFor(org);
        const names = reps.map((r) => `"${r.name}"`).join(", ");
        if (!resolved.ok) {
          reportNotChecked(report, cfg.unknownLevel, `replications into org "${org}" (${names}): ${resolved.reason}.`);
          continue;
        }
        const p = resolved.policy;
        const max = p.maxIncoming;
        const incomingAllowed = p.allowIncomingProtections !== false || p.allowIncomingMigrations !== false;
        if (!incomingAllowed) continue; // maxIncoming is ignored; vcda-replication-permissions reports this
        if (isUnknown(max)) {
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `replications into org "${org}" (${names}): maxIncoming of ${resolved.source} is unknown during preview.`,
          );
          continue;
        }
        if (typeof max !== "number" || max < 0) continue;
        const existing = cfg.orgPolicies[org]?.existingIncoming ?? 0;
        const total = reps.length + existing;
        if (total > max) {
          const extra = existing ? ` (${reps.length} in this stack + ${existing} existing)` : "";
          const allowed =
            max === 0 ? "none (maxIncoming 0: the org cannot be a destination)" : `at most ${max} (maxIncoming)`;
          for (const rep of reps) {
            report(
              `${subject(rep.type, rep.name)}: org "${org}" would receive ${total} replications${extra}; ${resolved.source} allows ${allowed}. Replications into "${org}": ${names}.`,
              rep.urn,
            );
          }
        }
      }
    },
  };
}

export type ReplicationPermissionsArgs = OrgPolicyArgs;
const permissionProps = orgPolicyProps;

/** Input fields that count as custom SLA settings when an org may only use SLA profiles (guide L2965). */
const CUSTOM_SLA_FIELDS = ["rpo", "dataConnectionType", "quiesced", "retentionPolicy"] as const;

export function replicationPermissions(): StackValidationPolicy {
  const defaults = defaultsOf<Required<ReplicationPermissionsArgs>>(permissionProps);
  return {
    name: "vcda-replication-permissions",
    description:
      "Protections and migrations are allowed by the destination org's (incoming) and source org's (outgoing, and outgoing to on-premises) policy flags; allowCustomSlaSettings: false requires an SLA profile and no custom settings.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "permissions"],
    remediationSteps:
      "Use a destination/source org whose policy allows this kind of replication (allowIncoming*/allowOutgoing*, and allowOutgoingOnprem* towards an on-premises site), change `isMigration`, or change the policy. Where custom SLA settings are not allowed, set `slaProfileId` and drop rpo, dataConnectionType, quiesced and retentionPolicy.",
    configSchema: schema(permissionProps),
    validateStack: (args, report) => {
      const cfg = settings<ReplicationPermissionsArgs>(args, defaults);
      const view = stackView(args, cfg.orgPolicies);
      for (const rep of view.replications) {
        const who = subject(rep.type, rep.name);
        const given = rep.props.isMigration;
        const isMigration = given === undefined ? REPLICATION_DEFAULTS.isMigration : given;
        const kind = isMigration === true ? "Migrations" : "Protections";
        const notChecked = (msg: string, level = cfg.unknownLevel) =>
          reportNotChecked(report, level, `${who}: ${msg}`, rep.urn);

        const dest = destinationOrg(rep);
        if ("missing" in dest)
          notChecked(`${dest.missing}; incoming permissions and SLA settings were not checked.`, "advisory");
        if ("org" in dest) {
          const resolved = view.policyFor(dest.org);
          if (!resolved.ok) notChecked(`${resolved.reason}.`);
          else {
            const flag = `allowIncoming${kind}`;
            const allowed = resolved.policy[flag];
            if (isUnknown(isMigration) || isUnknown(allowed))
              notChecked(
                `isMigration ${show(isMigration)} vs ${flag} ${show(allowed)}; a value is unknown during preview.`,
              );
            else if (allowed === false)
              report(
                `${who}: isMigration is ${show(isMigration)}, but ${resolved.source} for destination org "${dest.org}" sets ${flag}: false; allowed: ${flag}: true.`,
                rep.urn,
              );
            checkCustomSla(
              rep,
              resolved.policy.allowCustomSlaSettings,
              `${resolved.source} for destination org "${dest.org}"`,
              report,
              notChecked,
            );
          }
        }

        const src = sourceOrg(rep);
        if ("missing" in src) notChecked(`${src.missing}; outgoing permissions were not checked.`, "advisory");
        if ("org" in src) {
          const resolved = view.policyFor(src.org);
          if (!resolved.ok) notChecked(`${resolved.reason}.`);
          else {
            // To an on-premises site, API 4.5+ policies also gate the direction (allowOutgoingOnprem*); unset = not gated.
            const toOnprem = at(rep.props, "destination.type") === "vcenter";
            const flags = [`allowOutgoing${kind}`, ...(toOnprem ? [`allowOutgoingOnprem${kind}`] : [])];
            for (const flag of flags) {
              const allowed = resolved.policy[flag];
              if (isUnknown(isMigration) || isUnknown(allowed))
                notChecked(
                  `isMigration ${show(isMigration)} vs ${flag} ${show(allowed)}; a value is unknown during preview.`,
                );
              else if (allowed === false)
                report(
                  `${who}: isMigration is ${show(isMigration)}${toOnprem ? " to an on-premises site" : ""}, but ${resolved.source} for source org "${src.org}" sets ${flag}: false; allowed: ${flag}: true.`,
                  rep.urn,
                );
            }
          }
        }
      }
    },
  };
}

function checkCustomSla(
  rep: Item,
  allowCustom: unknown,
  source: string,
  report: (message: string, urn?: string) => void,
  notChecked: (msg: string) => void,
): void {
  if (allowCustom === undefined || allowCustom === true) return;
  if (isUnknown(allowCustom)) {
    notChecked(`allowCustomSlaSettings of ${source} is unknown during preview.`);
    return;
  }
  const who = subject(rep.type, rep.name);
  const profile = rep.props.slaProfileId;
  if (isUnknown(profile)) notChecked("slaProfileId is unknown during preview.");
  else if (typeof profile !== "string" || profile === "") {
    report(
      `${who}: slaProfileId is ${show(profile)}, but ${source} sets allowCustomSlaSettings: false; allowed: an SLA profile (slaProfileId).`,
      rep.urn,
    );
  }
  const custom = CUSTOM_SLA_FIELDS.filter((f) => at(rep.props, f) !== undefined);
  if (custom.length > 0) {
    report(
      `${who}: custom settings ${custom.map((f) => `${f}=${show(at(rep.props, f))}`).join(", ")} are set, but ${source} sets allowCustomSlaSettings: false; allowed: none of ${CUSTOM_SLA_FIELDS.join(", ")}.`,
      rep.urn,
    );
  }
}
