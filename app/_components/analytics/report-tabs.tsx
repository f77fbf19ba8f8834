import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

const tabs = [
  { href: "/analytics", key: "funnel" },
  { href: "/analytics/revenue", key: "revenue" },
  { href: "/analytics/products", key: "products" },
  { href: "/analytics/customers", key: "customers" },
  { href: "/analytics/cycle", key: "cycle" },
  { href: "/analytics/employees", key: "employees" },
  { href: "/analytics/plans", key: "plans" },
] as const;

/** The analytics pages, each keeping the filters of the one being read. */
export const reportPaths = Object.fromEntries(tabs.map((tab) => [tab.key, tab.href])) as Record<ReportKey, string>;
export type ReportKey = (typeof tabs)[number]["key"];

export function ReportTabs({ current, query, t }: { current: ReportKey; query: string; t: Translate }) {
  return (
    <nav className="tabs" aria-label={t("analytics.reports")}>
      {tabs.map((tab) => (
        <Link key={tab.key} href={query ? `${tab.href}?${query}` : tab.href} aria-current={tab.key === current ? "page" : undefined}>
          {t(`analytics.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
