import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { productSections, products } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import type { Translate } from "@/lib/i18n/translate";
import { requireSetUp, type Viewer } from "@/lib/permissions";

export type ProductSection = { id: number; name: string };

/** The org's catalogue sections, by name. */
export async function getSections(db: Db, orgId: number): Promise<ProductSection[]> {
  return db.select({ id: productSections.id, name: productSections.name }).from(productSections).where(eq(productSections.orgId, orgId)).orderBy(asc(productSections.name));
}

export function sectionSchema({ t }: { t: Translate }) {
  return z.object({ name: z.string().trim().min(1, t("errors.required")).max(100, t("errors.tooLong", { max: 100 })) });
}

/** Two sections of one catalogue may not share a name, whatever its case. */
async function assertNameFree(db: Db, viewer: Viewer, name: string, except?: number) {
  const [taken] = await db
    .select({ id: productSections.id })
    .from(productSections)
    .where(and(eq(productSections.orgId, viewer.orgId), sql`lower(${productSections.name}) = lower(${name})`, except ? ne(productSections.id, except) : undefined));
  if (taken) throw new ActionError("invalid", "products.sections.taken", { name }, { name: "products.sections.taken" });
}

export async function createSection(db: Db, viewer: Viewer, name: string): Promise<number> {
  requireSetUp(viewer);
  await assertNameFree(db, viewer, name);
  const [row] = await db.insert(productSections).values({ orgId: viewer.orgId, name }).returning({ id: productSections.id });
  return row!.id;
}

export async function renameSection(db: Db, viewer: Viewer, id: number, name: string): Promise<void> {
  requireSetUp(viewer);
  await assertNameFree(db, viewer, name, id);
  const renamed = await db.update(productSections).set({ name }).where(and(eq(productSections.orgId, viewer.orgId), eq(productSections.id, id))).returning({ id: productSections.id });
  if (renamed.length === 0) throw new ActionError("notFound", "errors.notFound");
}

/** Its products stay in the catalogue, in no section. Returns how many there were. */
export async function deleteSection(db: Db, viewer: Viewer, id: number): Promise<number> {
  requireSetUp(viewer);
  const moved = await db.update(products).set({ sectionId: null }).where(and(eq(products.orgId, viewer.orgId), eq(products.sectionId, id))).returning({ id: products.id });
  const deleted = await db.delete(productSections).where(and(eq(productSections.orgId, viewer.orgId), eq(productSections.id, id))).returning({ id: productSections.id });
  if (deleted.length === 0) throw new ActionError("notFound", "errors.notFound");
  return moved.length;
}

/** A section chosen on a product's form must be one of the viewer's org. */
export async function assertSectionOfOrg(db: Db, viewer: Viewer, sectionId: number | null): Promise<void> {
  if (sectionId === null) return;
  const [found] = await db.select({ id: productSections.id }).from(productSections).where(and(eq(productSections.orgId, viewer.orgId), eq(productSections.id, sectionId)));
  if (!found) throw new ActionError("invalid", "errors.unknownOption", undefined, { sectionId: "errors.unknownOption" });
}
