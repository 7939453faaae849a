import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

const config = new pulumi.Config();

const policy = new vcda.Policy("gold", {
  displayName: config.require("policyName"),
  minRpo: config.requireNumber("minRpo"),
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});

const assignment = new vcda.PolicyAssignment("gold-assignment", { policyId: policy.id, org: config.require("org") });

export const policyId = policy.id;
export const minRpo = policy.minRpo;
export const orgs = policy.orgs;
export const assignedOrg = assignment.org;
export const assignedPolicyId = assignment.policyId;
