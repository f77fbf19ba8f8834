import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { documentByToken } from "@/lib/documents/public-link";
import { pdfResponse, renderDocumentPdf } from "@/lib/documents/pdf";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The PDF behind a client's link, in the client's language; an invalid link is a 404 like any unknown address. */
export const GET = defineRoute({
  auth: "public",
  params: z.object({ token: z.string().max(64) }),
  handle: async ({ params }, { db, locale }) => {
    const found = await documentByToken(db, params.token);
    if (!found) throw new ActionError("notFound", "documents.public.invalid");
    const pdf = await renderDocumentPdf({ ...found, locale });
    return pdfResponse(found.document.number, pdf, { "x-robots-tag": "noindex" });
  },
});
