import "server-only";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { loadReport } from "./report";

export type ReportSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What every analytics page starts from: the signed-in reader, their language, the database and the report its address asks for. */
export async function openReport(searchParams: ReportSearchParams) {
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const report = await loadReport(db, viewer, await searchParams);
  return { viewer, t, locale, db, report };
}
