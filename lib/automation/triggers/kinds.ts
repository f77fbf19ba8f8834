import { z } from "zod";
import { idField } from "@/lib/ids";

/**
 * What a trigger is: the events that move a deal to the trigger's stage, and what each kind's
 * `config` holds. The editor validates with these schemas when a trigger is saved; the engine
 * parses them again when it fires (stored JSON may predate a change).
 */

export const triggerKinds = ["fieldChanged", "responsibleChanged", "activityCompleted", "emailReceived", "incomingWebhook", "webForm", "invoicePaid", "quoteApproved"] as const;
export type TriggerKind = (typeof triggerKinds)[number];

/** Kinds the deal and activity services detect, whatever path made the change. */
export const changeKinds = ["fieldChanged", "responsibleChanged"] as const satisfies readonly TriggerKind[];

export const activityTypes = ["call", "meeting", "task", "email", "todo"] as const;

/** A field a "field changed" trigger may watch: a standard field by name, or "uf.CODE". */
export const FIELD_KEY_MAX = 100;

export const triggerConfigs = {
  // `value`: fire only when the field changed to this (compared as the conditions compare: exact
  // decimals, text without case or diacritics; a list when one of its items matches).
  fieldChanged: z.object({ field: z.string().trim().min(1).max(FIELD_KEY_MAX), value: z.string().max(1_000).optional() }),
  responsibleChanged: z.object({}),
  // No type: any completed activity.
  activityCompleted: z.object({ activityType: z.enum(activityTypes).optional() }),
  emailReceived: z.object({}),
  incomingWebhook: z.object({}),
  // No form: a deal created by any web form (of the trigger's pipeline).
  webForm: z.object({ formId: idField().optional() }),
  invoicePaid: z.object({}),
  quoteApproved: z.object({}),
} satisfies Record<TriggerKind, z.ZodType>;
export type TriggerConfig<K extends TriggerKind> = z.infer<(typeof triggerConfigs)[K]>;

export function isTriggerKind(value: unknown): value is TriggerKind {
  return typeof value === "string" && (triggerKinds as readonly string[]).includes(value);
}

/** Kinds reached from outside through a URL with the trigger's own secret. */
export const kindsWithSecret: readonly TriggerKind[] = ["incomingWebhook"];

/** Standard fields a "field changed" trigger may watch (the stage is the robots' business, not a trigger's). */
export const watchableStandardFields = [
  "title",
  "amount",
  "currency",
  "probability",
  "companyId",
  "contactIds",
  "beginDate",
  "closeDate",
  "opened",
  "sourceId",
  "sourceDescription",
  "typeId",
  "comments",
] as const;

// One catalogue of the deal's fields for robots and triggers (lib/automation/field-catalogue.ts).
import { customFieldKey } from "../field-catalogue";
export { conditionStandardFields, amountFields as amountKeys, customFieldKey as customKey, customCodeOf } from "../field-catalogue";

/** How a deal-history change names the field (a custom field by its bare code) → the trigger's key. */
export const keyOfChange = (field: string): string => (field.startsWith("UF_") ? customFieldKey(field) : field);
