"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { idField, idOrNone } from "@/lib/ids";
import type { Translate } from "@/lib/i18n/translate";
import { createPipeline, deletePipeline, makeDefaultPipeline, movePipeline, renamePipeline } from "./pipelines";

const id = idField();
const PAGE = "/settings/pipelines";
// Pipelines appear on the board, the list, reports, the stage editor and every settings page that names them.
const touched = [PAGE, "/deals", "/deals/kanban", "/deals/kanban/stages", "/analytics", "/settings"];
const name = (t: Translate) => z.string().trim().min(1, t("errors.required")).max(60, t("errors.tooLong", { max: 60 }));

export const createPipelineAction = defineAction({
  schema: ({ t }) => z.object({ name: name(t) }),
  async run(input, { db, viewer }) {
    await createPipeline(db, viewer, input.name);
    return { redirectTo: `${PAGE}?notice=pipelineCreated`, revalidate: touched };
  },
});

export const renamePipelineAction = defineAction({
  schema: ({ t }) => z.object({ pipelineId: id, name: name(t) }),
  async run(input, { db, viewer }) {
    await renamePipeline(db, viewer, input.pipelineId, input.name);
    return { redirectTo: `${PAGE}?notice=pipelineSaved`, revalidate: touched };
  },
});

export const movePipelineAction = defineAction({
  schema: () => z.object({ pipelineId: id, direction: z.enum(["up", "down"]) }),
  async run(input, { db, viewer }) {
    await movePipeline(db, viewer, input.pipelineId, input.direction);
    return { redirectTo: PAGE, revalidate: touched };
  },
});

export const makeDefaultPipelineAction = defineAction({
  schema: () => z.object({ pipelineId: id }),
  async run(input, { db, viewer }) {
    await makeDefaultPipeline(db, viewer, input.pipelineId);
    return { redirectTo: `${PAGE}?notice=pipelineSaved`, revalidate: touched };
  },
});

export const deletePipelineAction = defineAction({
  schema: () => z.object({ pipelineId: id, moveTo: idOrNone }),
  async run(input, { db, viewer }) {
    await deletePipeline(db, viewer, input.pipelineId, input.moveTo);
    return { redirectTo: `${PAGE}?notice=pipelineDeleted`, revalidate: touched };
  },
});
