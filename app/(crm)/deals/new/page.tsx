import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { mayAddClients, mayAnywhere } from "@/lib/permissions";
import { createDealAction } from "@/lib/deals/actions";
import { editDealValues, newDealValues } from "@/lib/deals/form-values";
import { getDealCard } from "@/lib/deals/queries";
import { parseId } from "@/lib/ids";
import { decimalSeparator, todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDealFormOptions } from "@/lib/org/queries";
import { DealForm } from "@/app/_components/deal-form";
import { customFormValues } from "@/lib/fields/form-input";
import { getFieldDefinitions } from "@/lib/fields/queries";

export const generateMetadata = titled("titles.newDeal");

export default async function NewDealPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  // Nothing to offer a viewer who may add a deal nowhere.
  if (!mayAnywhere(viewer, "ADD")) notFound();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const [options, customFields] = await Promise.all([getDealFormOptions(db, viewer.orgId), getFieldDefinitions(db, viewer)]);
  const pipeline = options.pipelines.find((p) => p.isDefault) ?? options.pipelines[0];
  let initial = newDealValues({ stageId: pipeline?.stages[0]?.id, currency: viewer.org.baseCurrency, viewerId: viewer.id, today: todayIn(viewer.org.timezone) });
  // "Copy" from the list: the fields of a deal the viewer may read, as a new deal.
  const copyId = typeof params.copy === "string" ? parseId(params.copy) : null;
  const source = copyId ? await getDealCard(db, viewer, copyId) : null;
  if (source) {
    const copied = {
      ...editDealValues(source.deal, source.contacts.map((c) => c.id), decimalSeparator(locale) as "." | ","),
      ...customFormValues(customFields, source.deal.custom, decimalSeparator(locale) as "." | ",", viewer.org.timezone),
    };
    delete copied.id;
    delete copied.version;
    initial = { ...initial, ...copied, title: `${source.deal.title} (${t("list.copy").toLowerCase()})`, amount: copied.amount ?? "", copyFrom: String(source.deal.id) };
  }
  return (
    <>
      <h1>{t("deals.newTitle")}</h1>
      <DealForm mayAddClients={mayAddClients(viewer)} action={createDealAction} locale={locale} options={options} initial={initial} cancelHref="/deals" customFields={customFields} />
    </>
  );
}
