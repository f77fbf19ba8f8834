import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardLayouts, type CardLayout } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { maySetUp, requireSetUp, type Viewer } from "@/lib/permissions";
import { resolveLayout } from "./resolve";
import { assertOrgIds } from "@/lib/org/references";

export type LayoutScope = "common" | "personal";

/** Whether the viewer's role lets them arrange the card for themselves in this pipeline. */
export function mayPersonalize(viewer: Viewer, pipelineId: number): boolean {
  return viewer.access.superuser || (viewer.access.pipelines[pipelineId]?.personalLayout ?? false);
}

async function stored(db: Db, orgId: number, pipelineId: number, userId: number | null): Promise<CardLayout | null> {
  const [row] = await db
    .select({ layout: cardLayouts.layout })
    .from(cardLayouts)
    .where(and(eq(cardLayouts.orgId, orgId), eq(cardLayouts.pipelineId, pipelineId), userId === null ? isNull(cardLayouts.userId) : eq(cardLayouts.userId, userId)));
  return row?.layout ?? null;
}

/** The layout the viewer's card shows in a pipeline: their own where allowed and made, else the common one, else the default. */
export async function layoutFor(db: Db, viewer: Viewer, pipelineId: number, customCodes: string[], scope?: LayoutScope) {
  const personalAllowed = mayPersonalize(viewer, pipelineId);
  const personal = personalAllowed && scope !== "common" ? await stored(db, viewer.orgId, pipelineId, viewer.id) : null;
  const common = await stored(db, viewer.orgId, pipelineId, null);
  const source: "personal" | "common" | "default" = personal ? "personal" : common ? "common" : "default";
  return { layout: resolveLayout(personal ?? common, customCodes), source, personalAllowed };
}

/** Saves the common layout (administrators) or the viewer's own (where the role allows). */
export async function saveLayout(db: Db, viewer: Viewer, pipelineId: number, scope: LayoutScope, layout: CardLayout): Promise<void> {
  if (scope === "common") requireSetUp(viewer);
  else if (!mayPersonalize(viewer, pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
  await assertOrgIds(db, viewer.orgId, "pipelines", [pipelineId], "pipelineId");
  const userId = scope === "common" ? null : viewer.id;
  await db
    .delete(cardLayouts)
    .where(and(eq(cardLayouts.orgId, viewer.orgId), eq(cardLayouts.pipelineId, pipelineId), userId === null ? isNull(cardLayouts.userId) : eq(cardLayouts.userId, userId)));
  await db.insert(cardLayouts).values({ orgId: viewer.orgId, pipelineId, userId, layout });
}

/** "Reset to common": the viewer's own layout goes. */
export async function resetPersonalLayout(db: Db, viewer: Viewer, pipelineId: number): Promise<void> {
  await db.delete(cardLayouts).where(and(eq(cardLayouts.orgId, viewer.orgId), eq(cardLayouts.pipelineId, pipelineId), eq(cardLayouts.userId, viewer.id)));
}

/** Back to the reference's default: the common layout goes (administrators). */
export async function resetCommonLayout(db: Db, viewer: Viewer, pipelineId: number): Promise<void> {
  requireSetUp(viewer);
  await db.delete(cardLayouts).where(and(eq(cardLayouts.orgId, viewer.orgId), eq(cardLayouts.pipelineId, pipelineId), isNull(cardLayouts.userId)));
}

/** "Apply the common layout to everyone": every personal layout of the pipeline goes (administrators). */
export async function applyCommonToEveryone(db: Db, viewer: Viewer, pipelineId: number): Promise<number> {
  if (!maySetUp(viewer)) throw new ActionError("forbidden", "errors.forbidden");
  const gone = await db
    .delete(cardLayouts)
    .where(and(eq(cardLayouts.orgId, viewer.orgId), eq(cardLayouts.pipelineId, pipelineId), isNotNull(cardLayouts.userId)))
    .returning({ id: cardLayouts.id });
  return gone.length;
}

/**
 * The editor's form as a layout: sections by their order numbers (a named new one joins), each
 * field into the section it was given (or hidden), by its own order number.
 */
export function layoutFromForm(values: Record<string, string>, keys: string[], current: CardLayout): CardLayout {
  const num = (v: string | undefined, fallback: number) => (v && /^-?\d{1,6}$/.test(v) ? Number(v) : fallback);
  const sections = current.sections.map((s, i) => ({
    index: String(i),
    order: num(values[`section.${i}.order`], i * 10),
    section: { ...(s.preset && !values[`section.${i}.name`]?.trim() ? { preset: s.preset } : {}), ...(values[`section.${i}.name`]?.trim() ? { name: values[`section.${i}.name`]!.trim().slice(0, 60) } : {}), fields: [] as string[] },
    remove: values[`section.${i}.remove`] === "on",
  }));
  const newName = values["section.new.name"]?.trim();
  if (newName) sections.push({ index: "new", order: num(values["section.new.order"], 10_000), section: { name: newName.slice(0, 60), fields: [] }, remove: false });
  const placed: { key: string; index: string; order: number }[] = keys.map((key, i) => ({ key, index: values[`field.${key}.section`] ?? "hidden", order: num(values[`field.${key}.order`], i * 10) }));
  const hidden: string[] = [];
  const kept = sections.filter((s) => !s.remove);
  for (const p of placed.sort((a, b) => a.order - b.order)) {
    if (p.index === "hidden") {
      hidden.push(p.key);
      continue;
    }
    // A field of a removed (or unknown) section moves to the first section left, never out of sight.
    const target = kept.find((s) => s.index === p.index) ?? [...kept].sort((a, b) => a.order - b.order)[0];
    if (target) target.section.fields.push(p.key);
    else hidden.push(p.key);
  }
  return { sections: kept.sort((a, b) => a.order - b.order).map((s) => s.section), hidden };
}
