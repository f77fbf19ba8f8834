import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentNumbering, type DocumentKind } from "@/db/schema";
import { formatNumber, periodKey, type NumberingRule } from "./numbering";

export const DEFAULT_NUMBERING: Record<DocumentKind, NumberingRule> = {
  quote: { template: "BG-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "yearly" },
  invoice: { template: "HD-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "yearly" },
};

export async function numberingRule(db: Db, orgId: number, kind: DocumentKind): Promise<NumberingRule> {
  const [row] = await db.select().from(documentNumbering).where(and(eq(documentNumbering.orgId, orgId), eq(documentNumbering.kind, kind)));
  return row ? { template: row.template, start: row.start, step: row.step, padding: row.padding, reset: row.reset } : DEFAULT_NUMBERING[kind];
}

/**
 * The next number, taken inside the creating transaction: the counter row stays locked until it
 * commits, so concurrent creators get consecutive numbers, and a rollback returns the number.
 */
export async function allocateNumber(db: Db, orgId: number, kind: DocumentKind, at: Date, timeZone: string): Promise<string> {
  const rule = await numberingRule(db, orgId, kind);
  const period = periodKey(rule.reset, at, timeZone);
  const result = (await db.execute(sql`
    insert into document_counters (org_id, kind, period, value) values (${orgId}, ${kind}, ${period}, ${rule.start})
    on conflict (org_id, kind, period) do update set value = document_counters.value + ${rule.step}
    returning value`)) as unknown as { rows: { value: number }[] };
  return formatNumber(rule, Number(result.rows[0]!.value), at, timeZone);
}
