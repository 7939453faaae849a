/**
 * The VappReplication dynamic provider: the shared replication engine (replication/engine.ts) over the vApp kind
 * (replication/vapp-kind.ts). Its only export is the provider instance, so Pulumi serializes a `require()` of it.
 */
import { ReplicationProvider } from "../replication/engine";
import { VAPP_KIND } from "../replication/vapp-kind";

export = new ReplicationProvider(VAPP_KIND);
