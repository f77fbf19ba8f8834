import { z } from "zod";
import { idField } from "@/lib/ids";
import { readableFile } from "@/lib/files/access";
import { fileStorage } from "@/lib/files/storage";
import { defineRoute, notFound } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Downloads a custom field's file, always as an attachment (never rendered in the app's origin). */
export const GET = defineRoute({
  params: z.object({ id: idField() }),
  signedOut: "login",
  async handle({ params }, { db, viewer }) {
    const file = await readableFile(db, viewer, params.id);
    const bytes = file ? await fileStorage().get(file.key) : null;
    if (!file || !bytes) notFound();
    return new Response(Buffer.from(bytes), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "content-length": String(bytes.length),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  },
});
