import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="page narrow">
      <h1>{t("common.notFound")}</h1>
      <p>{t("common.notFoundText")}</p>
      <p>
        <Link href="/deals">{t("common.backToDeals")}</Link>
      </p>
    </main>
  );
}
