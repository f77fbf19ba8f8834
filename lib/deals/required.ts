import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stageRequiredFields } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { MessageKey } from "@/lib/i18n/translate";
import { isRequirable, missingFields, requirableFields, type RequirableField } from "./required-fields";

export async function requiredAt(db: Db, orgId: number, stageId: number): Promise<RequirableField[]> {
  const rows = await db.select({ field: stageRequiredFields.field }).from(stageRequiredFields).where(and(eq(stageRequiredFields.orgId, orgId), eq(stageRequiredFields.stageId, stageId)));
  const set = new Set(rows.map((r) => r.field));
  return requirableFields.filter((f) => set.has(f));
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
  throw new ActionError("invalid", "errors.requiredAtStage", { stage: stage.name }, Object.fromEntries(missing.map((f) => [f, "errors.requiredHere" as MessageKey])));
}

export async function setRequiredFields(db: Db, orgId: number, stageId: number, fields: string[]): Promise<void> {
  await db.delete(stageRequiredFields).where(and(eq(stageRequiredFields.orgId, orgId), eq(stageRequiredFields.stageId, stageId)));
  const valid = [...new Set(fields.filter(isRequirable))];
  if (valid.length) await db.insert(stageRequiredFields).values(valid.map((field) => ({ orgId, stageId, field })));
}
