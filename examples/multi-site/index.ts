import * as pulumi from "@pulumi/pulumi";
import * as vcda from "pulumi-vcda";

// Replications between the local cloud site and a remote (paired) cloud site, run on the remote site.
// Every call that names the remote site needs a session extended to it: stack config `vcda:sites` says how
// (see README). The ids default to the local emulator's inventory; set them for a real appliance.
const config = new pulumi.Config();
const localSite = config.get("localSite") ?? "site2";
const localOrg = config.get("localOrg") ?? "org3";
const localVdc = config.get("localVdc") ?? "a3c0e2f4-1b2d-4e6f-8a9b-0c1d2e3f4a03";
const localVmIds = config.getObject<string[]>("localVmIds") ?? ["5e3a0000-0000-4000-8000-000000000003"];
const remoteSite = config.get("remoteSite") ?? "site1";
const remoteOrg = config.get("remoteOrg") ?? "org1";
const remoteVdc = config.get("remoteVdc") ?? "f61d60d2-698a-46dc-a266-88df27644956";
const remoteVmIds = config.getObject<string[]>("remoteVmIds") ?? [
  "5e1a0000-0000-4000-8000-000000000005",
  "5e1a0000-0000-4000-8000-000000000006",
];

// This appliance enforces the policy of its own orgs only; the remote site's org needs a policy set there.
const policy = new vcda.Policy("multi-site", {
  displayName: config.get("policyName") ?? "Multi-site protection",
  minRpo: 15,
  maxIncoming: -1,
  allowIncomingProtections: true,
  allowOutgoingProtections: true,
});
const assignment = new vcda.PolicyAssignment("multi-site-org", { policyId: policy.id, org: localOrg });
const after = { dependsOn: [assignment] };

// Remote → local: the remote site's VMs protected into the local org.
const inbound = remoteVmIds.map(
  (vmId, i) =>
    new vcda.VmReplication(
      `inbound-${i + 1}`,
      {
        site: remoteSite, // create, read, update and delete run on the remote site (the `site` query parameter)
        source: { type: "vcloud", site: remoteSite, vmId, org: remoteOrg },
        destination: { type: "vcloud", site: localSite, vdc: localVdc, org: localOrg },
        rpo: 30,
        retentionPolicy: { rules: [{ numberOfInstances: 6, distance: 60 }] },
      },
      after,
    ),
);

// Local → remote: the local org's VMs protected to the remote site.
const outbound = localVmIds.map(
  (vmId, i) =>
    new vcda.VmReplication(
      `outbound-${i + 1}`,
      {
        site: remoteSite,
        source: { type: "vcloud", site: localSite, vmId, org: localOrg },
        destination: { type: "vcloud", site: remoteSite, vdc: remoteVdc, org: remoteOrg },
        rpo: 60,
        retentionPolicy: { rules: [{ numberOfInstances: 4, distance: 60 }] },
      },
      after,
    ),
);

export const inboundIds = inbound.map((r) => r.replicationId);
export const outboundIds = outbound.map((r) => r.replicationId);
// Details a resource does not keep (owner, source and destination details, settings as held) come from a lookup.
export const owners = [...inbound, ...outbound].map(
  (r) => vcda.getVmReplicationOutput({ id: r.replicationId, site: remoteSite }).owner,
);
