/**
 * The SlaProfileAssignment contract for the schema, checked against inputs.ts. Its provider is
 * provider/dynamic/sla-profile-assignment.ts.
 */
import type { SlaProfileAssignmentInputs } from "../inputs";
import { connection } from "./policy";
import { resourceContract } from "./types";

export const SLA_PROFILE_ASSIGNMENT = resourceContract<SlaProfileAssignmentInputs, Record<never, never>>({
  name: "SlaProfileAssignment",
  description:
    "Gives a local VCD org an SLA profile (`POST /sla-profiles/orgs/{org}/profiles/{id}`); destroying it unassigns the profile. Changing either side replaces it. The API creates no SLA profiles: pass the id of an existing one (`getSlaProfileOutput({ name })` of the TypeScript package, or `GET /sla-profiles`). No endpoint lists an org's profiles: refresh sees the assignment as gone only when the profile is gone or counts no org. Import by `<org>/<slaProfileId>`, the resource id; as on refresh, the appliance can confirm only that some org has the profile, not which.",
  inputs: {
    org: {
      type: "string",
      description: "Short name of a local VCD org. Changing it replaces the assignment.",
      required: true,
    },
    slaProfileId: {
      type: "string",
      description: "The SLA profile's id. Changing it replaces the assignment.",
      required: true,
    },
    connection,
  },
  outputs: {},
  alwaysOutput: ["org", "slaProfileId"],
});
