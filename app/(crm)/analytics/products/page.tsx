import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { reachedListHref } from "@/lib/analytics/drill-down";
import { bestProducts, bestSections } from "@/lib/analytics/products";
import { wonStages } from "@/lib/analytics/revenue";
import { formatCount, formatMaybeMoney, formatPercent, formatQuantity } from "@/lib/i18n/format";
import { BarChart } from "@/app/_components/analytics/bar-chart";
import { ExportLinks, ReportHeader } from "@/app/_components/analytics/report-header";
import { openReport, type ReportSearchParams } from "@/lib/analytics/report-page";

export const generateMetadata = titled("titles.analyticsProducts");

type Props = { searchParams: ReportSearchParams };

/** The products of the deals won in the period: revenue, quantity, won deals, each linking to its deals. */
export default async function ProductsReportPage({ searchParams }: Props) {
  const { viewer, t, locale, db, report } = await openReport(searchParams);
  const [{ rows, total, revenue: revenueTotal }, sections] = await Promise.all([bestProducts(db, viewer, report), bestSections(db, viewer, report)]);
  const currency = viewer.org.baseCurrency;
  const money = (sum: string | null) => formatMaybeMoney(sum, currency, locale, t("common.hidden"));
  const won = wonStages(report).map((s) => s.id);
  const amountsShown = rows.every((r) => r.revenue !== null);
  const name = (r: (typeof rows)[number]) => (r.productId === null ? t("analytics.products.notInCatalogue", { name: r.name }) : r.name);
  const quantity = (r: (typeof rows)[number]) => `${formatQuantity(r.quantity, locale)} ${r.unit}`;
  const share = (revenue: string | null) => (revenue !== null && revenueTotal && Number(revenueTotal) > 0 ? formatPercent(Math.round((Number(revenue) / Number(revenueTotal)) * 1000) / 10, locale) : "—");
  const sectionName = (r: (typeof sections)[number]) => (r.typed ? t("analytics.products.typedRows") : r.sectionId === null ? t("analytics.products.noSection") : r.name);
  const href = (r: (typeof rows)[number]) => (r.productId === null ? undefined : reachedListHref(report.filter, report.query.pipeline, won, report.period, undefined, { product: r.productId }));
  return (
    <>
      <ReportHeader report={report} current="products" t={t} locale={locale} aside={<ExportLinks path="/analytics/products/export" report={report} t={t} />} />
      <section className="card-section" aria-labelledby="products-title">
        <h2 id="products-title">{t("analytics.products.title")}</h2>
        <p className="muted">{t("analytics.products.intro")}</p>
        {rows.length === 0 ? (
          <p>{t("analytics.products.none")}</p>
        ) : (
          <>
            {total > rows.length && <p className="muted">{t("analytics.products.more", { shown: formatCount(rows.length, locale), total: formatCount(total, locale) })}</p>}
            {rows.some((r) => r.unconverted) && <p className="muted">{t("analytics.unconverted")}</p>}
            <BarChart
              label={t(amountsShown ? "analytics.products.chartAmount" : "analytics.products.chartCount")}
              bars={rows.slice(0, 15).map((r, i) => ({
                key: r.productId ?? `n${i}`,
                label: name(r),
                value: amountsShown ? Number(r.revenue) : r.deals,
                display: amountsShown ? money(r.revenue) : formatCount(r.deals, locale),
                href: href(r),
                title: t(r.productId === null ? "analytics.products.barLabelTyped" : "analytics.products.barLabel", { name: name(r), amount: money(r.revenue), quantity: quantity(r), count: formatCount(r.deals, locale) }),
              }))}
            />
            <div className="table-scroll" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("analytics.products.product")}</th>
                    <th scope="col">{t("analytics.products.section")}</th>
                    <th scope="col" className="num">{t("analytics.products.deals")}</th>
                    <th scope="col" className="num">{t("analytics.products.quantity")}</th>
                    <th scope="col" className="num">{t("analytics.products.revenue", { currency })}</th>
                    <th scope="col" className="num">{t("analytics.products.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => {
                    const link = href(r);
                    return (
                      <tr key={r.productId ?? `n${i}`}>
                        <th scope="row">{name(r)}</th>
                        <td>{r.section ?? "—"}</td>
                        <td className="num">{link ? <Link href={link}>{formatCount(r.deals, locale)}</Link> : formatCount(r.deals, locale)}</td>
                        <td className="num">{quantity(r)}</td>
                        <td className="num">{money(r.revenue)}</td>
                        <td className="num">{share(r.revenue)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {sections.length > 0 && (
        <section className="card-section" aria-labelledby="sections-title">
          <h2 id="sections-title">{t("analytics.products.sectionsTitle")}</h2>
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("analytics.products.section")}</th>
                  <th scope="col" className="num">{t("analytics.products.productsSold")}</th>
                  <th scope="col" className="num">{t("analytics.products.revenue", { currency })}</th>
                  <th scope="col" className="num">{t("analytics.products.share")}</th>
                </tr>
              </thead>
              <tbody>
                {sections.map((r) => (
                  <tr key={r.typed ? "typed" : (r.sectionId ?? "none")}>
                    <th scope="row">
                      {r.sectionId === null ? sectionName(r) : <Link href={reachedListHref(report.filter, report.query.pipeline, won, report.period, undefined, { section: r.sectionId })}>{sectionName(r)}</Link>}
                    </th>
                    <td className="num">{formatCount(r.products, locale)}</td>
                    <td className="num">{money(r.revenue)}</td>
                    <td className="num">{share(r.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
