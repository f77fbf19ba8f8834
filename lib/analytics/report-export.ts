import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { defineRoute } from "@/lib/http/route";
import { tableExportResponse, type Cells } from "@/lib/http/table-export";
import type { Translate } from "@/lib/i18n/translate";
import { loadReport, type Report } from "./report";

/** One report's table: what the page shows, as rows (numbers as numbers, amounts as decimal strings, hidden ones null). */
export type ReportTable = { sheet: string; header: string[]; rows: Cells[]; numeric: Iterable<number> };

/**
 * The GET route exporting a report of the page's filters as CSV or Excel (`?format=`): the same
 * loaders as the page, so the same figures through the same rule.
 */
export function reportExportRoute(name: string, table: (db: Db, viewer: ViewerWithOrg, report: Report, t: Translate) => Promise<ReportTable>) {
  return defineRoute({
    signedOut: "login",
    query: z.object({ format: z.enum(["csv", "xlsx"]).optional() }),
    handle: async ({ query: { format = "csv" } }, { viewer, db, t, url }) => {
      const report = await loadReport(db, viewer, url.searchParams);
      const { sheet, header, rows, numeric } = await table(db, viewer, report, t);
      let sent = false;
      const nextPage = async () => (sent ? null : ((sent = true), rows));
      return tableExportResponse({ format, filename: `${name}-${report.period.from}`, sheet, header, nextPage, numeric: new Set(numeric) });
    },
  });
}
