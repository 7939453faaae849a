/**
 * The VmReplication dynamic provider: the shared replication engine (replication/engine.ts) over the VM kind
 * (replication/vm-kind.ts). This module's entire export is ONE provider instance, so that Pulumi's closure
 * serializer writes `require("pulumi-vcda/dynamic/vm-replication")` into the state instead of copying this code.
 */
import { ReplicationProvider } from "../replication/engine";
import { VM_KIND } from "../replication/vm-kind";

export = new ReplicationProvider(VM_KIND);
