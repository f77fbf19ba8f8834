import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { deleteMyCompanyAction, deleteStatusAction, saveMyCompanyAction, saveNumberingAction, saveStatusAction } from "@/lib/documents/actions";
import { customStatuses } from "@/lib/documents/statuses";
import { statusesOf, statusLabel, type CustomStatus } from "@/lib/documents/status-set";
import { numberingRule } from "@/lib/documents/numbers";
import { formatNumber } from "@/lib/documents/numbering";
import { documentKinds, type DocumentKind } from "@/db/schema";
import { bankAccountsText, getMyCompanies, type MyCompany } from "@/lib/documents/companies";
import { getI18n } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { mayConfigureAutomationAnywhere, maySetUp } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { ValuesForm } from "@/app/_components/values-form";

export const generateMetadata = titled("titles.companyDetails");

function CompanyForm({ company, t }: { company?: Omit<MyCompany, "logo" | "stamp">; t: Translate }) {
  const record = company ? `company:${company.id}` : "company:new";
  return (
    <ValuesForm
      action={saveMyCompanyAction}
      record={record}
      version={formVersion(company ?? null)}
      prefix={record.replace(":", "-")}
      label={company ? company.legalName : t("documents.companies.add")}
      submit={t("common.save")}
      hidden={company ? { id: company.id } : {}}
      initial={{
        legalName: company?.legalName ?? "",
        taxCode: company?.taxCode ?? "",
        address: company?.address ?? "",
        phone: company?.phone ?? "",
        email: company?.email ?? "",
        director: company?.director ?? "",
        accountant: company?.accountant ?? "",
        bankAccounts: bankAccountsText(company?.bankAccounts ?? []),
        isDefault: company?.isDefault ? "on" : "",
      }}
      fields={[
        { kind: "text", name: "legalName", label: t("documents.companies.legalName"), required: true, maxLength: 255 },
        { kind: "text", name: "taxCode", label: t("documents.taxCode"), maxLength: 20 },
        { kind: "textarea", name: "address", label: t("documents.address"), rows: 2 },
        { kind: "text", name: "phone", label: t("documents.phone"), maxLength: 40 },
        { kind: "text", name: "email", label: t("documents.companies.email"), type: "email" },
        { kind: "text", name: "director", label: t("documents.director") },
        { kind: "text", name: "accountant", label: t("documents.accountant") },
        { kind: "textarea", name: "bankAccounts", label: t("documents.companies.bankAccounts"), rows: 2 },
        { kind: "file", name: "logo", label: t("documents.companies.logo"), accept: "image/png,image/jpeg", hint: t("documents.companies.imageHint") },
        { kind: "file", name: "stamp", label: t("documents.companies.stamp"), accept: "image/png,image/jpeg", hint: t("documents.companies.imageHint") },
        { kind: "checkbox", name: "isDefault", label: t("documents.companies.isDefault") },
      ]}
    />
  );
}

/** An added status's form (name, meaning, position, colour) with its removal, or a new one's. */
function StatusForm({ t, kind, status }: { t: Translate; kind: DocumentKind; status?: CustomStatus }) {
  const record = status ? `status:${status.id}` : `status:new:${kind}`;
  return (
    <>
      <ValuesForm
        action={saveStatusAction}
        record={record}
        version={formVersion(status ?? null)}
        prefix={record.replaceAll(":", "-")}
        label={status ? status.name : `${t("documents.statusSettings.add")}: ${t(kind === "quote" ? "documents.quotes" : "documents.invoices")}`}
        submit={status ? t("common.save") : t("documents.statusSettings.add")}
        hidden={{ kind, ...(status ? { id: status.id } : {}) }}
        initial={{ name: status?.name ?? "", semantics: status?.semantics ?? "P", sort: String(status?.sort ?? 100), color: status?.color ?? "#8b5cf6" }}
        fields={[
          { kind: "text", name: "name", label: t("documents.statusSettings.name"), required: true, maxLength: 60 },
          { kind: "select", name: "semantics", label: t("documents.statusSettings.meaning"), options: (["P", "F"] as const).map((v) => ({ value: v, label: t(`documents.statusSettings.meanings.${v}`) })) },
          { kind: "text", name: "sort", label: t("documents.statusSettings.position"), type: "number" },
          { kind: "text", name: "color", label: t("documents.statusSettings.color"), type: "color" },
        ]}
      />
      {status && (
        <ActionForm action={deleteStatusAction} record={`${record}:delete`} className="inline-form">
          <input type="hidden" name="id" value={status.id} />
          <button type="submit" className="button danger small">
            {t("common.delete")}
          </button>
        </ActionForm>
      )}
    </>
  );
}

