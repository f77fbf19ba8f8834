import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

/** Tabs of the settings section; the permission pages only for administrators. */
export function SettingsNav({ t, admin, current }: { t: Translate; admin: boolean; current: "general" | "fields" | "products" | "permissions" | "departments" | "log" | "webForms" }) {
  const tabs = [
    { key: "general", href: "/settings", label: t("settings.title") },
    ...(admin
      ? [
          { key: "fields", href: "/settings/fields", label: t("fields.title") },
          { key: "products", href: "/settings/products", label: t("products.catalogue") },
          { key: "permissions", href: "/settings/permissions", label: t("settings.permissions") },
          { key: "departments", href: "/settings/permissions/departments", label: t("settings.departments") },
          { key: "log", href: "/settings/permissions/log", label: t("permissions.log") },
          { key: "webForms", href: "/settings/web-forms", label: t("triggers.forms.title") },
        ]
      : []),
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
