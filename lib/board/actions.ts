"use server";

import { z } from "zod";
import { defineAction, type ActionOutcome } from "@/lib/actions/action";
import { idField, idOrNone, parseIds } from "@/lib/ids";
import { ActionError } from "@/lib/actions/errors";
import { dealFormSchema, dealShape, type DealInput } from "@/lib/deals/form-schema";
import { requirableFields } from "@/lib/deals/required/rule";
import { SENT } from "@/lib/fields/form-input";
import { submittedCustomValues } from "@/lib/fields/submitted";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { decimalSeparator } from "@/lib/i18n/format";
import { parseAmount } from "@/lib/money/money";
import { moveDeals } from "@/lib/deals/move";
import { applyBulk } from "@/lib/deals/bulk/apply";
import { createDeal, lockDealForUpdate, patchDeal } from "@/lib/deals/service";
import type { Db } from "@/db/client";
import type { Translate } from "@/lib/i18n/translate";
import type { MoveResult } from "@/lib/deals/move";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { resetCardFields, saveCardFields } from "./preferences";

const BOARD_PATH = "/deals/kanban";
const SELECTED_MAX = 500;
const id = idField();
const optionalId = idOrNone;
// "quiet": the board's script updates itself (and live updates follow); a plain form re-renders the page.
const quiet = z
  .string()
  .optional()
  .transform((v) => v === "1");

function refusalLines(result: MoveResult, t: Translate): string[] {
  return result.refused.map((r) => `#${r.id}: ${t(r.reason, r.vars)}`);
}

/**
 * One card to a stage (below the card `afterId`, or at the top): the board's drop and the card's
 * move form. When the stage requires fields the deal lacks, the refusal names them; the same
 * action sent again with those fields fills them in and moves the card, in one transaction.
 */
export const moveCardAction = defineAction({
  schema: (i18n) => {
    const fields = dealShape(i18n);
    return z.object({
      dealId: id,
      stageId: id,
      afterId: optionalId,
      quiet,
      amount: fields.amount,
      currency: fields.currency.optional(),
      companyId: fields.companyId,
      contactIds: fields.contactIds,
      sourceId: fields.sourceId,
      typeId: fields.typeId,
      probability: fields.probability,
      sourceDescription: fields.sourceDescription,
      comments: fields.comments,
    });
  },
  multiple: ["contactIds"],
  async run(input, { db, viewer, formData, locale, t, onFailure }) {
    const sent = requirableFields.filter((f) => formData.has(f));
    // Custom fields the "fill in what the stage requires" form asked for.
    const defs = formData.has(SENT) ? await getFieldDefinitions(db, viewer) : [];
    const custom = await submittedCustomValues({ db, viewer, formData, t, locale, onFailure }, defs, { enforceMandatory: false, authorize: () => lockDealForUpdate(db, viewer, input.dealId) });
    if (sent.length || Object.keys(custom).length) {
      const patch: Partial<DealInput> = {};
      if (Object.keys(custom).length) patch.custom = custom;
      for (const field of sent) {
        if (field === "amount") {
          const currency = input.currency ?? "VND";
          const parsed = parseAmount(input.amount ?? "", decimalSeparator(locale) as "." | ",", currency);
          if (!parsed.ok) throw new ActionError("invalid", "errors.invalid", undefined, { amount: `errors.${parsed.error}` });
          Object.assign(patch, { amount: parsed.amount, currency });
        } else if (field === "contactIds") patch.contactIds = parseIds(input.contactIds);
        else Object.assign(patch, { [field]: input[field] });
      }
      await patchDeal(db, viewer, input.dealId, patch);
    }
    await moveDeals(db, viewer, [input.dealId], { stageId: input.stageId, afterId: input.afterId });
    // The card's stage bar sends it too: the card shows the new stage.
    return { message: "board.moved", revalidate: input.quiet ? [] : [BOARD_PATH, `/deals/${input.dealId}`] };
  },
});

/** The Delete zone: the list's bulk delete (each deal on its own); a single card refused says why. */
async function deleteMany(db: Db, viewer: Viewer, dealIds: number[], t: Translate) {
  const result = await applyBulk(db, viewer, { kind: "delete" }, dealIds);
  const [only] = result.refused;
  if (dealIds.length === 1 && only) throw new ActionError("forbidden", only.reason, only.vars);
  return { deleted: result.changed, refused: result.refused.map((r) => `#${r.id}: ${t(r.reason, r.vars)}`) };
}

/**
 * Selected cards, moved together to one stage (in the order given, below `afterId`) or deleted
 * (`op=delete`, the Delete drop zone). Each card on its own: refusals are listed, the rest go.
 */
export const selectedCardsAction = defineAction({
  schema: ({ t }) =>
    z.object({
      "ids[]": z.array(id).max(SELECTED_MAX).min(1, t("board.nothingSelected")),
      op: z.enum(["move", "delete"]).default("move"),
      stageId: id.optional(),
      afterId: optionalId,
      quiet,
    }),
  multiple: ["ids[]"],
  async run(input, { db, viewer, t }): Promise<ActionOutcome> {
    const revalidate = input.quiet ? [] : [BOARD_PATH, "/deals"];
    if (input.op === "delete") {
      const { deleted, refused } = await deleteMany(db, viewer, input["ids[]"], t);
      return { message: "board.deleted", vars: { count: deleted }, details: refused, revalidate };
    }
    if (!input.stageId) throw new ActionError("invalid", "errors.invalid", undefined, { stageId: "errors.required" });
    const result = await moveDeals(db, viewer, input["ids[]"], { stageId: input.stageId, afterId: input.afterId });
    if (result.moved.length === 0 && result.refused.length === 1) throw new ActionError("forbidden", result.refused[0]!.reason, result.refused[0]!.vars);
    return {
      message: result.refused.length ? "board.movedSome" : "board.movedMany",
      vars: { moved: result.moved.length, refused: result.refused.length },
      details: refusalLines(result, t),
      revalidate,
    };
  },
});

/** "+" on a column: title, amount and client; the deal lands at the top of that column. */
export const quickAddAction = defineAction({
  schema: (i18n) =>
    z.preprocess((raw) => {
      const values = { ...(raw as Record<string, unknown>) };
      const client = typeof values.client === "string" ? values.client : "";
      const [kind, clientId] = client.split(":");
      if (kind === "company") values.companyId = clientId;
      if (kind === "contact") values.contactIds = [clientId];
      return values;
    }, dealFormSchema(i18n)),
  async run(input, { db, viewer, t }) {
    const dealId = await createDeal(db, viewer, input, { defaultTitle: (n) => t("deals.defaultTitle", { id: n }) });
    return { message: "board.added", vars: { id: dealId }, revalidate: [BOARD_PATH, "/deals"] };
  },
});

/** Which fields cards show: for the viewer, for everyone (administrators), or back to the common choice. */
export const saveCardFieldsAction = defineAction({
  schema: () => z.object({ "fields[]": z.array(z.string().max(40)).max(20).default([]), scope: z.enum(["me", "everyone", "reset"]) }),
  multiple: ["fields[]"],
  async run(input, { db, viewer }) {
    if (input.scope === "reset") await resetCardFields(db, viewer);
    else {
      if (input.scope === "everyone") requireSetUp(viewer);
      await saveCardFields(db, viewer, input["fields[]"], input.scope === "everyone");
    }
    return { message: "board.fieldsSaved", revalidate: [BOARD_PATH] };
  },
});
