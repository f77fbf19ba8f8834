"use client";

import { useRef } from "react";
import { ActionForm } from "@/app/_components/action-form";
import { quickAddAction } from "@/lib/board/actions";
import type { Translate } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";

export type ClientOptions = { companies: { id: number; title: string }[]; contacts: { id: number; name: string }[] };

/** "+" on a column: a small form (a <details>, so it opens without JavaScript) that adds a deal at the top. */
export function QuickAdd({ stageId, stageName, clients, t, baseCurrency }: { stageId: number; stageName: string; clients: ClientOptions; t: Translate; baseCurrency: string }) {
  const label = t("board.quickAdd", { stage: stageName });
  const details = useRef<HTMLDetailsElement>(null);
  return (
    <details className="quick-add" ref={details}>
      <summary aria-label={label} title={label}>
        +
      </summary>
      <ActionForm action={quickAddAction} className="form compact" label={label} resetOnSuccess onSuccess={() => details.current?.removeAttribute("open")}>
        <input type="hidden" name="stageId" value={stageId} />
        <label className="field">
          <span>{t("deals.fields.title")}</span>
          <input name="title" maxLength={255} placeholder={t("deals.fields.titlePlaceholder")} />
        </label>
        <div className="row">
          <label className="field">
            <span>{t("deals.fields.amount")}</span>
            <input name="amount" inputMode="decimal" autoComplete="off" />
          </label>
          <label className="field">
            <span>{t("deals.fields.currency")}</span>
            <select name="currency" defaultValue={baseCurrency}>
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>{t("board.client")}</span>
          <select name="client" defaultValue="">
            <option value="">{t("common.none")}</option>
            <optgroup label={t("board.companies")}>
              {clients.companies.map((c) => (
                <option key={c.id} value={`company:${c.id}`}>
                  {c.title}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("board.contacts")}>
              {clients.contacts.map((c) => (
                <option key={c.id} value={`contact:${c.id}`}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <button type="submit" className="button primary small">
          {t("board.add")}
        </button>
      </ActionForm>
    </details>
  );
}
