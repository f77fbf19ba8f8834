import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { resetLayoutAction, saveLayoutAction } from "@/lib/layouts/actions";
import { standardCardFields } from "@/lib/layouts/resolve";
import { layoutFor, type LayoutScope } from "@/lib/layouts/service";
import { getPipelines } from "@/lib/org/queries";
import { maySetUp } from "@/lib/permissions";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { LayoutDragAndDrop } from "@/app/_components/deal-card/layout-dnd";
import { Notice } from "@/app/_components/notice";

export const generateMetadata = titled("titles.cardLayout");

const presetTitle = { about: "deals.aboutDeal", more: "deals.more", custom: "fields.section" } as const;
const fieldLabel: Record<(typeof standardCardFields)[number], MessageKey> = {
  pipeline: "deals.fields.pipeline",
  stage: "deals.fields.stage",
  amount: "deals.fields.amount",
  responsible: "deals.fields.responsible",
  company: "deals.fields.company",
  contacts: "deals.fields.contacts",
  beginDate: "deals.fields.beginDate",
  closeDate: "deals.fields.closeDate",
  probability: "deals.fields.probability",
  opened: "deals.fields.opened",
  source: "deals.fields.source",
  sourceDescription: "deals.fields.sourceDescription",
  type: "deals.fields.type",
  comments: "deals.fields.comments",
  observers: "deals.fields.observers",
  createdBy: "deals.fields.createdBy",
  createdAt: "deals.fields.createdAt",
  updatedAt: "deals.fields.updatedAt",
};

/**
 * The deal card's layout for a pipeline: sections (named, ordered, added, removed) and where each
 * field goes, or hidden. The common layout is the administrators'; a personal one where the role
 * allows. A plain form with numbers; dragging reorders when JavaScript runs.
 */
