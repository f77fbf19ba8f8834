"use client";

import { useActionState } from "react";
import Link from "next/link";
import { initialActionState, type ActionState } from "@/lib/actions/state";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: number;
  version: number;
  labels: { question: string; confirm: string; cancel: string };
};

/** The confirmation step of deleting a deal: a plain form, so it works without JavaScript. A refusal's message belongs to the deal it was about. */
export function DeleteDealForm(props: Props) {
  return <ConfirmDelete key={props.id} {...props} />;
}

function ConfirmDelete({ action, id, version, labels }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="alert warning confirm-delete">
      <p>{labels.question}</p>
      {state.message && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="button danger" disabled={pending}>
        {labels.confirm}
      </button>{" "}
      <Link href={`/deals/${id}`} className="button">
        {labels.cancel}
      </Link>
    </form>
  );
}
