"use client";

import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { quickAddAction } from "@/lib/board/actions";
import type { Translate } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";

export type ClientOptions = { companies: { id: number; title: string }[]; contacts: { id: number; name: string }[] };

/**
 * The form "+" on a column opens (the link puts ?add=<stage> in the URL, so it works without
 * JavaScript): title, amount and client; the deal lands at the top of the column, and the form
 * stays open, emptied, for the next one.
 */
export function QuickAdd({ stageId, stageName, clients, t, baseCurrency, closeHref }: { stageId: number; stageName: string; clients: ClientOptions; t: Translate; baseCurrency: string; closeHref: string }) {
  const label = t("board.quickAdd", { stage: stageName });
  return (
    <div className="quick-add">
      <ActionForm action={quickAddAction} className="form compact" label={label} resetOnSuccess>
        <input type="hidden" name="stageId" value={stageId} />
        {/* Open to everyone, as a deal made with the full form is by default. */}
        <input type="hidden" name="opened" value="on" />
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
        <div className="row">
          <button type="submit" className="button primary small">
            {t("board.add")}
          </button>
          <Link href={closeHref} className="button small" scroll={false}>
            {t("common.cancel")}
          </Link>
        </div>
      </ActionForm>
    </div>
  );
}
