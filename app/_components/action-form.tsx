"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { initialActionState, type ActionState } from "@/lib/actions/state";

/**
 * A plain form bound to a server action (it works without JavaScript); with JavaScript the
 * submit runs in a transition without React's automatic reset, so what the user chose stays
 * on screen after a refusal. The action's message shows above the fields.
 */
export function ActionForm({
  action,
  className,
  children,
  label,
  id,
  resetOnSuccess = false,
  onSuccess,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  className?: string;
  children: React.ReactNode;
  label?: string;
  id?: string;
  /** Empty the fields after a successful submit (a quick-add form), instead of keeping them. */
  resetOnSuccess?: boolean;
  onSuccess?: () => void;
}) {
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
  const fieldErrors = Object.values(state.fieldErrors ?? {}).flat();
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
      {children}
    </form>
  );
}
