import { titled } from "@/lib/i18n/titles";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { formBySecret } from "@/lib/automation/triggers/web-forms/submit";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("triggers.publicForm.thanksTitle", { robots: { index: false } });

/** Where a submitted web form lands: the form's own thank-you text, or the standard one. */
export default async function ThanksPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const form = await formBySecret(await getDb(), secret);
  if (!form) notFound();
  const { t } = await getI18n();
  return (
    <main className="page narrow public-form-page">
      <h1>{t("triggers.publicForm.thanksTitle")}</h1>
      <p role="status" data-testid="thanks">
        {form.thanks ?? t("triggers.publicForm.thanksText")}
      </p>
      <p>
        <Link href={`/forms/${form.secret}`}>{t("triggers.publicForm.another")}</Link>
      </p>
    </main>
  );
}
