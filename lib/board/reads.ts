import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ViewerWithOrg } from "@/lib/auth/viewer";
import { idField, isId } from "@/lib/ids";
import { resolveBoard } from "./load";
import { boardStages, columnPage, getBoard, type BoardCard, type BoardColumn } from "./queries";

/**
 * Reads the board's script makes, as GET URLs carrying the board's own query string: the next
 * cards of a column, and fresh columns after a live notice. Same scope and filters as the page.
 * undefined: nothing to show for that input (the route answers 404).
 */
export const columnCardsQuery = z.object({ stage: idField(), cursor: z.string().min(1).max(600) });

const limitsSchema = z.record(z.string().refine(isId), z.coerce.number().int().min(0).max(200));
/** ?limits={"stageId":n}: how many cards deep each column is loaded in the browser. */
export const columnsQuery = z.object({
  limits: z
    .string()
    .optional()
    .transform((text, context) => {
      try {
        const parsed = limitsSchema.safeParse(JSON.parse(text || "{}"));
        if (parsed.success) return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [Number(k), v]));
      } catch {
        // not JSON: refused below
      }
      context.addIssue({ code: "custom", message: "limits" });
      return z.NEVER;
    }),
});

export async function readColumnCards(db: Db, viewer: ViewerWithOrg, params: URLSearchParams, input: z.infer<typeof columnCardsQuery>): Promise<{ cards: BoardCard[]; next: string | null } | undefined> {
  const { pipeline, query, context } = await resolveBoard(db, viewer, params);
  const column = pipeline && boardStages(pipeline, query).find((s) => s.id === input.stage);
  if (!pipeline || !column) return undefined;
  return columnPage(db, viewer, pipeline.id, column, query, context, input.cursor);
}

export async function readColumns(db: Db, viewer: ViewerWithOrg, params: URLSearchParams, input: z.infer<typeof columnsQuery>): Promise<BoardColumn[] | undefined> {
  const { pipeline, query, context } = await resolveBoard(db, viewer, params);
  if (!pipeline) return undefined;
  return getBoard(db, viewer, pipeline, query, context, input.limits);
}
