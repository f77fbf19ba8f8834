"use client";

import { startTransition, useActionState } from "react";
import { CustomFieldInputs } from "@/app/_components/fields/custom-field-inputs";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { contactFieldMax, type ContactFieldKey } from "@/lib/automation/triggers/web-forms/definition";
import { HONEYPOT } from "@/lib/automation/triggers/web-forms/public-form";
import type { FieldDefinition } from "@/lib/fields/values";
import { translator, type Locale } from "@/lib/i18n/translate";
import { FormMessage, TextArea, TextField } from "@/app/_components/form-fields";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locale: Locale;
  secret: string;
  contactFields: { key: ContactFieldKey; required: boolean }[];
  customFields: FieldDefinition[];
};

const inputType: Record<ContactFieldKey, string> = { name: "text", phone: "tel", email: "email", company: "text", comment: "text" };
const autoComplete: Record<ContactFieldKey, string> = { name: "name", phone: "tel", email: "email", company: "organization", comment: "off" };

/**
 * A public web form as a visitor sees it: a plain form (it works without JavaScript) whose refused
 * submit shows what was typed with a message by each field. The honeypot field is hidden from
 * people (and from screen readers); form-filling robots fill it in.
 */
export function PublicWebForm({ action, locale, secret, contactFields, customFields }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const t = translator(locale);
  const values = state.values ?? {};
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const errors = state.fieldErrors ?? {};
  const field = { str, errors, prefix: "public" };
  const label = (key: ContactFieldKey, required: boolean) => `${t(`triggers.forms.contactFields.${key}`)}${required ? " *" : ""}`;
  return (
    <form
      key={JSON.stringify(values)}
      action={formAction}
      className="form public-form"
      aria-busy={pending}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      <FormMessage message={state.message} ok={state.ok} />
      <input type="hidden" name="form" value={secret} />
      {contactFields.map(({ key, required }) =>
        key === "comment" ? (
          <TextArea key={key} {...field} name={key} label={label(key, required)} rows={4} maxLength={contactFieldMax[key]} />
        ) : (
          <TextField key={key} {...field} name={key} type={inputType[key]} label={label(key, required)} maxLength={contactFieldMax[key]} autoComplete={autoComplete[key]} />
        ),
      )}
      <CustomFieldInputs defs={customFields} values={values} errors={errors} choices={{ users: [], companies: [], contacts: [] }} t={t} />
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="public-website">{t("triggers.publicForm.honeypot")}</label>
        <input id="public-website" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p className="muted small">{t("triggers.publicForm.requiredHint")}</p>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {t("triggers.publicForm.submit")}
        </button>
      </div>
    </form>
  );
}
