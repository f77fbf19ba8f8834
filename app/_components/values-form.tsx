"use client";

import { startTransition, useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { Labelled, SelectField, TextArea, TextField, type Option } from "@/app/_components/form-fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type ValuesField =
  | { kind: "text"; name: string; label: string; type?: string; required?: boolean; maxLength?: number }
  | { kind: "textarea"; name: string; label: string; rows: number }
  | { kind: "select"; name: string; label: string; options: Option[]; empty?: string }
  | { kind: "checkbox"; name: string; label: string }
  | { kind: "file"; name: string; label: string; accept: string; hint?: string };

type Props = {
  action: Action;
  /** The record and the saved values' version: another record or a newer save gets a fresh form. */
  record: string;
  version: string;
  hidden: Record<string, string | number>;
  fields: ValuesField[];
  initial: Record<string, string>;
  /** One submit button, or several that each send their own value (approve / decline). */
  submit?: string;
  submits?: { name: string; value: string; label: string; primary?: boolean }[];
  label: string;
  prefix: string;
};

/**
 * A form described by its fields (a document's details, a payment, a company's details): a plain
 * form that works without JavaScript, whose refused submit shows the user's input again with an
 * error by each field (a chosen file must be chosen again: browsers never refill file inputs).
 */
export function ValuesForm(props: Props) {
  return <RecordValuesForm key={`${props.record}:${props.version}`} {...props} />;
}

function RecordValuesForm({ action, hidden, fields, initial, submit, submits, label, prefix }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const values = state.values ?? initial;
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const base = { str, errors: state.fieldErrors ?? {}, prefix };
  return (
    <form
      action={formAction}
      className="form"
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
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid">
        {fields.map((f) =>
          f.kind === "text" ? (
            <TextField key={f.name} {...base} name={f.name} label={f.label} type={f.type} required={f.required} maxLength={f.maxLength} />
          ) : f.kind === "textarea" ? (
            <TextArea key={f.name} {...base} name={f.name} label={f.label} rows={f.rows} />
          ) : f.kind === "select" ? (
            <SelectField key={f.name} {...base} name={f.name} label={f.label} options={f.options} empty={f.empty} />
          ) : f.kind === "checkbox" ? (
            <label key={f.name} className="field checkbox">
              <span>
                <input type="checkbox" name={f.name} defaultChecked={str(f.name) === "on"} /> {f.label}
              </span>
            </label>
          ) : (
            <Labelled key={f.name} {...base} name={f.name} label={f.label} hint={f.hint}>
              {(control) => <input {...control} type="file" accept={f.accept} />}
            </Labelled>
          ),
        )}
      </div>
      <p className="form-actions">
        {submit && (
          <button type="submit" className="button primary" disabled={pending}>
            {submit}
          </button>
        )}
        {submits?.map((s) => (
          <button key={s.value} type="submit" name={s.name} value={s.value} className={`button${s.primary ? " primary" : ""}`} disabled={pending}>
            {s.label}
          </button>
        ))}
      </p>
    </form>
  );
}