/** Settings → Company details: the sellers printed on quotes and invoices (administrators). */
export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const [query, { t }, db] = await Promise.all([searchParams, getI18n(), getDb()]);
  const [companies, quote, invoice, custom] = await Promise.all([getMyCompanies(db, viewer.orgId), numberingRule(db, viewer.orgId, "quote"), numberingRule(db, viewer.orgId, "invoice"), customStatuses(db, viewer.orgId)]);
  const numbering = { quote, invoice };
  return (
    <>
      <h1>{t("documents.companies.title")}</h1>
      <SettingsNav t={t} admin automation={mayConfigureAutomationAnywhere(viewer)} current="companies" />
      <Notice value={query.notice} t={t} />
      <p className="muted">{t("documents.companies.hint")}</p>
      {companies.length === 0 && <p className="empty">{t("documents.companies.none")}</p>}
      {companies.map((company) => (
        <section key={company.id} className="card-section" aria-label={company.legalName}>
          <h2>
            {company.legalName} {company.isDefault && <span className="muted">({t("documents.companies.isDefault")})</span>}
          </h2>
          <CompanyForm company={company} t={t} />
          {query.confirm === String(company.id) ? (
            <ActionForm action={deleteMyCompanyAction} record={`company-delete:${company.id}`} className="alert warning confirm-delete">
              <input type="hidden" name="id" value={company.id} />
              <button type="submit" className="button danger">
                {t("common.delete")}
              </button>
              <Link href="/settings/companies" className="button">
                {t("common.cancel")}
              </Link>
            </ActionForm>
          ) : (
            <p>
              <Link href={`/settings/companies?confirm=${company.id}`} className="button danger small">
                {t("common.delete")}
              </Link>
            </p>
          )}
        </section>
      ))}
      <section className="card-section" id="statuses" aria-labelledby="statuses-title">
        <h2 id="statuses-title">{t("documents.statusSettings.title")}</h2>
        <p className="muted">{t("documents.statusSettings.hint")}</p>
        {documentKinds.map((kind) => (
          <div key={kind} data-testid={`statuses-${kind}`}>
            <h3>{t(kind === "quote" ? "documents.quotes" : "documents.invoices")}</h3>
            <ol className="stages">
              {statusesOf(kind, custom).map((s) => (
                <li key={s.code}>
                  <span className="stage-badge" style={{ "--stage": s.color } as React.CSSProperties}>
                    {statusLabel(s.code, t, custom)}
                  </span>{" "}
                  <span className="muted">
                    {t(`documents.statusSettings.meanings.${s.semantics}`)}
                    {s.system ? ` · ${t("documents.statusSettings.system")}` : ""}
                  </span>
                  {!s.system && <StatusForm t={t} kind={kind} status={custom.find((c) => `c${c.id}` === s.code)} />}
                </li>
              ))}
            </ol>
            <StatusForm t={t} kind={kind} />
          </div>
        ))}
      </section>
      <section className="card-section" aria-labelledby="numbering-title">
        <h2 id="numbering-title">{t("documents.numbering.title")}</h2>
        <p className="muted">{t("documents.numbering.hint")}</p>
        {documentKinds.map((kind) => {
          const rule = numbering[kind];
          return (
            <div key={kind}>
              <h3>{t(kind === "quote" ? "documents.quotes" : "documents.invoices")}</h3>
              <ValuesForm
                action={saveNumberingAction}
                record={`numbering:${kind}`}
                version={formVersion(rule)}
                prefix={`numbering-${kind}`}
                label={`${t("documents.numbering.title")}: ${t(kind === "quote" ? "documents.quotes" : "documents.invoices")}`}
                submit={t("common.save")}
                hidden={{ kind }}
                initial={{ template: rule.template, start: String(rule.start), step: String(rule.step), padding: String(rule.padding), reset: rule.reset }}
                fields={[
                  { kind: "text", name: "template", label: t("documents.numbering.template"), required: true, maxLength: 60 },
                  { kind: "text", name: "start", label: t("documents.numbering.start"), type: "number" },
                  { kind: "text", name: "step", label: t("documents.numbering.step"), type: "number" },
                  { kind: "text", name: "padding", label: t("documents.numbering.padding"), type: "number" },
                  { kind: "select", name: "reset", label: t("documents.numbering.reset"), options: (["never", "yearly", "monthly"] as const).map((r) => ({ value: r, label: t(`documents.numbering.resets.${r}`) })) },
                ]}
              />
              <p className="muted small">{t("documents.numbering.example", { example: formatNumber(rule, rule.start, new Date(), viewer.org.timezone) })}</p>
            </div>
          );
        })}
      </section>
      <section className="card-section" aria-label={t("documents.companies.add")}>
        <h2>{t("documents.companies.add")}</h2>
        <CompanyForm t={t} />
      </section>
    </>
  );
}
