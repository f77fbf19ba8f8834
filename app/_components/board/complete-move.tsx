"use client";

import { useState } from "react";
import { moveCardAction } from "@/lib/board/actions";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import type { RequirableField } from "@/lib/deals/required/rule";
import type { Translate } from "@/lib/i18n/translate";
import { missingFromErrors, RequiredFieldInputs } from "./required-fields";

export type PendingMove = { dealId: number; title: string; stageId: number; stageName: string; afterId: number | null; fields: RequirableField[]; message: string };

/** After a drop refused for missing fields: a small form for exactly those fields; saving it completes the move. */
export function CompleteMove({ move, t, onDone, onCancel }: { move: PendingMove; t: Translate; onDone: () => void; onCancel: () => void }) {
  const [state, setState] = useState<ActionState>({ ...initialActionState, message: move.message });
  const [pending, setPending] = useState(false);
  const fields = missingFromErrors(state.fieldErrors).length ? missingFromErrors(state.fieldErrors) : move.fields;
  return (
    <div className="dialog-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-label={t("board.completeMove", { title: move.title, stage: move.stageName })}
        className="dialog card-section"
        onSubmit={async (event) => {
          event.preventDefault();
          setPending(true);
          const data = new FormData(event.currentTarget);
          const result = await moveCardAction(initialActionState, data);
          setPending(false);
          if (result.ok) onDone();
          else setState(result);
        }}
      >
        <h2>{t("board.completeMove", { title: move.title, stage: move.stageName })}</h2>
        {state.message && (
          <p className="alert error" role="alert">
            {state.message}
          </p>
        )}
        <input type="hidden" name="dealId" value={move.dealId} />
        <input type="hidden" name="stageId" value={move.stageId} />
        {move.afterId !== null && <input type="hidden" name="afterId" value={move.afterId} />}
        <input type="hidden" name="quiet" value="1" />
        <RequiredFieldInputs fields={fields} errors={state.fieldErrors} t={t} idPrefix="complete-move" />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={pending}>
            {t("board.saveAndMove")}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}
