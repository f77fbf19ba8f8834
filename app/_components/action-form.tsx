"use client";

import { Fragment, startTransition, useActionState, useEffect, useRef } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  className?: string;
  /** The fields; a function gets the last answer, to refill fields from its `values` and show its `fieldErrors` by each. */
  children: React.ReactNode | ((state: ActionState) => React.ReactNode);
  label?: string;
  id?: string;
  /**
   * The record the form edits ("role:3"). Its message and the user's unsaved input belong to that
   * record: a navigation that keeps the page but shows another record (a link to `?role=4`, a
   * dynamic segment: Next.js keeps component state across both) gets a fresh form.
   */
  record?: string;
  /**
   * The saved values the fields were filled from (`formVersion(...)`, or the record's version).
   * When it changes (a save here that normalised the input, someone else's save) the fields are
   * filled again from the record; a refused save changes nothing, so the user's input stays.
   */
  version?: string | number;
  /** Empty the fields after a successful submit (a quick-add form), instead of keeping them. */
  resetOnSuccess?: boolean;
  onSuccess?: () => void;
};

/**
 * A plain form bound to a server action (it works without JavaScript); with JavaScript the
 * submit runs in a transition without React's automatic reset, so what the user chose stays
 * on screen after a refusal. The action's message shows above the fields.
 *
 * Uncontrolled inputs (`defaultValue`) keep what was typed, and a select keeps its choice, for as
 * long as React keeps the element: an edit form must name its `record` and `version`.
 */
export function ActionForm({ record, ...props }: Props) {
  return <RecordForm key={record ?? ""} {...props} />;
}

function RecordForm({ action, className, children, label, id, version, resetOnSuccess = false, onSuccess }: Omit<Props, "record">) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const formRef = useRef<HTMLFormElement>(null);
  const onSuccessRef = useRef(onSuccess);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
  });
  // Once per answer from the server (a new state object), not on every render.
  useEffect(() => {
    if (!state.ok) return;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccessRef.current?.();
  }, [resetOnSuccess, state]);
  // Fields drawn from the state show their own errors; plain children get them under the message.
  const fieldErrors = typeof children === "function" ? [] : Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form
      ref={formRef}
      action={formAction}
      id={id}
      className={className}
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
          {!state.ok && fieldErrors.length > 0 && <span className="field-error"> {fieldErrors.join(" ")}</span>}
        </p>
      )}
      {state.details && state.details.length > 0 && (
        <ul className="action-details" data-testid="action-details">
          {state.details.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <Fragment key={String(version ?? "")}>{typeof children === "function" ? children(state) : children}</Fragment>
    </form>
  );
}
