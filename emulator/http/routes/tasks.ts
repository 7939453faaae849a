import type { Models } from "../../app.js";
import { BadRequest, Forbidden } from "../../model/errors.js";
import { paging, parseSort, qList, qNum, qStr, type Route } from "../router.js";

const STATES = ["RUNNING", "SUCCEEDED", "FAILED"];

export function taskRoutes(m: Models): Route[] {
  return [
    {
      method: "GET",
      path: "/tasks/{taskId}",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        return { status: 200, body: m.tasks.view(m.tasks.get(c.session, c.params.taskId as string), c.session.admin) };
      },
    },
    {
      method: "POST",
      path: "/tasks/poll",
      access: "user",
      handler: (c) => {
        m.sessions.resolveSite(c.session, qStr(c.query, "site"));
        const ids = c.body;
        if (!Array.isArray(ids) || ids.some((x) => typeof x !== "string"))
          throw new BadRequest("The body must be a JSON array of task ids.");
        return { status: 200, body: m.tasks.poll(c.session, ids as string[]) };
      },
    },
    {
      method: "GET",
      path: "/tasks",
      access: "user",
      handler: (c) => {
        const q = c.query;
        m.sessions.resolveSite(c.session, qStr(q, "site"));
        const user = qStr(q, "user");
        const destinationOrg = qStr(q, "destinationOrg");
        if ((user !== undefined || destinationOrg !== undefined) && !c.session.admin) throw new Forbidden();
        if (user !== undefined && destinationOrg !== undefined)
          throw new BadRequest("Filtering by 'user' is not supported together with 'destinationOrg'.", [
            "user",
            "destinationOrg",
          ]);
        const state = qStr(q, "state");
        if (state !== undefined && !STATES.includes(state))
          throw new BadRequest(`state must be one of ${STATES.join(", ")}; got '${state}'.`, [state]);
        const page = paging(q);
        const { items, total } = m.tasks.list(c.session, {
          user,
          ids: qList(q, "ids"),
          sourceOrg: qStr(q, "sourceOrg"),
          destinationOrg,
          state,
          startTimeBefore: qNum(q, "startTimeBefore"),
          startTimeAfter: qNum(q, "startTimeAfter"),
          endTimeBefore: qNum(q, "endTimeBefore"),
          endTimeAfter: qNum(q, "endTimeAfter"),
          type: qStr(q, "type"),
          resourceId: qStr(q, "resourceId"),
          resourceName: qStr(q, "resourceName"),
          resourceType: qStr(q, "resourceType"),
          sort: parseSort(q, ["startTime", "state", "endTime", "user"]) ?? [["startTime", true]],
          ...page,
        });
        return {
          status: 200,
          body: {
            items: items.map((t) => m.tasks.view(t, c.session.admin)),
            total,
            offset: page.offset,
            limit: page.limit,
          },
        };
      },
    },
  ];
}
