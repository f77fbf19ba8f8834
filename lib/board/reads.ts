"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { resolveBoard } from "./load";
import { boardStages, columnPage, getBoard, type BoardCard, type BoardColumn } from "./queries";

/**
 * Reads the board's script asks for: the next cards of a column, and fresh columns after a
 * live notice. Same scope and filters as the page (the URL's query string is passed along).
 */
const search = z.string().max(4000);
const stageId = z.number().int().positive().max(2 ** 31 - 1);

export async function loadColumnCards(query: string, stage: number, cursor: string): Promise<{ cards: BoardCard[]; next: string | null } | null> {
  const input = z.object({ query: search, stage: stageId, cursor: z.string().min(1).max(600) }).safeParse({ query, stage, cursor });
  if (!input.success) return null;
  const viewer = await requireViewer();
  const db = await getDb();
  const { pipeline, query: boardQuery, context } = await resolveBoard(db, viewer, new URLSearchParams(input.data.query));
  const column = pipeline && boardStages(pipeline, boardQuery).find((s) => s.id === input.data.stage);
  if (!pipeline || !column) return null;
  return columnPage(db, viewer, pipeline.id, column, boardQuery, context, input.data.cursor);
}

export async function refreshColumns(query: string, limits: Record<string, number>): Promise<BoardColumn[] | null> {
  const input = z.object({ query: search, limits: z.record(z.string().regex(/^\d{1,10}$/), z.number().int().min(0).max(200)) }).safeParse({ query, limits });
  if (!input.success) return null;
  const viewer = await requireViewer();
  const db = await getDb();
  const { pipeline, query: boardQuery, context } = await resolveBoard(db, viewer, new URLSearchParams(input.data.query));
  if (!pipeline) return null;
  return getBoard(db, viewer, pipeline, boardQuery, context, Object.fromEntries(Object.entries(input.data.limits).map(([k, v]) => [Number(k), v])));
}
