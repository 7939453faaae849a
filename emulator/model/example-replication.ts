import type { InstancesRepo, ReplicationsRepo } from "../store/replications-repo.js";
import { type Clock, refresh, takeInstance } from "./lifecycle.js";
import { newReplication } from "./replication-build.js";
import type { World } from "./world.js";

/** The guide's example replication (L9090-9187), placed into an empty database once. */
export function seedExample(repo: ReplicationsRepo, instances: InstancesRepo, world: World, clock: Clock): void {
  const id = "C4-ec991bd5-af9d-446a-8599-5b693842c4a3";
  if (repo.get(id)) return;
  const vm = world.cloudVm("site1", "4e7fa4b1-e8d9-45bd-a91d-852c46b7a0da");
  const dstVdc = world.vdc("5ee9224f-305d-46f6-865f-b605e70acef8");
  const now = Date.now();
  const r = newReplication({
    id,
    owner: "org1@site1",
    vm,
    sourceSite: "site1",
    srcVdc: world.vdc("f61d60d2-698a-46dc-a266-88df27644956"),
    destinationSite: dstVdc.site,
    dstVdc,
    profile: dstVdc.storageProfiles[0],
    storageProfile: "*",
    settings: {
      description: "A vm replication",
      rpo: 5,
      dataConnectionType: "ENCRYPTED_COMPRESSED",
      quiesced: true,
      retentionPolicy: { rules: [{ numberOfInstances: 3, distance: 60 }] },
      initialSyncTime: 4102444800,
      excludedDiskKeys: [],
    },
    isMigration: false,
    sla: { id: "2bfb7696-3aa1-49d3-bb40-d9e97df1baba", displayName: "Gold", rpo: 15 },
    vappReplicationId: "C4VAPP-ccbe771e-b685-46c7-8c7a-4ed36915d963",
    sourceType: "vcloud",
    destinationType: "vcloud",
    sourceVcUuid: null,
    targetDiskType: "THIN",
    now,
  });
  Object.assign(r, {
    metadata: { val1: { key: "val1", access: "READONLY", type: "STRING", value: "Hello, world!" } },
    dataConnectionState: "OK",
    pending: false,
    syncStartAt: now,
    syncEndAt: now,
  });
  repo.save(r);
  // pinned, so retention keeps it and the guide's failover examples (instanceId 2bfb7696-...) keep working
  const pinned = takeInstance(r, now, instances, true, "replica-2bfb7696-3aa1-49d3-bb40-d9e97df1baba");
  pinned.isPinned = true;
  instances.delete(pinned.key);
  instances.insert(r.id, pinned);
  refresh(r, now, clock);
  repo.save(r);
}
