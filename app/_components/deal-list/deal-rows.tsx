"use client";

import { useState, useSyncExternalStore, useTransition } from "react";
import Link from "next/link";
import type { ColumnKey } from "@/lib/deals/list/columns";
import { listColumns } from "@/lib/deals/list/columns";
import { loadMoreDeals } from "@/lib/deals/list/load-more";
import type { ListRowWithCustom as ListRow } from "@/lib/deals/list/custom-columns";
import { formatDate, formatDateTime, formatMaybeMoney } from "@/lib/i18n/format";
import { translator, type Locale, type MessageKey } from "@/lib/i18n/translate";
import { StageBadge } from "../stage-badge";

/** `selectable`: rows get the bulk form's checkbox (where the viewer may change or delete them); `mayAdd`: "Copy" is offered. */
type Props = { rows: ListRow[]; columns: ColumnKey[]; customColumns: { code: string; label: string }[]; locale: Locale; timezone: string; next: string | null; queryString: string; selectable: boolean; mayAdd: boolean };

function Cell({ row, column, locale, timezone }: { row: ListRow; column: ColumnKey; locale: Locale; timezone: string }) {
  const t = translator(locale);
  switch (column) {
    case "title":
      return (
        <>
          <Link href={`/deals/${row.id}`}>{row.title}</Link>
          {row.activityState && (
            <span className={`badge ${row.activityState} row-badge`} data-testid={`row-${row.activityState}`}>
              {t(row.activityState === "overdue" ? "counters.overdue" : "counters.idle")}
            </span>
          )}
        </>
      );
    case "stage":
      return <StageBadge name={row.stageName} color={row.stageColor} />;
    case "amount":
      return <>{formatMaybeMoney(row.amount, row.currency, locale, t("common.hidden"))}</>;
    case "company":
      return <>{row.companyTitle ?? t("common.none")}</>;
    case "contacts":
      return <>{row.contactNames ?? t("common.none")}</>;
    case "responsible":
      return <>{row.responsibleName}</>;
    case "pipeline":
      return <>{row.pipelineName}</>;
    case "beginDate":
      return <>{formatDate(row.beginDate, locale)}</>;
    case "closeDate":
      return <>{formatDate(row.closeDate, locale)}</>;
    case "createdAt":
      return <>{formatDateTime(new Date(row.createdAt), locale, timezone)}</>;
    case "updatedAt":
      return <>{formatDateTime(new Date(row.updatedAt), locale, timezone)}</>;
    case "probability":
      return <>{row.probability ?? t("common.none")}</>;
    case "source":
      return <>{row.sourceId ? t(`deals.sources.${row.sourceId}` as MessageKey) : t("common.none")}</>;
    case "type":
      return <>{row.typeId ? t(`deals.types.${row.typeId}` as MessageKey) : t("common.none")}</>;
    case "opened":
      return <>{row.opened ? t("common.yes") : t("common.no")}</>;
  }
}

const noSubscription = () => () => undefined;

/**
 * The list's rows, rendered on the server for the first page; with JavaScript, "show more"
 * appends the next page in place (without it, the pager's links do the same job).
 */
export function DealRows({ rows: initialRows, columns, customColumns, locale, timezone, next: initialNext, queryString, selectable, mayAdd }: Props) {
  const t = translator(locale);
  const [rows, setRows] = useState(initialRows);
  const [next, setNext] = useState(initialNext);
  const [pending, startTransition] = useTransition();
  // True once hydrated: the button needs JavaScript, so the server (and a browser without it) never shows it.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const labels = Object.fromEntries(listColumns.map((c) => [c.key, t(c.label)]));
  return (
    <>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {selectable && (
              <td className="select">
                {(row.mayUpdate || row.mayDelete) && <input type="checkbox" name="ids[]" value={row.id} form="bulk-form" aria-label={t("list.select", { title: row.title })} />}
              </td>
            )}
            {columns.map((column) => (
              <td key={column} data-label={labels[column]} className={listColumns.find((c) => c.key === column && "numeric" in c) ? "num" : undefined}>
                <Cell row={row} column={column} locale={locale} timezone={timezone} />
              </td>
            ))}
            {customColumns.map((c) => (
              <td key={c.code} data-label={c.label}>
                {row.customText[c.code]}
              </td>
            ))}
            <td className="row-actions">
              {/* Delete stands apart at the end: never beside Copy, where a thumb could hit the wrong one. */}
              {row.mayUpdate && <Link href={`/deals/${row.id}/edit`}>{t("common.edit")}</Link>} {mayAdd && <Link href={`/deals/new?copy=${row.id}`}>{t("list.copy")}</Link>}{" "}
              {row.mayUpdate && row.amount !== null && <Link href={`/deals/${row.id}?tab=quotes`}>{t("documents.quote")}</Link>}{" "}
              {row.mayDelete && (
                <Link href={`/deals/${row.id}?confirm=delete`} className="row-delete">
                  {t("common.delete")}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
      {enhanced && next && (
        <tfoot>
          <tr>
            <td colSpan={columns.length + customColumns.length + 2} className="show-more">
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const page = await loadMoreDeals(queryString, next);
                    setRows((current) => [...current, ...page.rows.filter((r) => !current.some((c) => c.id === r.id))]);
                    setNext(page.next);
                  })
                }
              >
                {pending ? t("list.loading") : t("list.showMore")}
              </button>
            </td>
          </tr>
        </tfoot>
      )}
    </>
  );
}
