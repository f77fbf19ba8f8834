import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { createDealAction } from "@/lib/deals/actions";
import { newDealValues } from "@/lib/deals/form-values";
import { todayIn } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getDealFormOptions } from "@/lib/org/queries";
import { DealForm } from "@/app/_components/deal-form";

export const metadata: Metadata = { title: "New deal" };

export default async function NewDealPage() {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const options = await getDealFormOptions(await getDb(), viewer.orgId);
  const pipeline = options.pipelines.find((p) => p.isDefault) ?? options.pipelines[0];
  const initial = newDealValues({ stageId: pipeline?.stages[0]?.id, currency: viewer.org.baseCurrency, viewerId: viewer.id, today: todayIn(viewer.org.timezone) });
  return (
    <>
      <h1>{t("deals.newTitle")}</h1>
      <DealForm action={createDealAction} locale={locale} options={options} initial={initial} cancelHref="/deals" />
    </>
  );
}
