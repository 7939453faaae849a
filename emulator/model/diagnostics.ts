import { randomUUID } from "node:crypto";
import type { MetaRepo } from "../store/db.js";
import type { Profile } from "./profiles.js";

export const PRODUCT = "VMware Cloud Director Availability Cloud Service";

/** /diagnostics/about and the CloudHealthInfo of /diagnostics/health (guide L143-484, L1166-1233). */
export class Diagnostics {
  readonly instanceId: string;
  readonly runtimeId = randomUUID();

  constructor(
    meta: MetaRepo,
    private readonly address: string,
    private readonly profile: Profile,
  ) {
    let id = meta.get("instanceId");
    if (!id) {
      id = randomUUID();
      meta.set("instanceId", id);
    }
    this.instanceId = id;
  }

  about(): Record<string, unknown> {
    const { version: buildVersion, date: buildDate } = this.profile.build;
    return {
      serviceType: "CLOUD",
      productName: PRODUCT,
      instanceId: this.instanceId,
      buildVersion,
      buildDate,
    };
  }

  /** A healthy appliance: every *Error is null. */
  health(): Record<string, unknown> {
    const { version: buildVersion, date: buildDate } = this.profile.build;
    const now = Date.now();
    const disk = { total: 10123528, usable: 8691736, free: 7897832 };
    return {
      productName: PRODUCT,
      buildVersion,
      buildDate,
      instanceId: this.instanceId,
      runtimeId: this.runtimeId,
      currentTime: now,
      address: this.address,
      tunnelError: null,
      vcdError: null,
      managerError: null,
      managerHealth: {
        productName: "VMware Cloud Director Availability Manager Service",
        buildVersion,
        buildDate,
        instanceId: this.instanceId,
        runtimeId: this.runtimeId,
        currentTime: now,
        address: this.address,
        offlineReplicators: [],
        onlineReplicators: [],
        localReplicatorsHealth: [],
        lsError: null,
        dbError: null,
        ntpError: null,
        localReplicatorsLsMismatch: null,
        diskUsage: disk,
      },
      lsError: null,
      dbError: null,
      ntpError: null,
      diskUsage: disk,
      ...(this.profile.health.tunnelConnectivity ? { tunnelConnectivity: [] } : {}),
    };
  }
}
