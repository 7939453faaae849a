import type { StackValidationPolicy } from "@pulumi/policy";
import { REPLICATION_DEFAULTS } from "../limits";
import { VAPP_REPLICATION } from "../tokens";
import { defaultsOf, type Props, reportNotChecked, schema, settings, subject } from "./common";
import { destinationOrg, type Item, type OrgPolicyArgs, orgPolicyProps, sourceOrg, stackView } from "./stack";
import { at, isUnknown, show } from "./view";

export interface IncomingCapacityArgs extends OrgPolicyArgs {
  /**
   * VMs of a VappReplication whose `vmCount` output is not known (a preview of a new or changed one),
   * keyed by the resource's name or its `source.vappId`.
   */
  vappVmCounts?: Record<string, number>;
}

const capacityProps: Props = {
  ...orgPolicyProps,
  vappVmCounts: {
    type: "object",
    default: {},
    description:
      "VMs per VappReplication while its vmCount output is not known (preview of a new or changed one): { <resource name or source.vappId>: <number of VMs> }.",
    additionalProperties: { type: "integer", minimum: 1 },
  },
};

/** How many VM replications a replication adds to its destination org, and where that number came from. */
interface Counted {
  rep: Item;
  vms: number;
  /** For a vApp: `vmCount` or the config entry; undefined when the count is not known (then vms is 1). */
  from?: string;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;

/** A VmReplication is one VM; a VappReplication is its vmCount, else the configured count, else unknown. */
function countVms(rep: Item, vappVmCounts: Record<string, number>): Counted {
  if (rep.type !== VAPP_REPLICATION) return { rep, vms: 1 };
  const vmCount = rep.props.vmCount;
  if (isCount(vmCount)) return { rep, vms: vmCount, from: "vmCount" };
  for (const key of configKeys(rep)) {
    const n = vappVmCounts[key];
    if (isCount(n)) return { rep, vms: n, from: `pack config vappVmCounts["${key}"]` };
  }
  return { rep, vms: 1 };
}

/** The vappVmCounts keys that name a vApp replication: its resource name, then its vApp id when known. */
function configKeys(rep: Item): string[] {
  const vappId = at(rep.props, "source.vappId");
  return typeof vappId === "string" && vappId !== "" ? [rep.name, vappId] : [rep.name];
}

/** `"web-01"`, or for a vApp `"crm" (vApp: 3 VMs from vmCount)`. */
function label(c: Counted): string {
  if (c.rep.type !== VAPP_REPLICATION) return `"${c.rep.name}"`;
  const vms = `${c.vms} VM${c.vms === 1 ? "" : "s"}`;
  return `"${c.rep.name}" (vApp: ${c.from ? `${vms} from ${c.from}` : "VM count not known, counted as 1"})`;
}

export function incomingCapacity(): StackValidationPolicy {
  const defaults = defaultsOf<Required<IncomingCapacityArgs>>(capacityProps);
  return {
    name: "vcda-incoming-capacity",
    description:
      "Replications into one org stay within its policy's maxIncoming (0 = none allowed, negative = unlimited); a vApp replication counts each of its VMs.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["vcda", "capacity"],
    remediationSteps:
      "Move some replications to another destination org, or raise `maxIncoming` on the destination org's policy. Count replications created outside this stack with `orgPolicies[<org>].existingIncoming`. A vApp replication counts one per VM: while its `vmCount` is not known (preview of a new or changed one), give its VM count in `vappVmCounts[<resource name or vappId>]`.",
    configSchema: schema(capacityProps),
    validateStack: (args, report) => {
      const cfg = settings<IncomingCapacityArgs>(args, defaults);
      const view = stackView(args, cfg.orgPolicies);
      const byOrg = new Map<string, Counted[]>();
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
        byOrg.set(dest.org, [...(byOrg.get(dest.org) ?? []), countVms(rep, cfg.vappVmCounts)]);
      }
      for (const [org, counted] of byOrg) {
        const resolved = view.policyFor(org);
        const names = counted.map(label).join(", ");
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
        const inStack = counted.reduce((n, c) => n + c.vms, 0);
        const total = inStack + existing;
        for (const c of counted) {
          if (c.rep.type !== VAPP_REPLICATION || c.from) continue;
          const keys = configKeys(c.rep)
            .map((k) => `"${k}"`)
            .join(" or ");
          const allowed = max === 0 ? "none" : `at most ${max}`;
          reportNotChecked(
            report,
            cfg.unknownLevel,
            `${subject(c.rep.type, c.rep.name)}: its number of VMs is not known (vmCount ${show(c.rep.props.vmCount)}; a preview has it only for an unchanged vApp replication) and pack config vappVmCounts has no entry for ${keys}, so it is counted as 1 VM: org "${org}" would receive at least ${total} replications; ${resolved.source} allows ${allowed} (maxIncoming). Set vappVmCounts["${c.rep.name}"] in the vcda-incoming-capacity config to its number of VMs.`,
            c.rep.urn,
          );
        }
        if (total > max) {
          const extra = existing ? ` (${inStack} in this stack + ${existing} existing)` : "";
          const allowed =
            max === 0 ? "none (maxIncoming 0: the org cannot be a destination)" : `at most ${max} (maxIncoming)`;
          for (const c of counted) {
            report(
              `${subject(c.rep.type, c.rep.name)}: org "${org}" would receive ${total} replications${extra}; ${resolved.source} allows ${allowed}. Replications into "${org}": ${names}.`,
              c.rep.urn,
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
