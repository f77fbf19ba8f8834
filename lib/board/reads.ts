import "server-only";
import { z } from "zod";
import { idField, isId } from "@/lib/ids";
import { getDb } from "@/db/client";
import { getViewer } from "@/lib/auth/viewer";
import { resolveBoard } from "./load";
import { boardStages, columnPage, getBoard, type BoardCard, type BoardColumn } from "./queries";

/**
 * Reads the board's script makes, as GET URLs carrying the board's own query string: the next
 * cards of a column, and fresh columns after a live notice. Same scope and filters as the page.
 * null: not signed in (401); undefined: nothing to show for that input (404).
 */
const stageId = idField();
const limitsSchema = z.record(z.string().refine(isId), z.coerce.number().int().min(0).max(200));

export async function readColumnCards(params: URLSearchParams): Promise<{ cards: BoardCard[]; next: string | null } | null | undefined> {
  const input = z.object({ stage: stageId, cursor: z.string().min(1).max(600) }).safeParse({ stage: params.get("stage"), cursor: params.get("cursor") });
  if (!input.success) return undefined;
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = await getDb();
  const { pipeline, query, context } = await resolveBoard(db, viewer, params);
  const column = pipeline && boardStages(pipeline, query).find((s) => s.id === input.data.stage);
  if (!pipeline || !column) return undefined;
  return columnPage(db, viewer, pipeline.id, column, query, context, input.data.cursor);
}

export async function readColumns(params: URLSearchParams): Promise<BoardColumn[] | null | undefined> {
  let limits: Record<string, number> = {};
  try {
    const parsed = limitsSchema.safeParse(JSON.parse(params.get("limits") ?? "{}"));
    if (!parsed.success) return undefined;
    limits = parsed.data;
  } catch {
    return undefined;
  }
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = await getDb();
  const { pipeline, query, context } = await resolveBoard(db, viewer, params);
  if (!pipeline) return undefined;
  return getBoard(db, viewer, pipeline, query, context, Object.fromEntries(Object.entries(limits).map(([k, v]) => [Number(k), v])));
}

export function jsonAnswer(value: unknown): Response {
  if (value === null) return new Response("Unauthorized", { status: 401 });
  if (value === undefined) return new Response("Not found", { status: 404 });
  return Response.json(value, { headers: { "Cache-Control": "no-store" } });
}
