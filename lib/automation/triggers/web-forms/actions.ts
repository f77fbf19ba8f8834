"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { idField, parseId } from "@/lib/ids";
import { webFormEditorSchema } from "./definition";
import { createWebForm, deleteWebForm, setWebFormEnabled, updateWebForm } from "./service";

/** Settings → Web forms (administrators). */

const LIST = "/settings/web-forms";
const idSchema = z.object({ id: idField() });

export const createWebFormAction = defineAction({
  schema: webFormEditorSchema,
  async run(input, { db, viewer }) {
    await createWebForm(db, viewer, input);
    return { redirectTo: `${LIST}?notice=created`, revalidate: [LIST] };
  },
});

export const updateWebFormAction = defineAction({
  schema: webFormEditorSchema,
  async run(input, { db, viewer, formData }) {
    const id = parseId(formData.get("id"));
    if (id === null) throw new ActionError("notFound", "triggers.forms.gone");
    await updateWebForm(db, viewer, id, input);
    return { redirectTo: `${LIST}?notice=saved`, revalidate: [LIST] };
  },
});

export const deleteWebFormAction = defineAction({
  schema: () => idSchema,
  async run({ id }, { db, viewer }) {
    await deleteWebForm(db, viewer, id);
    return { redirectTo: `${LIST}?notice=deleted`, revalidate: [LIST] };
  },
});

export const switchWebFormAction = defineAction({
  schema: () => idSchema.extend({ enabled: z.enum(["on", "off"]) }),
  async run({ id, enabled }, { db, viewer }) {
    await setWebFormEnabled(db, viewer, id, enabled === "on");
    return { redirectTo: `${LIST}?notice=${enabled === "on" ? "switchedOn" : "switchedOff"}`, revalidate: [LIST] };
  },
});
