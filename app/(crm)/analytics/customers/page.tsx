import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { CUSTOMERS_SHOWN, topCustomers, type CustomerRow } from "@/lib/analytics/customers";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { wonStages } from "@/lib/analytics/revenue";
import { formatCount, formatMaybeMoney } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/translate";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsCustomers");

type Props = { searchParams: ReportSearchParams };

/** The companies and contacts that brought the most won revenue in the period. */
export default async function CustomersReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const top = await topCustomers(db, viewer, report);
  const money = (sum: string | null) => formatMaybeMoney(sum, viewer.org.baseCurrency, locale, t("common.hidden"));
  const count = (n: number) => formatCount(n, locale);
  const won = wonStages(report).map((s) => s.id);
  const href = (kind: "company" | "contact", id: number) => reachedListHref(report.filter, report.query.pipeline, won, report.period, undefined, { [kind]: id });
  return (
    <>
      <ReportHeader report={report} current="customers" t={t} locale={locale} aside={<ExportLinks path="/analytics/customers/export" report={report} t={t} />} />
      <section className="card-section" aria-labelledby="companies-title">
        <h2 id="companies-title">{t("analytics.customers.companies")}</h2>
        <Ranking rows={top.companies} link={(id) => href("company", id)} currency={viewer.org.baseCurrency} t={t} money={money} count={count} />
      </section>
      <section className="card-section" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t("analytics.customers.contacts")}</h2>
        <p className="muted">{t("analytics.customers.contactsNote")}</p>
        <Ranking rows={top.contacts} link={(id) => href("contact", id)} currency={viewer.org.baseCurrency} t={t} money={money} count={count} />
      </section>
    </>
  );
}

type RankingProps = { rows: CustomerRow[]; link: (id: number) => string; currency: string; t: Translate; money: (sum: string | null) => string; count: (n: number) => string };

function Ranking({ rows, link, currency, t, money, count }: RankingProps) {
  if (rows.length === 0) return <p>{t("analytics.customers.none")}</p>;
  const amountsShown = rows.every((r) => r.revenue !== null);
  return (
    <>
      {rows.length >= CUSTOMERS_SHOWN && <p className="muted">{t("analytics.customers.more", { shown: count(rows.length) })}</p>}
      {rows.some((r) => r.unconverted) && <p className="muted">{t("analytics.unconverted")}</p>}
      <BarChart
        label={t(amountsShown ? "analytics.customers.chartAmount" : "analytics.customers.chartCount")}
        color="var(--ok)"
        bars={rows.slice(0, 10).map((r) => ({
          key: r.id,
          label: r.name,
          value: amountsShown ? Number(r.revenue) : r.deals,
          display: amountsShown ? money(r.revenue) : count(r.deals),
          href: link(r.id),
          title: t("analytics.customers.barLabel", { name: r.name, count: count(r.deals), amount: money(r.revenue) }),
        }))}
      />
      <div className="table-scroll" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("analytics.customers.client")}</th>
              <th scope="col" className="num">{t("analytics.customers.deals")}</th>
              <th scope="col" className="num">{t("analytics.customers.revenue", { currency })}</th>
              <th scope="col" className="num">{t("analytics.customers.averageDeal")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td className="num">
                  <Link href={link(r.id)}>{count(r.deals)}</Link>
                </td>
                <td className="num">{money(r.revenue)}</td>
                <td className="num">{r.averageDeal === null ? "—" : money(r.averageDeal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
