"use client";

import { startTransition, useActionState } from "react";
import Link from "next/link";
import { moveCardAction } from "@/lib/board/actions";
import type { CardField } from "@/lib/board/card-fields";
import type { BoardCard } from "@/lib/board/queries";
import { formatDate, formatMaybeMoney } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { initialActionState } from "@/lib/actions/state";
import { missingFromErrors, RequiredFieldInputs } from "./required-fields";
import { Avatar } from "../avatar";

export type StageChoice = { id: number; name: string };

/**
 * A deal on the board. Its "move to stage" form is the keyboard's and the no-JavaScript way to
 * move it; dragging is the enhancement. The checkbox belongs to the selection form above the board.
 */
export function BoardCardView({
  card,
  stageId,
  stages,
  fields,
  locale,
  t,
  selected,
  onSelect,
}: {
  card: BoardCard;
  stageId: number;
  stages: StageChoice[];
  fields: CardField[];
  locale: Locale;
  t: Translate;
  selected: boolean;
  onSelect: (id: number, selected: boolean) => void;
}) {
  const show = (field: CardField) => fields.includes(field);
  const client = card.company ?? card.contact;
  // A card the viewer may not change is not dragged, moved or selected: nothing is offered that would be refused.
  return (
    <li className={`board-card${selected ? " selected" : ""}${card.mayUpdate ? " movable" : ""}`} data-id={card.id} data-testid="board-card">
      <div className="card-top">
        {(card.mayUpdate || card.mayDelete) && (
          <input
            type="checkbox"
            name="ids[]"
            value={card.id}
            form="board-selection"
            checked={selected}
            onChange={(e) => onSelect(card.id, e.currentTarget.checked)}
            aria-label={t("board.select", { title: card.title })}
          />
        )}
        <Link href={`/deals/${card.id}`} className="card-title">
          {card.title}
        </Link>
      </div>
      {show("amount") && <p className="card-amount">{formatMaybeMoney(card.amount, card.currency, locale, t("common.hidden"))}</p>}
      {show("client") && client && <p className="card-client">{client}</p>}
      <p className="card-meta">
        {show("responsible") && (
          <Avatar name={card.responsibleName} small />
        )}
        {show("closeDate") && <span>{formatDate(card.closeDate, locale)}</span>}
        {show("createdAt") && <span>{formatDate(card.createdAt.slice(0, 10), locale)}</span>}
      </p>
      <p className="card-badges">
        {show("badge") &&
          (card.overdue > 0 ? (
            <span className="badge overdue" data-testid="badge-overdue">
              {t("board.overdue", { count: card.overdue })}
            </span>
          ) : card.planned === 0 ? (
            <span className="badge idle" data-testid="badge-idle">
              {t("board.idle")}
            </span>
          ) : null)}
        {card.staleDays !== null && (
          <span className="badge stale" data-testid="badge-stale">
            {t("board.staleDays", { days: card.staleDays })}
          </span>
        )}
      </p>
      {card.mayUpdate && <MoveForm dealId={card.id} stageId={stageId} stages={stages} t={t} />}
    </li>
  );
}

/**
 * The card's own move form. A refusal is shown on the card itself, outside the folded form; when
 * the target stage requires fields the deal lacks, the form opens with inputs for exactly those.
 */
function MoveForm({ dealId, stageId, stages, t }: { dealId: number; stageId: number; stages: StageChoice[]; t: Translate }) {
  const [state, action, pending] = useActionState(moveCardAction, initialActionState);
  const missing = missingFromErrors(state.fieldErrors);
  const chosen = typeof state.values?.stageId === "string" ? state.values.stageId : String(stageId);
  return (
    <>
      {state.message && !state.ok && (
        <p className="alert error card-alert" role="alert">
          {state.message}
        </p>
      )}
      <details className="card-move" open={missing.length > 0}>
        <summary>{t("board.move")}</summary>
        <form
          action={action}
          className="inline-form"
          aria-busy={pending}
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            startTransition(() => action(data));
          }}
        >
          <input type="hidden" name="dealId" value={dealId} />
          <select name="stageId" defaultValue={chosen} aria-label={t("board.moveTo")} key={chosen}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {missing.length > 0 && <RequiredFieldInputs fields={missing} errors={state.fieldErrors} t={t} idPrefix={`card-${dealId}`} />}
          <button type="submit" className="button small">
            {t("board.move")}
          </button>
        </form>
      </details>
    </>
  );
}
