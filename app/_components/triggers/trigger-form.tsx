"use client";

import Link from "next/link";
import { startTransition, useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { comparators } from "@/lib/automation/definitions";
import { CONDITION_ROWS, NAME_MAX, type TriggerFormValues } from "@/lib/automation/triggers/form";
import { activityTypes, type TriggerKind } from "@/lib/automation/triggers/kinds";
import { translator, type Locale } from "@/lib/i18n/translate";
import { FormMessage, SelectField, TextField, type Option } from "@/app/_components/form-fields";

export type TriggerFormOptions = { stages: Option[]; watchFields: Option[]; conditionFields: Option[]; forms: Option[] };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locale: Locale;
  kind: TriggerKind;
  initial: TriggerFormValues;
  /** The trigger edited; none for a new one. */
  id?: number;
  options: TriggerFormOptions;
  cancelHref: string;
  /** The record the form edits ("trigger:3", "new:12:webForm") and the saved values' fingerprint. */
  record: string;
  version: string;
};

/**
 * The trigger editor: a plain form (it works without JavaScript) with the kind's own fields, the
 * target stage, "allow moving back" and a condition of up to five comparisons. A refused save
 * shows the user's input with an error by each field.
 */
export function TriggerForm(props: Props) {
  return <TriggerFormFor key={`${props.record}:${props.version}`} {...props} />;
}

function TriggerFormFor({ action, locale, kind, initial, id, options, cancelHref }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const t = translator(locale);
  const values = (state.values as TriggerFormValues | undefined) ?? initial;
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const field = { str, errors: state.fieldErrors ?? {}, prefix: "trigger" };
  return (
    <form
      action={formAction}
      className="form trigger-form"
      aria-label={t(id ? "triggers.editTitle" : "triggers.newTitle")}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      <FormMessage message={state.message} ok={state.ok} />
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      <input type="hidden" name="kind" value={kind} />
      <fieldset>
        <legend>
          {t("triggers.when")}: {t(`triggers.kinds.${kind}`)}
        </legend>
        <p className="muted small">{t(`triggers.kindHints.${kind}`)}</p>
        <div className="grid">
          <TextField {...field} name="name" label={t("triggers.name")} required maxLength={NAME_MAX} />
          {kind === "fieldChanged" && (
            <>
              <SelectField {...field} name="field" label={t("triggers.field")} options={options.watchFields} empty="—" />
              <TextField {...field} name="value" label={t("triggers.value")} maxLength={1000} hint={t("triggers.valueHint")} />
            </>
          )}
          {kind === "activityCompleted" && (
            <SelectField {...field} name="activityType" label={t("triggers.activityType")} options={activityTypes.map((v) => ({ value: v, label: t(`deals.activityTypes.${v}`) }))} empty={t("triggers.anyActivity")} />
          )}
          {kind === "webForm" && <SelectField {...field} name="formId" label={t("triggers.formId")} options={options.forms} empty={t("triggers.anyForm")} />}
          <SelectField {...field} name="stageId" label={t("triggers.stage")} options={options.stages} empty="—" />
        </div>
        <p>
          <label>
            <input type="checkbox" name="allowBackwards" defaultChecked={str("allowBackwards") === "on"} /> {t("triggers.allowBackwards")}
          </label>
        </p>
      </fieldset>

      <fieldset>
        <legend>{t("triggers.conditionLegend")}</legend>
        <p className="muted small">{t("triggers.conditionHint")}</p>
        <div className="grid">
          <SelectField {...field} name="conditionOp" label={t("triggers.conditionOp")} options={(["and", "or"] as const).map((v) => ({ value: v, label: t(`triggers.ops.${v}`) }))} />
        </div>
        {Array.from({ length: CONDITION_ROWS }, (_, i) => i + 1).map((n) => (
          <div key={n} className="grid condition-row">
            <SelectField {...field} name={`condField${n}`} label={t("triggers.condField", { n })} options={options.conditionFields} empty="—" />
            <SelectField {...field} name={`condCmp${n}`} label={t("triggers.condCmp", { n })} options={comparators.map((c) => ({ value: c, label: t(`triggers.cmp.${c}`) }))} />
            <TextField {...field} name={`condValue${n}`} label={t("triggers.condValue", { n })} maxLength={1000} />
          </div>
        ))}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {t("triggers.save")}
        </button>
        <Link href={cancelHref} className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
