import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, users, webForms } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { FieldDefinition } from "@/lib/fields/values";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import { getPipelines, getUsers } from "@/lib/org/queries";
import { assertOrgIds } from "@/lib/org/references";
import { can, mayAddClients, requireSetUp, type Viewer } from "@/lib/permissions";
import { customCodeOf, customKey } from "../kinds";
import { newSecret } from "../secrets";
import { contactFieldKeys, simpleCustomTypes, type WebFormInput } from "./definition";

/**
 * Web forms (Settings → Web forms, administrators). A form acts as its author, the administrator
 * who saved it last: every save checks that they may add the deal it creates (ADD at its stage,
 * for its responsible), create its contact and company, and see the custom fields it asks for;
 * every submission checks again (lib/automation/triggers/web-forms/submit.ts).
 */

export type WebForm = typeof webForms.$inferSelect;

const invalid = (fieldErrors: Record<string, MessageKey>) => new ActionError("invalid", "errors.invalid", undefined, fieldErrors);

/** Custom fields a form may ask for, as its author sees them. */
export async function formCustomFields(db: Db, author: Viewer): Promise<FieldDefinition[]> {
  return (await getFieldDefinitions(db, author)).filter((f) => simpleCustomTypes.includes(f.type));
}

/** Everything about a form its author must be allowed; returns its pipeline. */
async function assertAllowed(db: Db, author: Viewer, input: WebFormInput): Promise<number> {
  requireSetUp(author);
  const [stage] = await db.select({ id: stages.id, pipelineId: stages.pipelineId }).from(stages).where(and(eq(stages.orgId, author.orgId), eq(stages.id, input.stageId)));
  if (!stage) throw invalid({ stageId: "errors.unknownOption" });
  await assertOrgIds(db, author.orgId, "users", [input.responsibleId], "responsibleId");
  if (!can(author, "ADD", { orgId: author.orgId, pipelineId: stage.pipelineId, stageId: stage.id, assignedById: input.responsibleId, opened: true })) throw invalid({ stageId: "triggers.forms.mayNotAdd" });
  if (!mayAddClients(author)) throw new ActionError("forbidden", "clients.mayNotAdd");
  const offered = new Set((await formCustomFields(db, author)).map((f) => f.code));
  for (const { key } of input.fields) {
    const code = customCodeOf(key);
    if (code !== null && !offered.has(code)) throw invalid({ fields: "triggers.errors.unknownField" });
  }
  return stage.pipelineId;
}

async function formForChange(db: Db, viewer: Viewer, id: number): Promise<WebForm> {
  requireSetUp(viewer);
  const [row] = await db
    .select()
    .from(webForms)
    .where(and(eq(webForms.orgId, viewer.orgId), eq(webForms.id, id)))
    .for("update");
  if (!row) throw new ActionError("notFound", "triggers.forms.gone");
  return row;
}

export async function createWebForm(db: Db, viewer: Viewer, input: WebFormInput): Promise<WebForm> {
  const pipelineId = await assertAllowed(db, viewer, input);
  const [row] = await db
    .insert(webForms)
    .values({ orgId: viewer.orgId, pipelineId, stageId: input.stageId, name: input.name, responsibleId: input.responsibleId, fields: input.fields, thanks: input.thanks, secret: newSecret(), authorId: viewer.id })
    .returning();
  return row!;
}

/** Saves an edit; the saving administrator becomes the author. The public URL stays. */
export async function updateWebForm(db: Db, viewer: Viewer, id: number, input: WebFormInput): Promise<WebForm> {
  await formForChange(db, viewer, id);
  const pipelineId = await assertAllowed(db, viewer, input);
  const [row] = await db
    .update(webForms)
    .set({ pipelineId, stageId: input.stageId, name: input.name, responsibleId: input.responsibleId, fields: input.fields, thanks: input.thanks, authorId: viewer.id, updatedAt: new Date() })
    .where(eq(webForms.id, id))
    .returning();
  return row!;
}

export async function deleteWebForm(db: Db, viewer: Viewer, id: number): Promise<void> {
  await formForChange(db, viewer, id);
  await db.delete(webForms).where(eq(webForms.id, id));
}

/** Switches a form off (its page then says it is closed), or on again (a save: checked against the viewer as its new author). */
export async function setWebFormEnabled(db: Db, viewer: Viewer, id: number, enabled: boolean): Promise<void> {
  const current = await formForChange(db, viewer, id);
  if (enabled) await assertAllowed(db, viewer, current);
  await db
    .update(webForms)
    .set({ enabled, ...(enabled ? { authorId: viewer.id } : {}), updatedAt: new Date() })
    .where(eq(webForms.id, id));
}

export async function listWebForms(db: Db, viewer: Viewer): Promise<(WebForm & { responsibleName: string | null })[]> {
  requireSetUp(viewer);
  const rows = await db
    .select({ form: webForms, responsibleName: users.name })
    .from(webForms)
    .leftJoin(users, eq(users.id, webForms.responsibleId))
    .where(eq(webForms.orgId, viewer.orgId))
    .orderBy(asc(webForms.id));
  return rows.map((r) => ({ ...r.form, responsibleName: r.responsibleName }));
}

/** The org's forms of a pipeline, for a web form trigger's choice (whoever configures the pipeline's triggers). */
export async function webFormsOfPipeline(db: Db, orgId: number, pipelineId: number): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: webForms.id, name: webForms.name })
    .from(webForms)
    .where(and(eq(webForms.orgId, orgId), eq(webForms.pipelineId, pipelineId)))
    .orderBy(asc(webForms.id));
}

export async function getWebForm(db: Db, viewer: Viewer, id: number): Promise<WebForm | null> {
  requireSetUp(viewer);
  const [row] = await db
    .select()
    .from(webForms)
    .where(and(eq(webForms.orgId, viewer.orgId), eq(webForms.id, id)));
  return row ?? null;
}

/** What the editor offers: the org's pipelines and stages, its active people, and the fields a form may ask for. */
export async function webFormEditorOptions(db: Db, viewer: Viewer, t: Translate) {
  const [pipelines, people, custom] = await Promise.all([getPipelines(db, viewer.orgId), getUsers(db, viewer.orgId), formCustomFields(db, viewer)]);
  return {
    pipelines: pipelines.map((p) => ({ name: p.name, stages: p.stages.map((s) => ({ value: String(s.id), label: s.name })) })),
    users: people.map((u) => ({ value: String(u.id), label: u.name })),
    fields: [
      ...contactFieldKeys.map((key) => ({ value: key, label: t(`triggers.forms.contactFields.${key}`) })),
      ...custom.map((f) => ({ value: customKey(f.code), label: `${f.label} (${t("triggers.forms.customFields")})` })),
    ],
  };
}
