import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { getDocument } from "@/lib/documents/queries";
import { pdfResponse, renderDocumentPdf } from "@/lib/documents/pdf";
import { defineRoute } from "@/lib/http/route";
import { idField } from "@/lib/ids";

export const dynamic = "force-dynamic";

/** The document as a PDF in the viewer's language; one the viewer may not read is a 404, like a missing one. */
export const GET = defineRoute({
  signedOut: "login",
  params: z.object({ id: idField() }),
  handle: async ({ params }, { viewer, db, locale }) => {
    const found = await getDocument(db, viewer, params.id);
    if (!found) throw new ActionError("notFound", "errors.notFound");
    const pdf = await renderDocumentPdf({ document: found.document, rows: found.rows, seller: found.seller, locale });
    return pdfResponse(found.document.number, pdf);
  },
});
