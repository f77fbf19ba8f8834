import "server-only";
import { cache } from "react";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customFields } from "@/db/schema";
import type { FieldDefinition } from "./values";

export type CustomField = typeof customFields.$inferSelect;

/**
 * The org's custom deal fields in their order. Read once per request (the layout, the page, the
 * filter context and the columns all ask); outside a request React's cache() simply calls through.
 */
export const getCustomFields = cache(async (db: Db, orgId: number): Promise<CustomField[]> => {
  return db.select().from(customFields).where(eq(customFields.orgId, orgId)).orderBy(asc(customFields.sort), asc(customFields.id));
});

export async function getCustomField(db: Db, orgId: number, id: number): Promise<CustomField | null> {
  const [row] = await db.select().from(customFields).where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)));
  return row ?? null;
}

/** The definitions as forms and the value schema need them (plain data, safe to hand to the browser). */
export function toDefinition(field: CustomField): FieldDefinition {
  const { code, label, type, settings, multiple, mandatory } = field;
  return { code, label, type, settings, multiple, mandatory };
}

/**
 * Whether a viewer may see a field's values: everyone when the field is not limited; else the
 * users and departments it names, and administrators. Everything that shows or takes custom
 * values (card, forms, list, filters, export, board) asks through the functions below.
 */
export function mayView(field: Pick<CustomField, "visibleTo">, viewer: FieldViewer): boolean {
  if (!field.visibleTo || viewer.isAdmin) return true;
  return field.visibleTo.users.includes(viewer.id) || (viewer.departmentId !== null && field.visibleTo.departments.includes(viewer.departmentId));
}
export type FieldViewer = { id: number; orgId: number; isAdmin: boolean; departmentId: number | null };

/** The fields this viewer may see, as definitions. */
export async function getFieldDefinitions(db: Db, viewer: FieldViewer): Promise<FieldDefinition[]> {
  return (await getCustomFields(db, viewer.orgId)).filter((f) => mayView(f, viewer)).map(toDefinition);
}

/** The fields a list filter may use ("show in filter") that this viewer may see. */
export async function getFilterableFields(db: Db, viewer: FieldViewer): Promise<FieldDefinition[]> {
  return (await getCustomFields(db, viewer.orgId)).filter((f) => f.showInFilter && mayView(f, viewer)).map(toDefinition);
}
