import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationTriggers, stages, users, webForms } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { MessageKey } from "@/lib/i18n/translate";
import { amountsHidden, canMoveTo, type Viewer } from "@/lib/permissions";
import { fieldsOf } from "../conditions";
import { mayConfigureAutomation } from "@/lib/permissions";
import type { TriggerInput } from "./form";
import { amountKeys, conditionStandardFields, customCodeOf, kindsWithSecret, watchableStandardFields } from "./kinds";
import { inboundEmailKey } from "./inbound-key";
import { newSecret } from "./secrets";

/**
 * Triggers: who may configure them and what a saved trigger may do. A trigger acts with the
 * permissions of its author, the user who saved it last, so every save (create, edit, switching
 * on) makes the saving user the author and checks the trigger against their permissions: the
 * pipeline's automation right, the move into the target stage, the fields it watches and reads.
 */

export type Trigger = typeof automationTriggers.$inferSelect;
export type TriggerWithAuthor = Trigger & { authorName: string | null; authorActive: boolean };

const invalid = (fieldErrors: Record<string, MessageKey>) => new ActionError("invalid", "errors.invalid", undefined, fieldErrors);

function requireConfigure(viewer: Viewer, pipelineId: number): void {
  if (!mayConfigureAutomation(viewer, pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
}

/** The stage a trigger moves deals to, of the viewer's org (another org's answers as a missing one). */
async function targetStage(db: Db, orgId: number, stageId: number) {
  const [stage] = await db.select({ id: stages.id, pipelineId: stages.pipelineId, name: stages.name }).from(stages).where(and(eq(stages.orgId, orgId), eq(stages.id, stageId)));
  if (!stage) throw invalid({ stageId: "errors.unknownOption" });
  return stage;
}

/** A field key the author may name: a standard one, or a custom field they may see; amounts only where they see amounts. */
async function fieldCheck(db: Db, author: Viewer, pipelineId: number) {
  const visible = new Set((await getFieldDefinitions(db, author)).map((f) => f.code));
  return (key: string, standard: readonly string[]) => {
    const code = customCodeOf(key);
    if (code !== null) return visible.has(code);
    if (amountKeys.includes(key) && amountsHidden(author, pipelineId)) return false;
    return standard.includes(key);
  };
}

/** Everything about a trigger its author must be allowed; returns its pipeline. */
async function assertAllowed(db: Db, author: Viewer, input: TriggerInput): Promise<number> {
  const stage = await targetStage(db, author.orgId, input.stageId);
  requireConfigure(author, stage.pipelineId);
  if (!canMoveTo(author, stage.pipelineId, stage.id)) throw invalid({ stageId: "triggers.errors.mayNotMove" });
  const known = await fieldCheck(db, author, stage.pipelineId);
  if (input.kind === "fieldChanged" && !known(String(input.config.field), watchableStandardFields)) throw invalid({ field: "triggers.errors.unknownField" });
  const unknown = fieldsOf(input.condition).find((field) => !known(field, conditionStandardFields));
  if (unknown !== undefined) {
    const row = (input.condition?.items ?? []).findIndex((item) => !("op" in item) && item.field === unknown);
    throw invalid({ [`condField${row + 1}`]: "triggers.errors.unknownField" });
  }
  if (input.kind === "webForm" && input.config.formId !== undefined) {
    const [form] = await db
      .select({ id: webForms.id })
      .from(webForms)
      .where(and(eq(webForms.orgId, author.orgId), eq(webForms.id, Number(input.config.formId)), eq(webForms.pipelineId, stage.pipelineId)));
    if (!form) throw invalid({ formId: "errors.unknownOption" });
  }
  return stage.pipelineId;
}

/** The trigger, locked for a change, if it is the viewer's org's and the viewer may configure its pipeline. */
async function triggerForChange(db: Db, viewer: Viewer, id: number): Promise<Trigger> {
  const [row] = await db
    .select()
    .from(automationTriggers)
    .where(and(eq(automationTriggers.orgId, viewer.orgId), eq(automationTriggers.id, id)))
    .for("update");
  if (!row || !mayConfigureAutomation(viewer, row.pipelineId)) throw new ActionError("notFound", "triggers.errors.gone");
  return row;
}

export async function createTrigger(db: Db, viewer: Viewer, input: TriggerInput): Promise<Trigger> {
  const pipelineId = await assertAllowed(db, viewer, input);
  const [row] = await db
    .insert(automationTriggers)
    .values({
      orgId: viewer.orgId,
      pipelineId,
      stageId: input.stageId,
      name: input.name,
      kind: input.kind,
      config: input.config,
      condition: input.condition,
      allowBackwards: input.allowBackwards,
      secret: kindsWithSecret.includes(input.kind) ? newSecret() : null,
      authorId: viewer.id,
    })
    .returning();
  // The org's inbound e-mail address exists once a trigger needs it.
  if (input.kind === "emailReceived") await inboundEmailKey(db, viewer.orgId);
  return row!;
}

/** Saves an edit; the kind stays what it was (its secret, its URL with it). The saving user becomes the author. */
export async function updateTrigger(db: Db, viewer: Viewer, id: number, input: Omit<TriggerInput, "kind">): Promise<Trigger> {
  const current = await triggerForChange(db, viewer, id);
  const pipelineId = await assertAllowed(db, viewer, { ...input, kind: current.kind as TriggerInput["kind"] });
  // A trigger stays in its pipeline: its stage must be one of that pipeline's.
  if (pipelineId !== current.pipelineId) throw invalid({ stageId: "errors.unknownOption" });
  const [row] = await db
    .update(automationTriggers)
    .set({ stageId: input.stageId, name: input.name, config: input.config, condition: input.condition, allowBackwards: input.allowBackwards, authorId: viewer.id, updatedAt: new Date() })
    .where(eq(automationTriggers.id, id))
    .returning();
  return row!;
}

export async function deleteTrigger(db: Db, viewer: Viewer, id: number): Promise<Trigger> {
  const current = await triggerForChange(db, viewer, id);
  await db.delete(automationTriggers).where(eq(automationTriggers.id, id));
  return current;
}

/** Switches a trigger off, or on again: switching on is a save, checked against the viewer as its new author. */
export async function setTriggerEnabled(db: Db, viewer: Viewer, id: number, enabled: boolean): Promise<Trigger> {
  const current = await triggerForChange(db, viewer, id);
  if (enabled) {
    await assertAllowed(db, viewer, { name: current.name, kind: current.kind as TriggerInput["kind"], stageId: current.stageId, config: current.config, condition: current.condition as TriggerInput["condition"], allowBackwards: current.allowBackwards });
  }
  const [row] = await db
    .update(automationTriggers)
    .set({ enabled, ...(enabled ? { authorId: viewer.id } : {}), updatedAt: new Date() })
    .where(eq(automationTriggers.id, id))
    .returning();
  return row!;
}

/** A new URL for an incoming webhook: the old one stops working at once. */
export async function rotateTriggerSecret(db: Db, viewer: Viewer, id: number): Promise<Trigger> {
  const current = await triggerForChange(db, viewer, id);
  if (!kindsWithSecret.includes(current.kind as TriggerInput["kind"])) throw new ActionError("invalid", "errors.invalid");
  const [row] = await db.update(automationTriggers).set({ secret: newSecret(), updatedAt: new Date() }).where(eq(automationTriggers.id, id)).returning();
  return row!;
}

/** A pipeline's triggers, with their authors, in the order they were set up; empty for a viewer who may not configure it. */
export async function listTriggers(db: Db, viewer: Viewer, pipelineId: number): Promise<TriggerWithAuthor[]> {
  if (!mayConfigureAutomation(viewer, pipelineId)) return [];
  const rows = await db
    .select({ trigger: automationTriggers, authorName: users.name, authorActive: users.active })
    .from(automationTriggers)
    .leftJoin(users, eq(users.id, automationTriggers.authorId))
    .where(and(eq(automationTriggers.orgId, viewer.orgId), eq(automationTriggers.pipelineId, pipelineId)))
    .orderBy(asc(automationTriggers.sort), asc(automationTriggers.id));
  return rows.map((r) => ({ ...r.trigger, authorName: r.authorName, authorActive: r.authorActive ?? false }));
}

/** One trigger for its editor; null when it is not the viewer's to configure. */
export async function getTrigger(db: Db, viewer: Viewer, id: number): Promise<Trigger | null> {
  const [row] = await db
    .select()
    .from(automationTriggers)
    .where(and(eq(automationTriggers.orgId, viewer.orgId), eq(automationTriggers.id, id)));
  return row && mayConfigureAutomation(viewer, row.pipelineId) ? row : null;
}
