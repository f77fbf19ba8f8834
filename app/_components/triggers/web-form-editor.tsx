"use client";

import Link from "next/link";
import { startTransition, useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { FORM_NAME_MAX, THANKS_MAX } from "@/lib/automation/triggers/web-forms/definition";
import { translator, type Locale } from "@/lib/i18n/translate";
import { FormMessage, Labelled, SelectField, TextArea, TextField, type Option } from "@/app/_components/form-fields";

export type WebFormEditorOptions = {
  pipelines: { name: string; stages: Option[] }[];
  users: Option[];
  /** Every field a form may ask for, in the order the form shows them: contact fields, then custom ones. */
  fields: Option[];
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locale: Locale;
  initial: Record<string, string>;
  id?: number;
  options: WebFormEditorOptions;
  record: string;
  version: string;
};

/** Settings → Web forms: a form's name, where its deals start, who gets them and which fields it asks for. Works without JavaScript. */
export function WebFormEditor(props: Props) {
  return <Editor key={`${props.record}:${props.version}`} {...props} />;
}

function Editor({ action, locale, initial, id, options }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const t = translator(locale);
  const values = (state.values as Record<string, string> | undefined) ?? initial;
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const errors = state.fieldErrors ?? {};
  const field = { str, errors, prefix: "webform" };
  return (
    <form
      action={formAction}
      className="form web-form-editor"
      aria-label={t(id ? "triggers.forms.editTitle" : "triggers.forms.newTitle")}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      <FormMessage message={state.message} ok={state.ok} />
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      <div className="grid">
        <TextField {...field} name="name" label={t("triggers.forms.name")} required maxLength={FORM_NAME_MAX} />
        <Labelled {...field} name="stageId" label={t("triggers.forms.stage")}>
          {(control) => (
            <select {...control} defaultValue={str("stageId")}>
              <option value="">—</option>
              {options.pipelines.map((p) => (
                <optgroup key={p.name} label={p.name}>
                  {p.stages.map((s) => (
                    <option key={s.value} value={s.value}>
                      {p.name} / {s.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Labelled>
        <SelectField {...field} name="responsibleId" label={t("triggers.forms.responsible")} options={options.users} empty="—" />
      </div>
      <TextArea {...field} name="thanks" label={t("triggers.forms.thanks")} rows={3} maxLength={THANKS_MAX} />
      <fieldset className={errors.fields ? "invalid" : undefined}>
        <legend>{t("triggers.forms.fields")}</legend>
        {errors.fields && (
          <p className="field-error" id="webform-fields-error">
            {errors.fields.join(" ")}
          </p>
        )}
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("triggers.forms.fields")}</th>
                <th scope="col">{t("triggers.forms.use")}</th>
                <th scope="col">{t("triggers.forms.required")}</th>
              </tr>
            </thead>
            <tbody>
              {options.fields.map((f) => (
                <tr key={f.value}>
                  <td>{f.label}</td>
                  <td>
                    <input type="checkbox" name={`use:${f.value}`} aria-label={`${f.label}: ${t("triggers.forms.use")}`} defaultChecked={str(`use:${f.value}`) === "on"} />
                  </td>
                  <td>
                    <input type="checkbox" name={`required:${f.value}`} aria-label={`${f.label}: ${t("triggers.forms.required")}`} defaultChecked={str(`required:${f.value}`) === "on"} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {t("triggers.forms.save")}
        </button>
        <Link href="/settings/web-forms" className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
