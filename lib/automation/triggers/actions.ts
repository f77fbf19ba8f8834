"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { idField } from "@/lib/ids";
import { maySetUp } from "@/lib/permissions";
import { triggerFormSchema } from "./form";
import { rotateInboundEmailKey } from "./inbound-key";
import { createTrigger, deleteTrigger, rotateTriggerSecret, setTriggerEnabled, updateTrigger } from "./service";

/** The editor's actions (Deals → Automation → Triggers). Each lands back on the pipeline's list with a notice. */

const LIST = "/deals/automation/triggers";
const listOf = (pipelineId: number, notice: string) => `${LIST}?pipeline=${pipelineId}&notice=${notice}`;
const idSchema = z.object({ id: idField() });

export const createTriggerAction = defineAction({
  schema: triggerFormSchema,
  async run({ id: _new, ...input }, { db, viewer }) {
    const trigger = await createTrigger(db, viewer, input);
    return { redirectTo: listOf(trigger.pipelineId, "created"), revalidate: [LIST] };
  },
});

export const updateTriggerAction = defineAction({
  schema: triggerFormSchema,
  async run({ id, ...input }, { db, viewer }) {
    if (id === null) throw new ActionError("notFound", "triggers.errors.gone");
    const trigger = await updateTrigger(db, viewer, id, input);
    return { redirectTo: listOf(trigger.pipelineId, "saved"), revalidate: [LIST] };
  },
});

export const deleteTriggerAction = defineAction({
  schema: () => idSchema,
  async run({ id }, { db, viewer }) {
    const trigger = await deleteTrigger(db, viewer, id);
    return { redirectTo: listOf(trigger.pipelineId, "deleted"), revalidate: [LIST] };
  },
});

export const switchTriggerAction = defineAction({
  schema: () => idSchema.extend({ enabled: z.enum(["on", "off"]) }),
  async run({ id, enabled }, { db, viewer }) {
    const trigger = await setTriggerEnabled(db, viewer, id, enabled === "on");
    return { redirectTo: listOf(trigger.pipelineId, enabled === "on" ? "switchedOn" : "switchedOff"), revalidate: [LIST] };
  },
});

export const rotateTriggerSecretAction = defineAction({
  schema: () => idSchema,
  async run({ id }, { db, viewer }) {
    const trigger = await rotateTriggerSecret(db, viewer, id);
    return { redirectTo: `${LIST}/${trigger.id}?notice=rotated`, revalidate: [LIST] };
  },
});

/** The org's inbound e-mail address is the org's: administrators make a new one. */
export const rotateInboundKeyAction = defineAction({
  schema: () => z.object({ pipeline: idField() }),
  async run({ pipeline }, { db, viewer }) {
    if (!maySetUp(viewer)) throw new ActionError("forbidden", "errors.forbidden");
    await rotateInboundEmailKey(db, viewer.orgId);
    return { redirectTo: listOf(pipeline, "inboundRotated"), revalidate: [LIST] };
  },
});