export default async function LayoutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t } = await getI18n();
  const db = await getDb();
  const pipelines = await getPipelines(db, viewer.orgId);
  const pipeline = pipelines.find((p) => String(p.id) === params.pipeline) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  if (!pipeline) notFound();
  const defs = await getFieldDefinitions(db, viewer);
  const admin = maySetUp(viewer);
  const probe = await layoutFor(db, viewer, pipeline.id, defs.map((d) => d.code));
  const scope: LayoutScope = params.scope === "common" && admin ? "common" : params.scope === "personal" && probe.personalAllowed ? "personal" : probe.personalAllowed ? "personal" : "common";
  if (scope === "common" && !admin) notFound();
  const { layout, source } = await layoutFor(db, viewer, pipeline.id, defs.map((d) => d.code), scope);
  const label = (key: string) => defs.find((d) => d.code === key)?.label ?? (key in fieldLabel ? t(fieldLabel[key as keyof typeof fieldLabel]) : key);
  const record = `layout:${pipeline.id}:${scope}`;
  const sectionOptions = [...layout.sections.map((s, i) => ({ value: String(i), label: s.name ?? t(presetTitle[s.preset ?? "more"]) })), { value: "new", label: t("layouts.newSection") }, { value: "hidden", label: t("layouts.hidden") }];
  return (
    <>
      <h1>
        {t("layouts.title")}: {pipeline.name}
      </h1>
      <Notice value={params.notice} t={t} />
      <nav className="tabs" aria-label={t("layouts.title")}>
        {pipelines.map((p) => (
          <Link key={p.id} href={`/deals/layout?pipeline=${p.id}&scope=${scope}`} aria-current={p.id === pipeline.id ? "page" : undefined}>
            {p.name}
          </Link>
        ))}
      </nav>
      <nav className="tabs" aria-label={t("layouts.sections")}>
        {admin && (
          <Link href={`/deals/layout?pipeline=${pipeline.id}&scope=common`} aria-current={scope === "common" ? "page" : undefined}>
            {t("layouts.common")}
          </Link>
        )}
        {probe.personalAllowed && (
          <Link href={`/deals/layout?pipeline=${pipeline.id}&scope=personal`} aria-current={scope === "personal" ? "page" : undefined}>
            {t("layouts.personal")}
          </Link>
        )}
      </nav>
      <p className="muted">
        {t(`layouts.source.${source}`)} {t("layouts.dragHint")}
      </p>
      <ActionForm action={saveLayoutAction} record={record} version={formVersion(layout)} label={t("layouts.title")} className="layout-form">
        <input type="hidden" name="pipelineId" value={pipeline.id} />
        <input type="hidden" name="scope" value={scope} />
        <LayoutDragAndDrop>
          <div className="layout-sections" data-sections>
            {layout.sections.map((s, i) => (
              <fieldset key={i} className="card-section layout-section" data-section={i}>
                <legend>
                  <label>
                    <span className="visually-hidden">{t("layouts.name")}</span>
                    <input name={`section.${i}.name`} defaultValue={s.name ?? ""} placeholder={t(presetTitle[s.preset ?? "more"])} maxLength={60} aria-label={`${t("layouts.section")} ${i + 1}: ${t("layouts.name")}`} />
                  </label>{" "}
                  <input name={`section.${i}.order`} defaultValue={i * 10} inputMode="numeric" size={3} aria-label={`${t("layouts.section")} ${i + 1}: ${t("layouts.order")}`} data-order />{" "}
                  <label className="small">
                    <input type="checkbox" name={`section.${i}.remove`} /> {t("layouts.remove")}
                  </label>
                </legend>
                <FieldList keys={s.fields} group={String(i)} label={label} options={sectionOptions} t={t} />
              </fieldset>
            ))}
          </div>
          <fieldset className="card-section">
            <legend>{t("layouts.newSection")}</legend>
            <input name="section.new.name" maxLength={60} aria-label={`${t("layouts.newSection")}: ${t("layouts.name")}`} />{" "}
            <input name="section.new.order" defaultValue={layout.sections.length * 10} inputMode="numeric" size={3} aria-label={`${t("layouts.newSection")}: ${t("layouts.order")}`} />
          </fieldset>
          <fieldset className="card-section layout-section" data-section="hidden">
            <legend>{t("layouts.hidden")}</legend>
            <FieldList keys={layout.hidden} group="hidden" label={label} options={sectionOptions} t={t} />
          </fieldset>
        </LayoutDragAndDrop>
        <button type="submit" className="button primary">
          {t("layouts.save")}
        </button>
      </ActionForm>
      <div className="actions">
        {scope === "personal" && source === "personal" && (
          <ActionForm action={resetLayoutAction} record={record} label={t("layouts.reset")}>
            <input type="hidden" name="pipelineId" value={pipeline.id} />
            <button type="submit" name="op" value="reset" className="button">
              {t("layouts.reset")}
            </button>
          </ActionForm>
        )}
        {scope === "common" && admin && (
          <ActionForm action={resetLayoutAction} record={record} label={t("layouts.applyAll")}>
            <input type="hidden" name="pipelineId" value={pipeline.id} />
            <button type="submit" name="op" value="applyAll" className="button">
              {t("layouts.applyAll")}
            </button>{" "}
            {source === "common" && (
              <button type="submit" name="op" value="default" className="button">
                {t("layouts.toDefault")}
              </button>
            )}
          </ActionForm>
        )}
      </div>
    </>
  );
}

function FieldList({ keys, group, label, options, t }: { keys: string[]; group: string; label: (key: string) => string; options: { value: string; label: string }[]; t: (k: MessageKey) => string }) {
  return (
    <ul className="layout-fields" data-fields={group}>
      {keys.map((key, i) => (
        <li key={key} className="layout-field" data-field={key}>
          <span className="drag-handle" aria-hidden="true">
            ⋮⋮
          </span>
          <span className="layout-field-name">{label(key)}</span>
          <select name={`field.${key}.section`} defaultValue={group} aria-label={`${label(key)}: ${t("layouts.section")}`} data-section-select>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <input name={`field.${key}.order`} defaultValue={i * 10} inputMode="numeric" size={3} aria-label={`${label(key)}: ${t("layouts.order")}`} data-order />
        </li>
      ))}
    </ul>
  );
}
