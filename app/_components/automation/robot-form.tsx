"use client";

import { startTransition, useActionState } from "react";
import Link from "next/link";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { comparators, durationUnits, type RobotKind } from "@/lib/automation/definitions";
import { CONDITION_ROWS, employeeTargets, NAME_MAX, SET_FIELD_ROWS, timingModes, type FormValues, type RobotFormOptions } from "@/lib/automation/robot-form";
import { translator, type Locale, type Translate } from "@/lib/i18n/translate";
import { STANDARD_PLACEHOLDERS } from "@/lib/messaging/template";
import { Labelled, SelectField, TextArea, TextField, type FieldProps as BaseFieldProps } from "@/app/_components/form-fields";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locale: Locale;
  kind: RobotKind;
  /** The saved robot's fields (or a new robot's defaults). */
  initial: FormValues;
  /** The record's id field: the robot edited ("id") or the stage a new robot goes to ("stageId"). */
  target: { name: "id" | "stageId"; value: number };
  options: RobotFormOptions;
  cancelHref: string;
  label: string;
  /** The record the form edits ("robot:3", "new:12:email") and the saved values' fingerprint. */
  record: string;
  version: string;
};

/**
 * The robot editor: a plain form (it works without JavaScript) showing the chosen kind's fields,
 * the timing and a condition of up to five comparisons. A refused save shows the user's input
 * with an error by each field. Next.js keeps this component when another robot's editor opens,
 * so the form's state belongs to its record (and is refilled when the saved values change).
 */
export function RobotForm(props: Props) {
  return <RobotFormFor key={`${props.record}:${props.version}`} {...props} />;
}

