"use server";

import { z } from "zod";
import { idField, idOrNone } from "@/lib/ids";
import { defineAction } from "@/lib/actions/action";
import type { Translate } from "@/lib/i18n/translate";
import { addStage, deleteStage, moveStage, updateStage } from "./stages";

const id = idField();
const BOARD = "/deals/kanban";

function stageFields(t: Translate) {
  return {
    name: z.string().trim().min(1, t("errors.required")).max(60, t("errors.tooLong", { max: 60 })),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, t("stages.badColor")),
    rotDays: z
      .string()
      .optional()
      .transform((v, context) => {
        if (!v?.trim()) return null;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 3650) {
          context.addIssue({ code: "custom", message: t("stages.badRotDays") });
          return z.NEVER;
        }
        return n;
      }),
  };
}

export const addStageAction = defineAction({
  schema: ({ t }) => z.object({ pipelineId: id, semantics: z.enum(["P", "F"]).default("P"), ...stageFields(t) }),
  async run({ pipelineId, ...input }, { db, viewer }) {
    await addStage(db, viewer, pipelineId, { ...input, color: input.color.toUpperCase() });
    return { message: "stages.added", vars: { name: input.name }, revalidate: [BOARD, `${BOARD}/stages`, "/settings"] };
  },
});

export const updateStageAction = defineAction({
  schema: ({ t }) => z.object({ stageId: id, ...stageFields(t), "required[]": z.array(z.string().max(60)).max(500).default([]) }),
  multiple: ["required[]"],
  async run({ stageId, "required[]": required, ...input }, { db, viewer }) {
    await updateStage(db, viewer, stageId, { ...input, color: input.color.toUpperCase(), required });
    return { message: "stages.saved", vars: { name: input.name }, revalidate: [BOARD, `${BOARD}/stages`, "/settings"] };
  },
});

export const moveStageAction = defineAction({
  schema: () => z.object({ stageId: id, direction: z.enum(["up", "down"]) }),
  async run(input, { db, viewer }) {
    await moveStage(db, viewer, input.stageId, input.direction);
    return { revalidate: [BOARD, `${BOARD}/stages`, "/settings"] };
  },
});

export const deleteStageAction = defineAction({
  schema: () =>
    z.object({
      stageId: id,
      moveTo: idOrNone,
    }),
  async run(input, { db, viewer }) {
    const pipelineId = await deleteStage(db, viewer, input.stageId, input.moveTo);
    // The form that asked is gone with its stage: the message travels in the URL.
    return { redirectTo: `${BOARD}/stages?pipeline=${pipelineId}&notice=stageDeleted`, revalidate: [BOARD, `${BOARD}/stages`, "/settings", "/deals"] };
  },
});
