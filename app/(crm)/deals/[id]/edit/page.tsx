import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { updateDealAction } from "@/lib/deals/actions";
import { editDealValues } from "@/lib/deals/form-values";
import { getDealCard } from "@/lib/deals/queries";
import { decimalSeparator } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDealFormOptions } from "@/lib/org/queries";
import { parseId } from "@/lib/deals/route-params";
import { DealForm } from "@/app/_components/deal-form";

export const metadata: Metadata = { title: "Edit deal" };

export default async function EditDealPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  const viewer = await requireViewer();
  if (!id) notFound();
  const db = await getDb();
  const card = await getDealCard(db, viewer, id);
  if (!card) notFound();
  const { t, locale } = await getI18n();
  const options = await getDealFormOptions(db, viewer.orgId);
  const initial = editDealValues(card.deal, card.contacts.map((c) => c.id), decimalSeparator(locale) as "." | ",");
  return (
    <>
      <h1>
        {t("deals.editTitle")}: {card.deal.title}
      </h1>
      <DealForm action={updateDealAction} locale={locale} options={options} initial={initial} cancelHref={`/deals/${id}`} />
    </>
  );
}