function RobotFormFor({ action, locale, kind, initial, target, options, cancelHref, label }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const t = translator(locale);
  const values: FormValues = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const list = (key: string) => {
    const v = values[key];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  const field = { t, str, errors, prefix: "robot" };
  const employee = kind === "task" || kind === "activity" || kind === "notify";
  const timingMode = str("timingMode") || "now";

  return (
    <form
      action={formAction}
      className="form robot-form"
      aria-label={label}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      {state.message && (
        <p className={`alert ${state.ok ? "success" : "error"}`} role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name={target.name} value={target.value} />
      <input type="hidden" name="kind" value={kind} />
      <div className="grid">
        <TextField {...field} name="name" label={t("automation.form.name")} placeholder={t("automation.form.namePlaceholder")} maxLength={NAME_MAX} />
      </div>

      <fieldset className="robot-section">
        <legend>{t(`automation.kinds.${kind}`)}</legend>
        <div className="grid">
          {kind === "email" && (
            <>
              <TextField {...field} name="subject" label={t("automation.form.subject")} required maxLength={300} />
              <TextArea {...field} name="body" label={t("automation.form.body")} rows={8} required />
              <PlaceholderList t={t} />
            </>
          )}
          {kind === "sms" && (
            <>
              <TextArea {...field} name="text" label={t("automation.form.smsText")} rows={3} required />
              <PlaceholderList t={t} />
            </>
          )}
          {kind === "comment" && <TextArea {...field} name="text" label={t("automation.form.commentText")} rows={4} required />}
          {kind === "activity" && (
            <SelectField {...field} name="activityType" label={t("automation.form.activityType")} options={(["call", "meeting"] as const).map((v) => ({ value: v, label: t(`deals.activityTypes.${v}`) }))} />
          )}
          {(kind === "task" || kind === "activity") && <TextField {...field} name="subject" label={t("automation.form.subject")} required maxLength={300} />}
          {kind === "task" && <TextArea {...field} name="description" label={t("automation.form.description")} rows={3} />}
          {employee && (
            <>
              <SelectField {...field} name="who" label={t("automation.form.who")} options={employeeTargets.map((v) => ({ value: v, label: t(`automation.form.whoOptions.${v}`) }))} />
              <SelectField {...field} name="whoUserId" label={t("automation.form.whoUser")} options={options.users} empty={t("automation.form.choose")} />
            </>
          )}
          {(kind === "task" || kind === "activity") && <DurationField {...field} prefix="in" label={t(kind === "task" ? "automation.form.deadlineIn" : "automation.form.startIn")} />}
          {kind === "notify" && <TextArea {...field} name="text" label={t("automation.form.notifyText")} rows={3} required />}
          {kind === "setStage" && <SelectField {...field} name="targetStageId" label={t("automation.form.targetStage")} options={options.stages} empty={t("automation.form.choose")} />}
          {kind === "setPipeline" && (
            <Labelled {...field} name="targetStageId" label={t("automation.form.targetPipelineStage")}>
              {(control) => (
                <select {...control} defaultValue={str("targetStageId")}>
                  <option value="">{t("automation.form.choose")}</option>
                  {options.otherPipelines.map((p) => (
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
          )}
          {kind === "setResponsible" && (
            <SelectField {...field} name="responsibleMode" label={t("automation.form.responsibleMode")} options={(["user", "roundRobin", "leastLoaded"] as const).map((v) => ({ value: v, label: t(`automation.form.responsibleModes.${v}`) }))} />
          )}
          {(kind === "setResponsible" || kind === "addObservers") && (
            <Labelled {...field} name="userIds" label={t("automation.form.employees")}>
              {(control) => (
                <select {...control} name="userIds[]" multiple size={Math.min(8, Math.max(3, options.users.length))} defaultValue={list("userIds[]")}>
                  {options.users.map((u) => (
                    <option key={u.value} value={u.value}>
                      {u.label}
                    </option>
                  ))}
                </select>
              )}
            </Labelled>
          )}
          {kind === "setFields" &&
            Array.from({ length: SET_FIELD_ROWS }, (_, i) => i + 1).map((n) => (
              <div key={n} className="field-pair">
                <SelectField {...field} name={`setCode${n}`} label={t("automation.form.setField", { n })} options={options.settableFields} empty={t("automation.form.choose")} />
                <TextField {...field} name={`setValue${n}`} label={t("automation.form.setValue", { n })} maxLength={5000} />
              </div>
            ))}
          {kind === "document" && (
            <>
              <SelectField {...field} name="documentKind" label={t("automation.form.documentKind")} options={(["quote", "invoice"] as const).map((v) => ({ value: v, label: t(`documents.${v}`) }))} />
              <label className="field checkbox">
                <span>
                  <input type="checkbox" name="sendDocument" defaultChecked={str("sendDocument") === "on"} /> {t("automation.form.sendDocument")}
                </span>
              </label>
            </>
          )}
          {kind === "webhook" && (
            <>
              <TextField {...field} name="url" label={t("automation.form.url")} type="url" required maxLength={2000} placeholder="https://" />
              <TextField {...field} name="secret" label={t("automation.form.secret")} maxLength={200} />
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="robot-section">
        <legend>{t("automation.timing.legend")}</legend>
        <div className="radio-row" role="radiogroup" aria-label={t("automation.timing.mode")}>
          {timingModes.map((mode) => (
            <label key={mode}>
              <input type="radio" name="timingMode" value={mode} defaultChecked={timingMode === mode} /> {t(`automation.timing.${mode}`)}
            </label>
          ))}
        </div>
        <div className="grid">
          <DurationField {...field} prefix="delay" label={t("automation.timing.delay")} />
          <SelectField {...field} name="dateField" label={t("automation.timing.field")} options={options.dateFields} empty={t("automation.form.choose")} />
          <SelectField {...field} name="dateDirection" label={t("automation.timing.direction")} options={(["before", "after"] as const).map((v) => ({ value: v, label: t(`automation.timing.directions.${v}`) }))} />
          <TextField {...field} name="atTime" label={t("automation.timing.atTime")} type="time" />
        </div>
        <div className="checks">
          {(["workingHours", "afterPrevious", "keepOnLeave"] as const).map((name) => (
            <label key={name}>
              <input type="checkbox" name={name} defaultChecked={str(name) === "on"} /> {t(`automation.timing.${name}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="robot-section">
        <legend>{t("automation.condition.legend")}</legend>
        <p className="muted small">{t("automation.condition.hint")}</p>
        <SelectField {...field} name="conditionOp" label={t("automation.condition.op")} options={(["and", "or"] as const).map((v) => ({ value: v, label: t(`automation.condition.ops.${v}`) }))} />
        {Array.from({ length: CONDITION_ROWS }, (_, i) => i + 1).map((n) => (
          <div key={n} className="condition-row">
            <SelectField {...field} name={`condField${n}`} label={t("automation.condition.field", { n })} options={options.conditionFields} empty="—" />
            <SelectField {...field} name={`condCmp${n}`} label={t("automation.condition.cmp", { n })} options={comparators.map((c) => ({ value: c, label: t(`automation.cmp.${c}`) }))} />
            <TextField {...field} name={`condValue${n}`} label={t("automation.condition.value", { n })} maxLength={1000} />
          </div>
        ))}
      </fieldset>

      <p className="muted small">{t("automation.authorNote")}</p>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {target.name === "id" ? t("automation.form.save") : t("automation.form.create")}
        </button>
        <Link href={cancelHref} className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}

type FieldProps = BaseFieldProps & { t: Translate };

/** The placeholders a message may use (custom fields as deal.uf.CODE). */
function PlaceholderList({ t }: { t: Translate }) {
  return (
    <p className="hint placeholders">
      {t("automation.form.placeholders")} {STANDARD_PLACEHOLDERS.map((name) => `{{${name}}}`).join(" ")} {"{{deal.uf.UF_CRM_…}}"}
    </p>
  );
}

/** A number and its unit (minutes, hours, days): `prefix` "in" for a task's deadline, "delay" for the timing. */
function DurationField({ t, str, errors, prefix, label }: Omit<FieldProps, "name" | "prefix"> & { prefix: "in" | "delay" }) {
  const amount = `${prefix}Amount`;
  const unit = `${prefix}Unit`;
  const own = [...(errors[amount] ?? []), ...(errors[unit] ?? [])];
  const invalid = own.length > 0;
  return (
    <fieldset className={`field duration${invalid ? " invalid" : ""}`}>
      <legend>{label}</legend>
      <div className="duration-inputs">
        <input
          id={`robot-${amount}`}
          name={amount}
          inputMode="numeric"
          aria-label={`${label}: ${t("automation.form.amount")}`}
          defaultValue={str(amount)}
          {...(invalid ? { "aria-invalid": true, "aria-describedby": `robot-${amount}-error` } : {})}
        />
        <select name={unit} aria-label={`${label}: ${t("automation.form.unit")}`} defaultValue={str(unit) || "days"}>
          {durationUnits.map((u) => (
            <option key={u} value={u}>
              {t(`automation.timing.units.${u}`)}
            </option>
          ))}
        </select>
      </div>
      {invalid && (
        <p id={`robot-${amount}-error`} className="field-error">
          {own.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
