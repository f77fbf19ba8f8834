import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customFields } from "@/db/schema";
import type { FieldDefinition } from "./values";

export type CustomField = typeof customFields.$inferSelect;

/** The org's custom deal fields in their order. */
export async function getCustomFields(db: Db, orgId: number): Promise<CustomField[]> {
  return db.select().from(customFields).where(eq(customFields.orgId, orgId)).orderBy(asc(customFields.sort), asc(customFields.id));
}

export async function getCustomField(db: Db, orgId: number, id: number): Promise<CustomField | null> {
  const [row] = await db.select().from(customFields).where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)));
  return row ?? null;
}

/** The definitions as forms and the value schema need them (plain data, safe to hand to the browser). */
export function toDefinition(field: CustomField): FieldDefinition {
  const { code, label, type, settings, multiple, mandatory } = field;
  return { code, label, type, settings, multiple, mandatory };
}

export async function getFieldDefinitions(db: Db, orgId: number): Promise<FieldDefinition[]> {
  return (await getCustomFields(db, orgId)).map(toDefinition);
}

/** The fields a list filter may use ("show in filter"). */
export async function getFilterableFields(db: Db, orgId: number): Promise<FieldDefinition[]> {
  return (await getCustomFields(db, orgId)).filter((f) => f.showInFilter).map(toDefinition);
}
