import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { updateDealAction } from "@/lib/deals/actions";
import { notFound } from "next/navigation";
import { loadDealCardPage } from "@/lib/deals/card-page";
import { dealEditForm } from "@/lib/deals/edit-form";
import { can, mayAddClients } from "@/lib/permissions";
import { getI18n } from "@/lib/i18n/server";
import { DealForm } from "@/app/_components/deal-form";
import { sectionFormNames } from "@/lib/layouts/resolve";
import { layoutFor } from "@/lib/layouts/service";

export const generateMetadata = titled("titles.editDeal");

/** The whole deal as a form, or one section of its card (?section=N): the fields of that section, the rest kept as they are. */
export default async function EditDealPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, db, id, card } = await loadDealCardPage((await params).id);
  const query = await searchParams;
  const { t, locale } = await getI18n();
  if (!can(viewer, "UPDATE", { ...card.deal, observerIds: card.observers.map((o) => o.id) })) notFound();
  const { options, customFields, names, initial } = await dealEditForm(db, viewer, card, locale);
  const { layout } = await layoutFor(db, viewer, card.deal.pipelineId, customFields.map((d) => d.code));
  const section = typeof query.section === "string" && /^\d{1,2}$/.test(query.section) ? layout.sections[Number(query.section)] : undefined;
  const only = section ? sectionFormNames(section.fields) : undefined;
  return (
    <>
      <h1>
        {section ? t("deals.editSection", { section: section.name ?? t(section.preset === "about" ? "deals.aboutDeal" : section.preset === "custom" ? "fields.section" : "deals.more") }) : t("deals.editTitle")}: {card.deal.title}
      </h1>
      <DealForm mayAddClients={mayAddClients(viewer)} action={updateDealAction} locale={locale} options={options} initial={initial} cancelHref={`/deals/${id}`} customFields={customFields} fileNames={names} only={only} reloadHref={`/deals/${id}/edit${section ? `?section=${query.section}` : ""}`} />
    </>
  );
}
