import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { WebFormEditor } from "@/app/_components/triggers/web-form-editor";
import { createWebFormAction } from "@/lib/automation/triggers/web-forms/actions";
import { webFormEditorOptions } from "@/lib/automation/triggers/web-forms/service";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { maySetUp } from "@/lib/permissions";

export const generateMetadata = titled("titles.newWebForm");

export default async function NewWebFormPage() {
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const options = await webFormEditorOptions(db, viewer, t);
  return (
    <>
      <h1>{t("triggers.forms.newTitle")}</h1>
      <p>
        <Link href="/settings/web-forms">{t("triggers.forms.back")}</Link>
      </p>
      <section className="card-section">
        <WebFormEditor
          action={createWebFormAction}
          locale={locale}
          initial={{ responsibleId: String(viewer.id), "use:name": "on", "required:name": "on", "use:phone": "on", "use:email": "on", "use:comment": "on" }}
          options={options}
          record="webform:new"
          version="new"
        />
      </section>
    </>
  );
}
