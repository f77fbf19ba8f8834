import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { createProductAction, createSectionAction, deleteSectionAction, renameSectionAction, updateProductAction } from "@/lib/products/actions";
import { getProducts, type Product } from "@/lib/products/catalogue";
import { getSections, type ProductSection } from "@/lib/products/sections";
import { decimalSeparator, formatMoney } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { amountForInput, currencies } from "@/lib/money/money";
import { maySetUp } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.products");

function ProductForm({ product, sections, t, separator }: { product?: Product; sections: ProductSection[]; t: Translate; separator: "." | "," }) {
  const p = product ? `product-${product.id}` : "product-new";
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${p}-${name}`}>{label}</label>
      {input}
    </div>
  );
  return (
    <ActionForm action={product ? updateProductAction : createProductAction} record={p} version={formVersion(product)} label={product ? `${t("products.edit")}: ${product.name}` : t("products.add")}>
      {product && <input type="hidden" name="id" value={product.id} />}
      <div className="form-grid">
        {field("name", t("products.name"), <input id={`${p}-name`} name="name" required maxLength={255} defaultValue={product?.name ?? ""} />)}
        {field("sku", t("products.sku"), <input id={`${p}-sku`} name="sku" maxLength={64} defaultValue={product?.sku ?? ""} />)}
        {field("price", t("products.price"), <input id={`${p}-price`} name="price" inputMode="decimal" required defaultValue={product ? amountForInput(product.price, separator) : ""} />)}
        {field(
          "currency",
          t("products.currency"),
          <select id={`${p}-currency`} name="currency" defaultValue={product?.currency.trim() ?? "VND"}>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>,
        )}
        {field("unit", t("products.unit"), <input id={`${p}-unit`} name="unit" required maxLength={20} defaultValue={product?.unit ?? "pcs"} />)}
        {field("taxRate", t("products.taxRate"), <input id={`${p}-taxRate`} name="taxRate" inputMode="decimal" defaultValue={product?.taxRate ? amountForInput(product.taxRate, separator) : ""} />)}
        {field(
          "sectionId",
          t("products.section"),
          <select id={`${p}-sectionId`} name="sectionId" defaultValue={product?.sectionId ?? ""}>
            <option value="">{t("products.noSection")}</option>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </select>,
        )}
        <label className="field">
          <span>
            <input type="checkbox" name="active" defaultChecked={product?.active ?? true} /> {t("products.active")}
          </span>
        </label>
      </div>
      <button type="submit" className="button primary">
        {product ? t("products.save") : t("products.create")}
      </button>
    </ActionForm>
  );
}

/** Settings → Products: the catalogue deals pick their rows from (administrators). */
export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const { t, locale } = await getI18n();
  const separator = decimalSeparator(locale) as "." | ",";
  const db = await getDb();
  const [list, sections] = await Promise.all([getProducts(db, viewer.orgId), getSections(db, viewer.orgId)]);
  const editing = list.find((p) => String(p.id) === params.edit);
  const sectionName = new Map(sections.map((section) => [section.id, section.name]));
  const productsIn = (sectionId: number) => list.filter((p) => p.sectionId === sectionId).length;
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin current="products" />
      <Notice value={params.notice} t={t} />
      <section className="card-section">
        <h2>{t("products.catalogue")}</h2>
        {list.length === 0 ? (
          <p className="muted">{t("products.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="catalogue">
              <thead>
                <tr>
                  <th scope="col">{t("products.name")}</th>
                  <th scope="col">{t("products.sku")}</th>
                  <th scope="col">{t("products.section")}</th>
                  <th scope="col" className="num">
                    {t("products.price")}
                  </th>
                  <th scope="col">{t("products.unit")}</th>
                  <th scope="col" className="num">
                    {t("products.taxRate")}
                  </th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id} className={p.active ? undefined : "muted"}>
                    <td>
                      {p.name} {!p.active && <span className="muted">({t("products.inactive")})</span>}
                    </td>
                    <td>{p.sku}</td>
                    <td>{p.sectionId === null ? "—" : sectionName.get(p.sectionId)}</td>
                    <td className="num">{formatMoney(p.price, p.currency.trim(), locale)}</td>
                    <td>{p.unit}</td>
                    <td className="num">{p.taxRate === null ? "—" : `${Number(p.taxRate)}%`}</td>
                    <td>
                      <Link href={`/settings/products?edit=${p.id}#edit`}>{t("products.edit")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing && (
        <section className="card-section" id="edit">
          <h2>
            {t("products.edit")}: {editing.name}
          </h2>
          <ProductForm product={editing} sections={sections} t={t} separator={separator} />
        </section>
      )}
      <section className="card-section">
        <h2>{t("products.add")}</h2>
        <ProductForm sections={sections} t={t} separator={separator} />
      </section>
      <section className="card-section" id="sections" aria-labelledby="sections-title">
        <h2 id="sections-title">{t("products.sections.title")}</h2>
        <p className="muted">{t("products.sections.intro")}</p>
        {sections.length === 0 ? (
          <p className="muted">{t("products.sections.none")}</p>
        ) : (
          <ul className="plain" data-testid="sections">
            {sections.map((section) => (
              <li key={section.id} className="section-row">
                <ActionForm action={renameSectionAction} record={`section:${section.id}`} version={section.name} className="inline-form" label={t("products.sections.renameLabel", { name: section.name })}>
                  <input type="hidden" name="id" value={section.id} />
                  <label className="visually-hidden" htmlFor={`section-${section.id}-name`}>
                    {t("products.sections.renameLabel", { name: section.name })}
                  </label>
                  <input id={`section-${section.id}-name`} name="name" required maxLength={100} defaultValue={section.name} />{" "}
                  <button type="submit" className="button small">
                    {t("products.sections.rename")}
                  </button>{" "}
                  <span className="muted">{t("products.sections.products", { count: productsIn(section.id) })}</span>
                </ActionForm>{" "}
                <ActionForm action={deleteSectionAction} record={`section:${section.id}:delete`} className="inline-form">
                  <input type="hidden" name="id" value={section.id} />
                  <button type="submit" className="button danger small" aria-label={t("products.sections.delete", { name: section.name })} title={t("products.sections.deleteHint")}>
                    {t("common.delete")}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={createSectionAction} record="section:new" resetOnSuccess label={t("products.sections.add")}>
          <div className="field">
            <label htmlFor="section-new-name">{t("products.sections.name")}</label>
            <input id="section-new-name" name="name" required maxLength={100} />
          </div>
          <button type="submit" className="button">
            {t("products.sections.create")}
          </button>
        </ActionForm>
      </section>
    </>
  );
}
