import { z } from "zod";
import type { CustomFieldType } from "@/db/schema/fields";
import type { WebFormField } from "@/db/schema/web-forms";
import { parseId } from "@/lib/ids";
import type { Translate } from "@/lib/i18n/translate";
import { customCodeOf } from "../kinds";

/**
 * What a web form is made of: the contact's fields, and deal custom fields of simple types (the
 * ones a stranger can fill in with a plain input). The editor (Settings → Web forms) sends flat
 * fields: `use:KEY` to put a field on the form, `required:KEY` to make it required.
 */

export const contactFieldKeys = ["name", "phone", "email", "company", "comment"] as const;
export type ContactFieldKey = (typeof contactFieldKeys)[number];

/** Custom field types a public form offers: plain inputs, nothing that names the org's records or files. */
export const simpleCustomTypes: readonly CustomFieldType[] = ["string", "integer", "decimal", "boolean", "date", "url", "enumeration", "address"];

export const FORM_NAME_MAX = 200;
export const THANKS_MAX = 2_000;
export const FORM_FIELDS_MAX = 30;

/** The limits of what a visitor types into the contact fields. */
export const contactFieldMax: Record<ContactFieldKey, number> = { name: 255, phone: 50, email: 254, company: 255, comment: 5_000 };

export type WebFormInput = { name: string; stageId: number; responsibleId: number; fields: WebFormField[]; thanks: string | null };

const isContactKey = (key: string): key is ContactFieldKey => (contactFieldKeys as readonly string[]).includes(key);
export const isFieldKey = (key: string) => isContactKey(key) || customCodeOf(key) !== null;

/** The editor's schema. `candidates`: the field keys the editor offered, in their order. */
export function webFormEditorSchema({ t }: { t: Translate }) {
  return z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((values, context): WebFormInput => {
    const str = (key: string) => {
      const v = values[key];
      return typeof v === "string" ? v : "";
    };
    const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    const name = str("name").trim();
    if (!name) issue("name", t("errors.required"));
    if (name.length > FORM_NAME_MAX) issue("name", t("errors.tooLong", { max: FORM_NAME_MAX }));
    const stageId = parseId(str("stageId"));
    if (stageId === null) issue("stageId", t("errors.required"));
    const responsibleId = parseId(str("responsibleId"));
    if (responsibleId === null) issue("responsibleId", t("errors.required"));
    const thanks = str("thanks").trim();
    if (thanks.length > THANKS_MAX) issue("thanks", t("errors.tooLong", { max: THANKS_MAX }));
    const fields: WebFormField[] = Object.keys(values)
      .filter((key) => key.startsWith("use:") && str(key) === "on")
      .map((key) => key.slice("use:".length))
      .filter(isFieldKey)
      .slice(0, FORM_FIELDS_MAX)
      .map((key) => ({ key, required: str(`required:${key}`) === "on" }));
    if (!fields.some((f) => f.key === "name" || f.key === "email" || f.key === "phone")) issue("fields", t("triggers.forms.needsContact"));
    return { name, stageId: stageId ?? 0, responsibleId: responsibleId ?? 0, fields, thanks: thanks || null };
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d][\d\s().-]{3,}$/;

/** The contact fields a visitor sent, checked against the form: the values, and messages by field. */
export function checkContactFields(fields: readonly WebFormField[], values: Record<string, string | string[] | undefined>, t: Translate) {
  const errors: Record<string, string[]> = {};
  const out: Partial<Record<ContactFieldKey, string>> = {};
  for (const { key, required } of fields) {
    if (!isContactKey(key)) continue;
    const raw = values[key];
    const value = (typeof raw === "string" ? raw : "").trim();
    const fail = (message: string) => (errors[key] ??= []).push(message);
    if (!value) {
      if (required) fail(t("errors.required"));
      continue;
    }
    if (value.length > contactFieldMax[key]) fail(t("errors.tooLong", { max: contactFieldMax[key] }));
    else if (key === "email" && !EMAIL.test(value)) fail(t("triggers.publicForm.badEmail"));
    else if (key === "phone" && !PHONE.test(value)) fail(t("triggers.publicForm.badPhone"));
    else out[key] = key === "comment" ? value : value.replace(/\s+/g, " ");
  }
  // A contact needs a name: the name, else the e-mail, else the phone.
  if (Object.keys(errors).length === 0 && !out.name && !out.email && !out.phone) {
    const first = fields.find((f) => f.key === "name" || f.key === "email" || f.key === "phone");
    (errors[first?.key ?? "name"] ??= []).push(t("triggers.publicForm.needsContact"));
  }
  return { values: out, errors };
}

/** A saved form as the editor's fields. */
export function webFormValues(form: { name: string; stageId: number; responsibleId: number; fields: readonly WebFormField[]; thanks: string | null }): Record<string, string> {
  const values: Record<string, string> = { name: form.name, stageId: String(form.stageId), responsibleId: String(form.responsibleId), thanks: form.thanks ?? "" };
  for (const { key, required } of form.fields) {
    values[`use:${key}`] = "on";
    if (required) values[`required:${key}`] = "on";
  }
  return values;
}
