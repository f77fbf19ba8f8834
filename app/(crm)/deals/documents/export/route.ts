import { z } from "zod";
import { documentKinds } from "@/db/schema";
import { parseDocumentListQuery } from "@/lib/documents/list-params";
import { listDocuments } from "@/lib/documents/queries";
import { customStatuses } from "@/lib/documents/statuses";
import { statusLabel } from "@/lib/documents/status-set";
import { defineRoute } from "@/lib/http/route";
import { tableExportResponse } from "@/lib/http/table-export";
import { todayIn } from "@/lib/i18n/format";
import { normalizeAmount } from "@/lib/money/money";

export const dynamic = "force-dynamic";
const BATCH = 1000;

/** The quotes or invoices of the list's filter, as CSV or Excel, a keyset page at a time, through the one rule. */
export const GET = defineRoute({
  signedOut: "login",
  query: z.object({ kind: z.enum(documentKinds), format: z.enum(["csv", "xlsx"]).optional() }),
  handle: async ({ query: { kind, format = "csv" } }, { viewer, db, t, url }) => {
    const custom = await customStatuses(db, viewer.orgId);
    const filter = parseDocumentListQuery(kind, (key) => url.searchParams.get(key), custom);
    let after: number | null = null;
    let done = false;
    const nextPage = async () => {
      if (done) return null;
      const page = await listDocuments(db, viewer, { ...filter, after, limit: BATCH, withTotals: false, today: todayIn(viewer.org.timezone), custom });
      after = page.next;
      done = page.next === null;
      return page.items.map((d) => [d.number, d.issuedOn, d.buyerName, d.dealTitle, statusLabel(d.status, t, custom), d.dueOn ?? "", d.currency, normalizeAmount(d.gross), normalizeAmount(d.paid)]);
    };
    const header = [t("documents.number"), t("documents.issuedOn"), t("documents.buyer"), t("documents.deal"), t("documents.status"), t(kind === "quote" ? "documents.validUntil" : "documents.payBefore"), t("deals.fields.currency"), t("documents.gross"), t("documents.paid")];
    const sheet = t(kind === "quote" ? "documents.quotes" : "documents.invoices");
    return tableExportResponse({ format, filename: `${kind}s-${todayIn(viewer.org.timezone)}`, sheet, header, nextPage, numeric: new Set([7, 8]) });
  },
});
