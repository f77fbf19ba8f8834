import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getDealCard } from "./queries";
import { parseId } from "@/lib/ids";

/** For the deal's pages: the signed-in viewer and the card, or a 404 for a bad, unknown or forbidden id. */
export async function loadDealCardPage(segment: string) {
  const viewer = await requireViewer();
  const id = parseId(segment);
  if (!id) notFound();
  const db = await getDb();
  const card = await getDealCard(db, viewer, id);
  if (!card) notFound();
  return { viewer, db, id, card };
}
