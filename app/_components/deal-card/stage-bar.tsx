"use client";

import { useActionState, useMemo, useState, type CSSProperties } from "react";
import type { ActionState } from "@/lib/actions/state";
import Link from "next/link";
import { moveCardAction } from "@/lib/board/actions";
import { initialActionState } from "@/lib/actions/state";
import type { MoveOptions } from "@/lib/deals/required/move-options";
import { translator, type Locale } from "@/lib/i18n/translate";
import { BoardOptions, missingFromErrors, RequiredFieldInputs } from "../board/required-fields";

export type BarStage = { id: number; name: string; color: string; semantics: string };

const colored = (color: string) => ({ "--stage": color }) as CSSProperties;

/**
 * The pipeline's stages across the top of the card, as the reference shows them: the stages in
 * progress in order, the current one marked and those before it filled, then "Close deal" with
 * the won and lost stages. One click moves the deal through the board's own move action (the
 * transition rules, the required fields); each stage is a submit button, so it works without
 * JavaScript. When the stage requires fields the deal lacks, a form asks for exactly those.
 */
export function StageBar({
  dealId,
  stageId,
  stages,
  mayMove,
  locale,
  baseCurrency,
  options,
  cancelHref,
}: {
  dealId: number;
  stageId: number;
  stages: BarStage[];
  mayMove: boolean;
  locale: Locale;
  baseCurrency: string;
  options: MoveOptions;
  cancelHref: string;
}) {
  const t = useMemo(() => translator(locale), [locale]);
  const [state, action, pending] = useActionState(moveCardAction, initialActionState);
  // Cancel hides the refusal's form; without JavaScript it is a plain link back to the card.
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const shown = state === dismissed ? initialActionState : state;
  const missing = missingFromErrors(shown.fieldErrors);
  const chosenId = Number(shown.values?.stageId);
  const chosen = stages.find((s) => s.id === chosenId);
  const inProgress = stages.filter((s) => s.semantics === "P");
  const closing = [...stages.filter((s) => s.semantics === "S"), ...stages.filter((s) => s.semantics === "F")];
  const current = stages.find((s) => s.id === stageId);
  const closed = current !== undefined && current.semantics !== "P";
  const reachedUpTo = closed ? (current.semantics === "S" ? inProgress.length - 1 : -1) : inProgress.findIndex((s) => s.id === stageId);

  const step = (s: BarStage) =>
    s.id === stageId || !mayMove ? (
      <span className="stage-step" aria-current={s.id === stageId ? "step" : undefined}>
        {s.name}
      </span>
    ) : (
      <button type="submit" name="stageId" value={s.id} className="stage-step" disabled={pending} aria-label={t("deals.moveToStage", { stage: s.name })}>
        {s.name}
      </button>
    );

  return (
    <BoardOptions.Provider value={{ clients: options.clients, baseCurrency, customFields: options.customFields, users: options.users }}>
      <form action={action} className="stage-bar" aria-label={t("deals.stageBar")} aria-busy={pending}>
        <input type="hidden" name="dealId" value={dealId} />
        <ol>
          {inProgress.map((s, i) => (
            <li key={s.id} style={colored(s.color)} className={i <= reachedUpTo ? "reached" : undefined}>
              {step(s)}
            </li>
          ))}
          <li className={`stage-close${closed ? " reached" : ""}`} style={closed ? colored(current.color) : undefined}>
            {closed ? (
              step(current)
            ) : mayMove ? (
              <details>
                <summary className="stage-step">{t("deals.closeDeal")}</summary>
                <div className="stage-close-choices">
                  {closing.map((s) => (
                    <button key={s.id} type="submit" name="stageId" value={s.id} className={`button small ${s.semantics === "S" ? "won" : "lost"}`} style={colored(s.color)} disabled={pending}>
                      {s.name}
                    </button>
                  ))}
                </div>
              </details>
            ) : (
              <span className="stage-step">{t("deals.closeDeal")}</span>
            )}
          </li>
        </ol>
        {closed && mayMove && (
          <p className="stage-reopen muted">{t("deals.reopenHint")}</p>
        )}
      </form>
      {shown.message && !shown.ok && missing.length === 0 && (
        <p className="alert error" role="alert">
          {shown.message}
        </p>
      )}
      {missing.length > 0 && chosen && (
        <form action={action} className="card-section stage-bar-complete" aria-labelledby="stage-bar-complete-title">
          <h2 id="stage-bar-complete-title">{t("deals.stageNeeds", { stage: chosen.name })}</h2>
          {shown.message && (
            <p className="alert error" role="alert">
              {shown.message}
            </p>
          )}
          <input type="hidden" name="dealId" value={dealId} />
          <input type="hidden" name="stageId" value={chosen.id} />
          <RequiredFieldInputs fields={missing} errors={shown.fieldErrors} t={t} idPrefix="stage-bar" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={pending}>
              {t("board.saveAndMove")}
            </button>
            <Link
              href={cancelHref}
              className="button"
              onClick={(event) => {
                event.preventDefault();
                setDismissed(state);
              }}
            >
              {t("common.cancel")}
            </Link>
          </div>
        </form>
      )}
    </BoardOptions.Provider>
  );
}
