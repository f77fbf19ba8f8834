import { titled } from "@/lib/i18n/titles";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { PublicWebForm } from "@/app/_components/triggers/public-web-form";
import { contactFieldKeys, type ContactFieldKey } from "@/lib/automation/triggers/web-forms/definition";
import { submitWebFormAction } from "@/lib/automation/triggers/web-forms/public-action";
import { formBySecret, publicFormFields } from "@/lib/automation/triggers/web-forms/submit";
import { getI18n } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("titles.publicForm", { robots: { index: false } });

const isContactKey = (key: string): key is ContactFieldKey => (contactFieldKeys as readonly string[]).includes(key);

/** A public web form (no sign-in), in the visitor's language. An unknown address is a 404; a form switched off says it is closed. */
export default async function PublicFormPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const db = await getDb();
  const form = await formBySecret(db, secret);
  if (!form) notFound();
  const { t, locale } = await getI18n();
  const customFields = form.enabled ? await publicFormFields(db, form) : null;
  return (
    <main className="page narrow public-form-page">
      <h1>{form.name}</h1>
      {!customFields ? (
        <p className="alert error" role="alert">
          {t(form.enabled ? "triggers.publicForm.unavailable" : "triggers.publicForm.closed")}
        </p>
      ) : (
        <PublicWebForm
          action={submitWebFormAction}
          locale={locale}
          secret={form.secret}
          contactFields={form.fields.filter((f): f is { key: ContactFieldKey; required: boolean } => isContactKey(f.key))}
          customFields={customFields}
        />
      )}
    </main>
  );
}
