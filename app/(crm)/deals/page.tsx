import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { listDeals } from "@/lib/deals/queries";
import { formatDate, formatMaybeMoney } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { Notice } from "@/app/_components/notice";
import { StageBadge } from "@/app/_components/stage-badge";

export const metadata: Metadata = { title: "Deals" };

const PAGE_SIZE = 50;

function cursorParam(value: string | string[] | undefined): number | undefined {
  const n = typeof value === "string" ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export default async function DealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const page = await listDeals(await getDb(), viewer, { after: cursorParam(params.after), before: cursorParam(params.before) }, PAGE_SIZE);
  const first = page.rows[0];
  const last = page.rows.at(-1);

  return (
    <>
      <div className="page-head">
        <h1>{t("deals.title")}</h1>
        <Link href="/deals/new" className="button primary">
          {t("deals.add")}
        </Link>
      </div>
      <Notice value={params.notice} t={t} />
      {page.rows.length === 0 ? (
        <p className="empty">{t("deals.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="deals-table">
            <thead>
              <tr>
                <th scope="col">{t("deals.fields.title")}</th>
                <th scope="col">{t("deals.fields.stage")}</th>
                <th scope="col" className="num">
                  {t("deals.fields.amount")}
                </th>
                <th scope="col">{t("deals.fields.company")}</th>
                <th scope="col">{t("deals.fields.responsible")}</th>
                <th scope="col">{t("deals.fields.closeDate")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((deal) => (
                <tr key={deal.id}>
                  <td>
                    <Link href={`/deals/${deal.id}`}>{deal.title}</Link>
                  </td>
                  <td>
                    <StageBadge name={deal.stageName} color={deal.stageColor} />
                  </td>
                  <td className="num">{formatMaybeMoney(deal.amount, deal.currency, locale, t("common.hidden"))}</td>
                  <td>{deal.companyTitle ?? t("common.none")}</td>
                  <td>{deal.responsibleName}</td>
                  <td>{formatDate(deal.closeDate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pagination">
        {page.hasPrevious && first && (
          <>
            <Link href="/deals">{t("common.first")}</Link>
            <Link href={`/deals?before=${first.id}`} rel="prev">
              {t("common.previous")}
            </Link>
          </>
        )}
        {page.hasNext && last && (
          <Link href={`/deals?after=${last.id}`} rel="next">
            {t("common.next")}
          </Link>
        )}
      </nav>
    </>
  );
}
