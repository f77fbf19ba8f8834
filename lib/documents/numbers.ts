import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documentNumbering, documents, type DocumentKind } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { requireSetUp, type Viewer } from "@/lib/permissions";
import { formatNumber, periodKey, templateProblem, type NumberingRule } from "./numbering";

export const DEFAULT_NUMBERING: Record<DocumentKind, NumberingRule> = {
  quote: { template: "BG-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "yearly" },
  invoice: { template: "HD-{YYYY}-{N}", start: 1, step: 1, padding: 4, reset: "yearly" },
};

export async function numberingRule(db: Db, orgId: number, kind: DocumentKind): Promise<NumberingRule> {
  const [row] = await db.select().from(documentNumbering).where(and(eq(documentNumbering.orgId, orgId), eq(documentNumbering.kind, kind)));
  return row ? { template: row.template, start: row.start, step: row.step, padding: row.padding, reset: row.reset } : DEFAULT_NUMBERING[kind];
}

async function takeCounter(db: Db, orgId: number, kind: DocumentKind, period: string, rule: NumberingRule): Promise<number> {
  const result = (await db.execute(sql`
    insert into document_counters (org_id, kind, period, value) values (${orgId}, ${kind}, ${period}, ${rule.start})
    on conflict (org_id, kind, period) do update set value = document_counters.value + ${rule.step}
    returning value`)) as unknown as { rows: { value: number }[] };
  return Number(result.rows[0]!.value);
}

/**
 * The next number, taken inside the creating transaction: the counter row stays locked until it
 * commits, so concurrent creators get consecutive numbers, and a rollback returns the number.
 * A number already given (the template was changed back to an earlier one) is passed over.
 */
export async function allocateNumber(db: Db, orgId: number, kind: DocumentKind, at: Date, timeZone: string): Promise<string> {
  const rule = await numberingRule(db, orgId, kind);
  const period = periodKey(rule.reset, at, timeZone);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const number = formatNumber(rule, await takeCounter(db, orgId, kind, period, rule), at, timeZone);
    const [taken] = await db.select({ id: documents.id }).from(documents).where(and(eq(documents.orgId, orgId), eq(documents.kind, kind), eq(documents.number, number))).limit(1);
    if (!taken) return number;
  }
  throw new ActionError("invalid", "documents.errors.numberingExhausted");
}

/** Settings → Company details → Numbering (administrators): a template the numbers cannot repeat under. */
export async function saveNumbering(db: Db, viewer: Viewer, kind: DocumentKind, rule: NumberingRule): Promise<void> {
  requireSetUp(viewer);
  const problem = templateProblem(rule);
  if (problem) throw new ActionError("invalid", `documents.numbering.${problem}`, undefined, { template: `documents.numbering.${problem}` });
  await db
    .insert(documentNumbering)
    .values({ orgId: viewer.orgId, kind, ...rule })
    .onConflictDoUpdate({ target: [documentNumbering.orgId, documentNumbering.kind], set: rule });
}
