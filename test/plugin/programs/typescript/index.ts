import * as pulumi from "@pulumi/pulumi";
// The generated TypeScript SDK, as `npm install <repo>/sdk/nodejs` would provide it.
import * as vcda from "../../../../sdk/nodejs";

const config = new pulumi.Config();

const appliance = new vcda.Provider("appliance", {
  endpoint: config.require("endpoint"),
  password: config.requireSecret("password"),
});

const gold = new vcda.Policy(
  "gold",
  { displayName: config.require("policyName"), maxIncoming: -1, allowIncomingMigrations: true },
  { provider: appliance },
);

export const policyId = gold.id;
export const minRpo = gold.minRpo;
export const orgs = gold.orgs;
