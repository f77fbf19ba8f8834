import { z } from "zod";
import { idField } from "@/lib/ids";
import type { Translate } from "@/lib/i18n/translate";
import { reminderOffsets } from "./reminders";

export const activityTypes = ["call", "meeting", "task", "email", "todo"] as const;
export const SUBJECT_MAX = 255;
export const DESCRIPTION_MAX = 5000;
export const COMMENT_MAX = 5000;

const id = (t: Translate) => idField(t("errors.invalid"));

/** The activity form, as the card and "My activities" send it. The deadline is read in the org's zone by the action. */
export function activityShape({ t }: { t: Translate }) {
  return {
    dealId: id(t),
    type: z.enum(activityTypes, { error: t("errors.unknownOption") }),
    subject: z
      .string()
      .trim()
      .min(1, t("errors.required"))
      .max(SUBJECT_MAX, t("errors.tooLong", { max: SUBJECT_MAX })),
    description: z
      .string()
      .max(DESCRIPTION_MAX, t("errors.tooLong", { max: DESCRIPTION_MAX }))
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : null)),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, t("activities.badDeadline")),
    responsibleId: id(t),
    direction: z
      .enum(["", "incoming", "outgoing"], { error: t("errors.unknownOption") })
      .optional()
      .transform((v) => (v ? v : null)),
    reminders: z
      .array(z.string())
      .default([])
      .refine((list) => list.every((v) => (reminderOffsets as readonly number[]).includes(Number(v))), t("errors.unknownOption"))
      .transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b)),
  };
}

export const activityCreateSchema = (i18n: { t: Translate }) => z.object(activityShape(i18n));
export const activityUpdateSchema = (i18n: { t: Translate }) =>
  z.object({ ...activityShape(i18n), id: id(i18n.t), version: id(i18n.t) });
export const activityRefSchema = ({ t }: { t: Translate }) =>
  z.object({ id: id(t), done: z.enum(["0", "1"]).optional().transform((v) => v === "1"), back: z.string().optional() });
export const closedDealSchema = ({ t }: { t: Translate }) => z.object({ dealId: id(t) });
export const commentSchema = ({ t }: { t: Translate }) =>
  z.object({
    dealId: id(t),
    body: z
      .string()
      .trim()
      .min(1, t("errors.required"))
      .max(COMMENT_MAX, t("errors.tooLong", { max: COMMENT_MAX })),
  });
