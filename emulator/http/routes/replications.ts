import type { Models } from "../../app.js";
import { BadRequest, Forbidden } from "../../model/errors.js";
import type { RecoveryOp } from "../../model/replication-ops.js";
import {
  DisksBody,
  FailoverBody,
  FailoverTestBody,
  MigrateBody,
  parse,
  parseCreateBody,
  ReconfigureBody,
  ReconfigureBodyWithSync,
} from "../../model/schemas.js";
import { REPLICATION_SORT } from "../../store/replications-repo.js";
import type { TaskRec } from "../../store/tasks-repo.js";
import { type Ctx, paging, parseSort, qBool, qList, qNum, qStr, type Reply, type Route } from "../router.js";

const ADMIN_FILTERS = ["owner", "sourceVimServerUuid", "vimServerInstanceUuid", "datastoreMoref"];
const STR_FILTERS = [
  "owner",
  "sourceSite",
  "sourceSiteType",
  "sourceVdcId",
  "sourceVdcName",
  "sourceOrg",
  "sourceVimServerUuid",
  "vmId",
  "vmName",
  "storageProfile",
  "destinationOrg",
  "destinationVdcId",
  "destinationVdcName",
  "destinationSiteType",
  "recoveredVmId",
  "vimServerInstanceUuid",
  "datastoreMoref",
  "slaProfileId",
  "slaProfileDisplayName",
  "overallHealth",
  "dataConnectionState",
] as const;

/** `site` from the query string, or from a form body `site=...` (decisions.md #19). */
export function siteOf(c: Ctx): string | undefined {
  const q = qStr(c.query, "site");
  if (q) return q;
  const b = c.body as Record<string, unknown> | undefined;
  return b && typeof b === "object" && !Array.isArray(b) && typeof b.site === "string" ? b.site : undefined;
}

export function replicationRoutes(m: Models): Route[] {
  const R = m.replications;
  const rp = m.profile.replication;
  const reconfigureSchema = rp.reconfigureInitialSync ? ReconfigureBodyWithSync : ReconfigureBody;
  const task = (c: Ctx, t: TaskRec): Reply => ({ status: 202, body: m.tasks.view(t, c.session.admin) });
  const id = (c: Ctx) => c.params.replicationId as string;
  const recover =
    (op: RecoveryOp, schema: typeof FailoverBody | typeof FailoverTestBody | typeof MigrateBody, what: string) =>
    (c: Ctx) =>
      task(c, R.recover(c.session, id(c), qStr(c.query, "site"), op, parse(schema, c.body, what) as never));

  return [
    {
      method: "POST",
      path: "/vm-replications",
      access: "user",
      handler: (c) =>
        task(c, R.create(c.session, qStr(c.query, "site"), parseCreateBody(c.body, rp.excludedDisksField))),
    },
    {
      method: "GET",
      path: "/vm-replications",
      access: "user",
      handler: (c) => {
        const q = c.query;
        m.sessions.resolveSite(c.session, qStr(q, "site"));
        if (!c.session.admin && ADMIN_FILTERS.some((f) => qStr(q, f) !== undefined)) throw new Forbidden();
        if (qStr(q, "datastoreMoref") !== undefined && qStr(q, "vimServerInstanceUuid") === undefined) {
          throw new BadRequest("'datastoreMoref' requires 'vimServerInstanceUuid'.", ["datastoreMoref"]);
        }
        const sourceSite = qStr(q, "sourceSite");
        if (sourceSite !== undefined && sourceSite === m.world.localSite)
          throw new BadRequest("Filtering by the local site as source site is not supported.", [sourceSite]);
        const filters: Record<string, string | undefined> = {};
        for (const f of STR_FILTERS) filters[f] = qStr(q, f);
        const page = paging(q);
        const { items, total } = R.list(c.session, {
          ...filters,
          isMigration: qBool(q, "isMigration"),
          lastUpdatedBefore: qNum(q, "lastUpdatedBefore"),
          lastUpdatedAfter: qNum(q, "lastUpdatedAfter"),
          ids: qList(q, "ids"),
          sort: parseSort(q, Object.keys(REPLICATION_SORT)) ?? [],
          ...page,
        });
        const now = Date.now();
        return {
          status: 200,
          body: {
            items: items.map((r) => R.view(r, c.session.admin, now)),
            total,
            offset: page.offset,
            limit: page.limit,
          },
        };
      },
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: R.view(R.get(c.session, id(c)), c.session.admin) };
      },
    },
    {
      method: "DELETE",
      path: "/vm-replications/{replicationId}",
      access: "user",
      handler: (c) => task(c, R.delete(c.session, id(c), siteOf(c))),
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}/instances",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: R.listInstances(c.session, id(c)) };
      },
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}/instances/{instanceId}",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: R.instance(c.session, id(c), c.params.instanceId as string) };
      },
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}/traffic",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: R.stats(
          c.session,
          id(c),
          { interval: qStr(c.query, "interval"), start: qNum(c.query, "start"), end: qNum(c.query, "end") },
          "traffic",
        ),
      }),
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}/disk-usage",
      access: "user",
      handler: (c) => ({
        status: 200,
        body: R.stats(
          c.session,
          id(c),
          { interval: qStr(c.query, "interval"), start: qNum(c.query, "start"), end: qNum(c.query, "end") },
          "disk-usage",
        ),
      }),
    },
    {
      method: "GET",
      path: "/vm-replications/{replicationId}/virtual-hardware",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: R.virtualHardware(c.session, id(c)) };
      },
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/sync",
      access: "user",
      handler: (c) => task(c, R.sync(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/pause",
      access: "user",
      handler: (c) => task(c, R.pause(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/resume",
      access: "user",
      handler: (c) => task(c, R.resume(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/reverse",
      access: "user",
      handler: (c) => task(c, R.reverse(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/failover",
      access: "user",
      handler: recover("failover", FailoverBody, "failover request"),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/failover-test",
      access: "user",
      handler: recover("failoverTest", FailoverTestBody, "test failover request"),
    },
    {
      method: "DELETE",
      path: "/vm-replications/{replicationId}/failover-test",
      access: "user",
      handler: (c) => task(c, R.failoverTestCleanup(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: "/vm-replications/{replicationId}/migrate",
      access: "user",
      handler: recover("migrate", MigrateBody, "migration request"),
    },
    {
      method: "PATCH",
      path: "/vm-replications/{replicationId}",
      access: "user",
      handler: (c) =>
        task(
          c,
          R.reconfigure(
            c.session,
            id(c),
            qStr(c.query, "site"),
            parse(reconfigureSchema, c.body, "replication settings"),
          ),
        ),
    },
    {
      method: "PATCH",
      path: "/vm-replications/{replicationId}/disks",
      access: "user",
      handler: (c) =>
        task(
          c,
          R.setExcludedDisks(c.session, id(c), qStr(c.query, "site"), parse(DisksBody, c.body, "excluded disk keys")),
        ),
    },
  ];
}
