import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { customFields, stageRequiredFields as required } from "@/db/schema";
import { errorKey, isRequirable, isStandardRequirable, missingFields, requirableFields, type RequirableField } from "./rule";

/** What a stage requires: standard fields in their usual order, then custom fields (that still exist) in theirs. */
export async function requiredAt(db: Db, orgId: number, stageId: number): Promise<RequirableField[]> {
  const rows = await db
    .select({ field: required.field, sort: customFields.sort })
    .from(required)
    .leftJoin(customFields, and(eq(customFields.orgId, required.orgId), eq(customFields.code, required.field)))
    .where(and(eq(required.orgId, orgId), eq(required.stageId, stageId)));
  const set = new Set(rows.map((r) => r.field));
  const custom = rows.filter((r) => r.sort !== null && isRequirable(r.field)).sort((a, b) => a.sort! - b.sort! || a.field.localeCompare(b.field));
  return [...requirableFields.filter((f) => set.has(f)), ...custom.map((r) => r.field as RequirableField)];
}

/**
 * Refuses a deal that would be in `stage` without a field the stage requires. The field errors
 * name exactly the missing fields, so a form can ask for those and nothing else.
 */
export async function assertRequiredFilled(
  db: Db,
  orgId: number,
  stage: { id: number; name: string },
  values: Parameters<typeof missingFields>[1],
  only?: (field: RequirableField) => boolean,
  /** Fields this user cannot fill in (an amount their role hides): refused without asking for them. */
  cannotFill: RequirableField[] = [],
): Promise<void> {
  const missing = missingFields(await requiredAt(db, orgId, stage.id), values).filter((f) => !only || only(f));
  if (missing.length === 0) return;
  if (missing.some((f) => cannotFill.includes(f))) throw new ActionError("forbidden", "errors.requiredHidden", { stage: stage.name });
  throw new ActionError("invalid", "errors.requiredAtStage", { stage: stage.name }, Object.fromEntries(missing.map((f) => [errorKey(f), "errors.requiredHere" as MessageKey])));
}

export async function setRequiredFields(db: Db, orgId: number, stageId: number, fields: string[]): Promise<void> {
  await db.delete(required).where(and(eq(required.orgId, orgId), eq(required.stageId, stageId)));
  const codes = new Set((await db.select({ code: customFields.code }).from(customFields).where(eq(customFields.orgId, orgId))).map((r) => r.code));
  const valid = [...new Set(fields.filter((f) => isStandardRequirable(f) || codes.has(f)))];
  if (valid.length) await db.insert(required).values(valid.map((field) => ({ orgId, stageId, field })));
}
