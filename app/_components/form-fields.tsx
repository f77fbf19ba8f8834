import type { Translate } from "@/lib/i18n/translate";

/**
 * Labelled controls for the robot, trigger, web form and public form editors, filled from the values the
 * server last answered with (so a refused submit, with or without JavaScript, shows what was typed).
 */

export type Option = { value: string; label: string };
export type FieldProps = { str: (key: string) => string; errors: Record<string, string[]>; name: string; label: string; prefix: string };
type Control = { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string };

export function Labelled({ name, label, errors, prefix, children, hint }: FieldProps & { hint?: string; children: (control: Control) => React.ReactNode }) {
  const id = `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const own = errors[name] ?? [];
  const invalid = own.length > 0;
  const described = [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${invalid ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, ...(invalid ? { "aria-invalid": true } : {}), ...(described ? { "aria-describedby": described } : {}) })}
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {own.join(" ")}
        </p>
      )}
    </div>
  );
}

export function TextField(props: FieldProps & { type?: string; required?: boolean; maxLength?: number; placeholder?: string; hint?: string; autoComplete?: string }) {
  const { str, name, type = "text", required, maxLength, placeholder, autoComplete } = props;
  return <Labelled {...props}>{(control) => <input {...control} type={type} defaultValue={str(name)} required={required} maxLength={maxLength} placeholder={placeholder} autoComplete={autoComplete} />}</Labelled>;
}

export function TextArea(props: FieldProps & { rows: number; required?: boolean; maxLength?: number }) {
  const { str, name, rows, required, maxLength } = props;
  return <Labelled {...props}>{(control) => <textarea {...control} rows={rows} defaultValue={str(name)} required={required} maxLength={maxLength} />}</Labelled>;
}

export function SelectField(props: FieldProps & { options: Option[]; empty?: string; hint?: string }) {
  const { str, name, options, empty } = props;
  return (
    <Labelled {...props}>
      {(control) => (
        <select {...control} defaultValue={str(name)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** The server's message above a form, with the field errors it refused (so a screen reader hears them too). */
export function FormMessage({ message, ok }: { message?: string; ok: boolean; t?: Translate }) {
  if (!message) return null;
  return (
    <p className={`alert ${ok ? "success" : "error"}`} role="alert">
      {message}
    </p>
  );
}
