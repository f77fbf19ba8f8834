"use server";

import { filterContext } from "@/lib/deals/list/context";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { idOrNone, parseIds } from "@/lib/ids";
import { zonedTimeToDate } from "@/lib/i18n/format";
import type { MessageKey } from "@/lib/i18n/translate";
import { applyBulk, BULK_MAX, BULK_SYNC_LIMIT, type BulkAction } from "./apply";
import { startBulkOperation } from "./job";
import { BULK_KINDS, BULK_SCOPES } from "./request";
import { countDeals, matchingDealIds } from "../list/queries";
import { parseListQuery } from "../list/url-state";

const ids = z.array(z.string()).max(BULK_SYNC_LIMIT, "too many").optional().default([]).transform((list) => parseIds(list));
const optionalId = idOrNone;

/** Group actions on the list: on ticked rows, the page, or every deal matching the filter. */
export const bulkDealsAction = defineAction({
  schema: ({ t }) =>
    z.object({
      scope: z.enum(BULK_SCOPES).default("selected"),
      "ids[]": ids,
      "pageIds[]": ids,
      query: z.string().max(4000).default(""),
      action: z.enum(BULK_KINDS, { message: t("errors.unknownOption") }),
      assignedById: optionalId,
      stageId: optionalId,
      pipelineId: optionalId,
      "observerIds[]": z.array(z.string()).max(50).optional().default([]).transform((list) => parseIds(list)),
      taskSubject: z.string().trim().max(255, t("errors.tooLong", { max: 255 })).default(""),
      taskDeadline: z.string().default(""),
    }),
  async run(input, { db, viewer, t }) {
    const context = await filterContext(db, viewer);
    const query = parseListQuery(new URLSearchParams(input.query));
    const dealIds = input.scope === "filter" ? await matchingDealIds(db, viewer, query, context, BULK_MAX + 1) : input.scope === "page" ? input["pageIds[]"] : input["ids[]"];
    if (dealIds.length === 0) throw new ActionError("invalid", "bulk.nothingSelected");
    if (dealIds.length > BULK_MAX) throw new ActionError("invalid", "bulk.tooMany", { count: await countDeals(db, viewer, query, context), max: BULK_MAX });

    const missing = () => new ActionError("invalid", "bulk.missingValue");
    let action: BulkAction;
    switch (input.action) {
      case "responsible":
        if (!input.assignedById) throw missing();
        action = { kind: "responsible", assignedById: input.assignedById };
        break;
      case "stage":
        if (!input.stageId) throw missing();
        action = { kind: "stage", stageId: input.stageId };
        break;
      case "pipeline":
        if (!input.pipelineId) throw missing();
        action = { kind: "pipeline", pipelineId: input.pipelineId };
        break;
      case "open":
      case "close":
        action = { kind: "opened", opened: input.action === "open" };
        break;
      case "observers":
        if (input["observerIds[]"].length === 0) throw missing();
        action = { kind: "observers", userIds: input["observerIds[]"] };
        break;
      case "task": {
        const deadline = zonedTimeToDate(input.taskDeadline, viewer.org.timezone);
        if (!input.taskSubject || !deadline) throw missing();
        action = { kind: "task", subject: input.taskSubject, deadline };
        break;
      }
      case "quote":
      case "invoice":
        action = { kind: "document", documentKind: input.action };
        break;
      case "delete":
        action = { kind: "delete" };
        break;
    }
    // Large ones run on the job queue; the progress page can be left and revisited.
    if (dealIds.length > BULK_SYNC_LIMIT) {
      const operationId = await startBulkOperation(db, viewer, action, dealIds);
      return { redirectTo: `/deals/bulk/${operationId}` };
    }
    const result = await applyBulk(db, viewer, action, dealIds);
    const details = result.refused.slice(0, 50).map((r) => t("bulk.refusedRow", { title: r.title, reason: t(r.reason as MessageKey, r.vars) }));
    if (result.refused.length > 50) details.push(`… +${result.refused.length - 50}`);
    return {
      message: "bulk.result",
      vars: { changed: result.changed, unchanged: result.unchanged, refused: result.refused.length },
      details,
      revalidate: ["/deals"],
    };
  },
});
