import type { Models } from "../../app.js";
import { BadRequest, Forbidden } from "../../model/errors.js";
import type { RecoveryOp } from "../../model/replication-ops.js";
import {
  CreateVappBody,
  parse,
  ReconfigureBody,
  ReconfigureBodyWithSync,
  VappFailoverBody,
  VappFailoverTestBody,
  VappMigrateBody,
} from "../../model/schemas.js";
import type { TaskRec } from "../../store/tasks-repo.js";
import { VAPP_REPLICATION_SORT } from "../../store/vapp-replications-repo.js";
import { type Ctx, paging, parseSort, qBool, qList, qNum, qStr, type Reply, type Route } from "../router.js";
import { siteOf } from "./replications.js";

const STR_FILTERS = [
  "owner",
  "vappId",
  "vappName",
  "sourceSite",
  "sourceSiteType",
  "sourceOrg",
  "sourceVdcId",
  "sourceVdcName",
  "destinationOrg",
  "destinationVdcId",
  "destinationVdcName",
  "destinationSiteType",
] as const;

/** `/vapp-replications` (4.5/4.6/latest reference; README lists each page). */
export function vappReplicationRoutes(m: Models): Route[] {
  const V = m.vappReplications;
  const reconfigureSchema = m.profile.replication.reconfigureInitialSync ? ReconfigureBodyWithSync : ReconfigureBody;
  const task = (c: Ctx, t: TaskRec): Reply => ({ status: 202, body: m.tasks.view(t, c.session.admin) });
  const id = (c: Ctx) => c.params.replicationId as string;
  const recover =
    (
      op: RecoveryOp,
      schema: typeof VappFailoverBody | typeof VappFailoverTestBody | typeof VappMigrateBody,
      what: string,
    ) =>
    (c: Ctx) =>
      task(c, V.recover(c.session, id(c), qStr(c.query, "site"), op, parse(schema, c.body, what) as never));
  const base = "/vapp-replications/{replicationId}";

  return [
    {
      method: "POST",
      path: "/vapp-replications",
      access: "user",
      handler: (c) =>
        task(c, V.create(c.session, qStr(c.query, "site"), parse(CreateVappBody, c.body, "vApp replication"))),
    },
    {
      method: "GET",
      path: "/vapp-replications",
      access: "user",
      handler: (c) => {
        const q = c.query;
        m.sessions.resolveSite(c.session, qStr(q, "site"));
        if (!c.session.admin && qStr(q, "owner") !== undefined) throw new Forbidden();
        const sourceSite = qStr(q, "sourceSite");
        if (sourceSite !== undefined && sourceSite === m.world.localSite)
          throw new BadRequest("Filtering by the local site as source site is not supported.", [sourceSite]);
        const filters: Record<string, string | undefined> = {};
        for (const f of STR_FILTERS) filters[f] = qStr(q, f);
        const page = paging(q);
        const { items, total } = V.list(c.session, {
          ...filters,
          isMigration: qBool(q, "isMigration"),
          lastUpdatedBefore: qNum(q, "lastUpdatedBefore"),
          lastUpdatedAfter: qNum(q, "lastUpdatedAfter"),
          ids: qList(q, "ids"),
          sort: parseSort(q, Object.keys(VAPP_REPLICATION_SORT)) ?? [],
          ...page,
        });
        const now = Date.now();
        return {
          status: 200,
          body: {
            items: items.map((v) => V.view(v, c.session.admin, now)),
            total,
            offset: page.offset,
            limit: page.limit,
          },
        };
      },
    },
    {
      method: "GET",
      path: base,
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: V.view(V.get(c.session, id(c)), c.session.admin) };
      },
    },
    {
      method: "PATCH",
      path: base,
      access: "user",
      handler: (c) =>
        task(
          c,
          V.reconfigure(
            c.session,
            id(c),
            qStr(c.query, "site"),
            parse(reconfigureSchema, c.body, "replication settings"),
          ),
        ),
    },
    { method: "DELETE", path: base, access: "user", handler: (c) => task(c, V.delete(c.session, id(c), siteOf(c))) },
    {
      method: "POST",
      path: `${base}/sync`,
      access: "user",
      handler: (c) => task(c, V.sync(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: `${base}/pause`,
      access: "user",
      handler: (c) => task(c, V.pause(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: `${base}/resume`,
      access: "user",
      handler: (c) => task(c, V.resume(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: `${base}/reverse`,
      access: "user",
      handler: (c) => task(c, V.reverse(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: `${base}/failover`,
      access: "user",
      handler: recover("failover", VappFailoverBody, "failover request"),
    },
    {
      method: "POST",
      path: `${base}/failover-test`,
      access: "user",
      handler: recover("failoverTest", VappFailoverTestBody, "test failover request"),
    },
    {
      method: "DELETE",
      path: `${base}/failover-test`,
      access: "user",
      handler: (c) => task(c, V.failoverTestCleanup(c.session, id(c), siteOf(c))),
    },
    {
      method: "POST",
      path: `${base}/migrate`,
      access: "user",
      handler: recover("migrate", VappMigrateBody, "migration request"),
    },
  ];
}
