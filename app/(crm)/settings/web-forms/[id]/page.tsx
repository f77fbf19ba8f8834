import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { WebFormEditor } from "@/app/_components/triggers/web-form-editor";
import { formVersion } from "@/lib/actions/form-version";
import { publicFormPath, siteOrigin } from "@/lib/automation/triggers/site";
import { updateWebFormAction } from "@/lib/automation/triggers/web-forms/actions";
import { webFormValues } from "@/lib/automation/triggers/web-forms/definition";
import { getWebForm, webFormEditorOptions } from "@/lib/automation/triggers/web-forms/service";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { maySetUp } from "@/lib/permissions";

export const generateMetadata = titled("titles.editWebForm");

export default async function EditWebFormPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const id = parseId((await params).id);
  const { t, locale } = await getI18n();
  const db = await getDb();
  const form = id === null ? null : await getWebForm(db, viewer, id);
  if (!form) notFound();
  const [options, origin] = await Promise.all([webFormEditorOptions(db, viewer, t), siteOrigin()]);
  const initial = webFormValues(form);
  return (
    <>
      <h1>{t("triggers.forms.editTitle")}</h1>
      <p>
        <Link href="/settings/web-forms">{t("triggers.forms.back")}</Link>
      </p>
      <p>
        {t("triggers.forms.publicUrl")}: <a href={publicFormPath(form.secret)}>{origin + publicFormPath(form.secret)}</a>
      </p>
      <section className="card-section">
        <WebFormEditor action={updateWebFormAction} locale={locale} initial={initial} id={form.id} options={options} record={`webform:${form.id}`} version={formVersion(initial)} />
      </section>
    </>
  );
}
