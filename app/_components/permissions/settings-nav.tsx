import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

/**
 * Tabs of the settings section; the permission pages and working time only for administrators,
 * the automation log also for who may configure automation in some pipeline (`automation`).
 */
export function SettingsNav({
  t,
  admin,
  automation = false,
  current,
}: {
  t: Translate;
  admin: boolean;
  automation?: boolean;
  current: "general" | "fields" | "products" | "permissions" | "departments" | "log" | "automationLog" | "workingTime" | "outbox" | "webForms" | "companies" | "plans" | "pipelines";
}) {
  const tabs = [
    { key: "general", href: "/settings", label: t("settings.title") },
    ...(admin
      ? [
          { key: "pipelines", href: "/settings/pipelines", label: t("pipelines.title") },
          { key: "fields", href: "/settings/fields", label: t("fields.title") },
          { key: "products", href: "/settings/products", label: t("products.catalogue") },
          { key: "companies", href: "/settings/companies", label: t("documents.companies.title") },
          { key: "permissions", href: "/settings/permissions", label: t("settings.permissions") },
          { key: "departments", href: "/settings/permissions/departments", label: t("settings.departments") },
          { key: "log", href: "/settings/permissions/log", label: t("permissions.log") },
          { key: "workingTime", href: "/settings/working-time", label: t("automation.workingTime.title") },
          { key: "outbox", href: "/settings/outbox", label: t("messaging.outbox.title") },
          { key: "webForms", href: "/settings/web-forms", label: t("triggers.forms.title") },
        ]
      : []),
    // Department heads set their departments' plans too (they reach it from Analytics → Plans).
    ...(admin || current === "plans" ? [{ key: "plans", href: "/settings/plans", label: t("analytics.plans.title") }] : []),
    ...(admin || automation ? [{ key: "automationLog", href: "/settings/automation-log", label: t("automation.log.title") }] : []),
  ];
  return (
    <nav className="tabs" aria-label={t("nav.settings")}>
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
