import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { mayImport } from "@/lib/permissions";
import { getI18n } from "@/lib/i18n/server";
import { uploadImportAction } from "@/lib/import/actions";
import { IMPORT_MAX_ROWS } from "@/lib/import/deal-import";
import { ActionForm } from "@/app/_components/action-form";

export const generateMetadata = titled("titles.importDeals");

export default async function ImportPage() {
  const viewer = await requireViewer();
  if (!mayImport(viewer)) notFound();
  const { t } = await getI18n();
  return (
    <section className="card-section">
      <h1>{t("import.title")}</h1>
      <ActionForm action={uploadImportAction} className="form" label={t("import.title")}>
        <label className="field">
          <span>{t("import.upload", { max: IMPORT_MAX_ROWS.toLocaleString("en-US") })}</span>
          <input type="file" name="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <button type="submit" className="button primary">
          {t("import.send")}
        </button>
      </ActionForm>
    </section>
  );
}
