import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Every org without a policy of its own gets the built-in "default" policy. It cannot be created or deleted, only
// changed: this resource updates it on `up` and puts the documented defaults back on `destroy`.
const config = new pulumi.Config();

const defaults = new vcda.DefaultPolicy("default", {
  // Orgs on the default policy may migrate workloads in and out, at most 10 incoming replications each,
  // but may not set up ongoing protections: those need an explicitly assigned policy.
  allowIncomingMigrations: true,
  allowOutgoingMigrations: true,
  allowIncomingProtections: false,
  allowOutgoingProtections: false,
  maxIncoming: config.getNumber("maxIncoming") ?? 10,
  minRpo: 30,
  maxInstances: 12,
});

export const displayName = defaults.displayName;
export const maxIncoming = defaults.maxIncoming;
export const allowIncomingMigrations = defaults.allowIncomingMigrations;
