/** A labelled form control with its error message wired through aria-describedby. */
export function Field({
  name,
  label,
  errors,
  children,
  wide,
}: {
  name: string;
  label: string;
  errors?: string[];
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
  wide?: boolean;
}) {
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  const invalid = !!errors?.length;
  return (
    <div className={`field${wide ? " wide" : ""}${invalid ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, ...(invalid ? { "aria-invalid": true, "aria-describedby": errorId } : {}) })}
      {invalid && (
        <p id={errorId} className="field-error">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
