import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { parseId } from "@/lib/ids";
import { readableFile } from "@/lib/files/access";
import { fileStorage } from "@/lib/files/storage";

export const dynamic = "force-dynamic";

/** Downloads a custom field's file, always as an attachment (never rendered in the app's origin). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Unauthorized", { status: 401 });
  const id = parseId((await params).id);
  if (id === null) return new Response("Not found", { status: 404 });
  const file = await readableFile(await getDb(), viewer, id);
  const bytes = file ? await fileStorage().get(file.key) : null;
  if (!file || !bytes) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
