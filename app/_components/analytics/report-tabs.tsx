import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

const tabs = [
  { href: "/analytics", key: "funnel" },
  { href: "/analytics/employees", key: "employees" },
  { href: "/analytics/plans", key: "plans" },
] as const;

/** The analytics pages, each keeping the filters of the one being read. */
export function ReportTabs({ current, query, t }: { current: (typeof tabs)[number]["key"]; query: string; t: Translate }) {
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
