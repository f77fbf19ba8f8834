"use client";

import { startTransition, useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { SelectField, TextArea, TextField, type Option } from "@/app/_components/form-fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type DocumentField =
  | { kind: "text"; name: string; label: string; type?: string; required?: boolean; maxLength?: number }
  | { kind: "textarea"; name: string; label: string; rows: number }
  | { kind: "select"; name: string; label: string; options: Option[]; empty?: string };

type Props = {
  action: Action;
  /** The record and the saved values' version: another record or a newer save gets a fresh form. */
  record: string;
  version: string;
  hidden: Record<string, string | number>;
  fields: DocumentField[];
  initial: Record<string, string>;
  submit: string;
  label: string;
  prefix: string;
};

/**
 * A document's form (details, a payment): a plain form that works without JavaScript, whose
 * refused submit shows the user's input again with an error by each field.
 */
export function DocumentValuesForm(props: Props) {
  return <ValuesForm key={`${props.record}:${props.version}`} {...props} />;
}

function ValuesForm({ action, hidden, fields, initial, submit, label, prefix }: Props) {
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
          ) : (
            <SelectField key={f.name} {...base} name={f.name} label={f.label} options={f.options} empty={f.empty} />
          ),
        )}
      </div>
      <p className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {submit}
        </button>
      </p>
    </form>
  );
}
