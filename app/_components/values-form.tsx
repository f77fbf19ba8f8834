"use client";

import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/actions/state";
import { ActionForm } from "@/app/_components/action-form";
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
export function ValuesForm({ action, record, version, label, ...props }: Props) {
  return (
    // Keyed by the version too: a newer save fills the fields from the record, not from an older refused input.
    <ActionForm action={action} record={`${record}:${version}`} version={version} label={label} className="form">
      {(state) => <Fields {...props} state={state} />}
    </ActionForm>
  );
}

function Fields({ hidden, fields, initial, submit, submits, prefix, state }: Omit<Props, "action" | "record" | "version" | "label"> & { state: ActionState }) {
  const { pending } = useFormStatus();
  const values = state.values ?? initial;
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const base = { str, errors: state.fieldErrors ?? {}, prefix };
  return (
    <>
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
    </>
  );
}
