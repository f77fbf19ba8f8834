import "server-only";
import { unknownPlaceholders } from "@/lib/messaging/template";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pipelines, robots, stages, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { getFieldDefinitions } from "@/lib/fields/queries";
import type { MessageKey } from "@/lib/i18n/translate";
import { assertOrgIds } from "@/lib/org/references";
import { amountsHidden, canMoveTo, levelAt, mayConfigureAutomation, type Viewer } from "@/lib/permissions";
import { conditionSchema, robotConfigs, timingSchema, type ConditionGroup, type RobotConfig, type RobotKind } from "./definitions";
import { amountFields, conditionStandardFields, customCodeOf, settableStandardFields, standardDateFields } from "./field-catalogue";
import { isHttpUrl, SET_FIELD_ROWS, type RobotInput } from "./robot-form";

/**
 * Robots: who may configure them, and what a saved robot may do. A robot acts with the
 * permissions of its author, the user who saved it last, so every save (create, edit, copy,
 * switching on) makes the saving user the author and checks the robot against their permissions:
 * the stages it moves deals to, the people it names, the fields it reads and writes.
 */

export type Robot = typeof robots.$inferSelect;
export type RobotWithAuthor = Robot & { authorName: string | null; authorActive: boolean };

type StageFacts = { id: number; pipelineId: number; name: string };

const invalid = (fieldErrors: Record<string, MessageKey>) => new ActionError("invalid", "errors.invalid", undefined, fieldErrors);

/** A stage of the viewer's org; another org's stage answers as a missing one. */
async function stageOf(db: Db, orgId: number, stageId: number): Promise<StageFacts | null> {
  const [row] = await db.select({ id: stages.id, pipelineId: stages.pipelineId, name: stages.name }).from(stages).where(and(eq(stages.orgId, orgId), eq(stages.id, stageId)));
  return row ?? null;
}

function requireAutomation(viewer: Viewer, pipelineId: number): void {
  if (!mayConfigureAutomation(viewer, pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
}

/**
 * The robot, locked for the change (unless `lock` is false: the caller locks its stage's robots), if
 * it is the viewer's org's and the viewer may configure its pipeline.
 */
async function robotForChange(db: Db, viewer: Viewer, id: number, { lock = true } = {}): Promise<Robot> {
  const query = db.select().from(robots).where(and(eq(robots.orgId, viewer.orgId), eq(robots.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new ActionError("notFound", "automation.errors.robotGone");
  requireAutomation(viewer, row.pipelineId);
  return row;
}

/** Condition fields, date fields and field codes the author may name: standard ones, and the custom fields they may see. */
async function knownFields(db: Db, author: Viewer) {
  const custom = await getFieldDefinitions(db, author);
  return {
    custom: new Set(custom.map((f) => f.code)),
    customDates: new Set(custom.filter((f) => f.type === "date" || f.type === "datetime").map((f) => f.code)),
  };
}

function comparisonsOf(group: ConditionGroup): { field: string }[] {
  return group.items.flatMap((item) => ("op" in item ? comparisonsOf(item) : [item]));
}

/**
 * Refuses a robot its author may not save: each refusal on the form field that holds it.
 * `stage` is the stage whose entry fires the robot.
 */
async function checkRobot(db: Db, author: Viewer, stage: StageFacts, input: RobotInput): Promise<RobotInput> {
  requireAutomation(author, stage.pipelineId);
  const config = robotConfigs[input.kind].safeParse(input.config);
  const timing = timingSchema.safeParse(input.timing);
  const condition = input.condition ? conditionSchema.safeParse(input.condition) : null;
  if (!config.success || !timing.success || (condition && !condition.success)) throw new ActionError("invalid", "errors.invalid");
  const errors: Record<string, MessageKey> = {};
  if (levelAt(author, "READ", stage.pipelineId, stage.id) === "none") errors.stageId = "automation.errors.cannotReadStage";
  const fields = await knownFields(db, author);
  const hidesAmounts = amountsHidden(author, stage.pipelineId);
  const known = (key: string, standard: readonly string[], custom: Set<string>) => {
    const code = customCodeOf(key);
    return code !== null ? custom.has(code) : standard.includes(key);
  };

  await checkConfig(db, author, stage, input.kind, config.data, errors, (key) => known(key, settableStandardFields, fields.custom) && !(hidesAmounts && amountFields.includes(key)));
  checkPlaceholders(input.kind, config.data, [...fields.custom], errors);

  const t = timing.data;
  if (t.mode === "dateField" && !(t.field && known(t.field, standardDateFields, fields.customDates))) errors.dateField = "automation.errors.unknownField";
  comparisonsOf(condition?.data ?? { op: "and", items: [] }).forEach((comparison, i) => {
    if (!known(comparison.field, conditionStandardFields, fields.custom) || (hidesAmounts && amountFields.includes(comparison.field))) errors[`condField${i + 1}`] = "automation.errors.unknownField";
  });
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return { ...input, config: config.data as Record<string, unknown>, timing: t, condition: condition?.data ?? null };
}

/** Messages to the client name only placeholders that exist (standard ones, custom fields the author sees). */
function checkPlaceholders(kind: RobotKind, config: unknown, customCodes: string[], errors: Record<string, MessageKey>) {
  const texts: Record<string, string> =
    kind === "email" ? { subject: (config as RobotConfig<"email">).subject, body: (config as RobotConfig<"email">).body } : kind === "sms" ? { text: (config as RobotConfig<"sms">).text } : {};
  for (const [field, text] of Object.entries(texts)) if (unknownPlaceholders(text, customCodes).length > 0) errors[field] = "automation.errors.unknownPlaceholder";
}

/** The kind's own checks: stages it moves deals to, people it names, fields it sets, the address it calls. */
async function checkConfig(db: Db, author: Viewer, stage: StageFacts, kind: RobotKind, config: unknown, errors: Record<string, MessageKey>, settable: (key: string) => boolean) {
  const userField = kind === "setResponsible" || kind === "addObservers" ? "userIds" : "whoUserId";
  const userIds: number[] = [];
  switch (kind) {
    case "task":
    case "activity": {
      const { assignee } = config as RobotConfig<"task">;
      if (assignee.who === "user") userIds.push(assignee.userId);
      break;
    }
    case "notify": {
      const { target } = config as RobotConfig<"notify">;
      if (target.who === "user") userIds.push(target.userId);
      break;
    }
    case "setResponsible":
    case "addObservers":
      userIds.push(...(config as RobotConfig<"addObservers">).userIds);
      break;
    case "setStage":
    case "setPipeline": {
      const target = await stageOf(db, author.orgId, (config as RobotConfig<"setStage">).stageId);
      const samePipeline = target?.pipelineId === stage.pipelineId;
      if (!target) errors.targetStageId = "errors.unknownOption";
      else if (kind === "setStage" && !samePipeline) errors.targetStageId = "automation.errors.stageNotInPipeline";
      else if (kind === "setStage" && target.id === stage.id) errors.targetStageId = "automation.errors.sameStage";
      else if (kind === "setPipeline" && samePipeline) errors.targetStageId = "automation.errors.stageInSamePipeline";
      else if (!canMoveTo(author, target.pipelineId, target.id)) errors.targetStageId = "automation.errors.transitionForbidden";
      break;
    }
    case "setFields": {
      const codes = Object.keys((config as RobotConfig<"setFields">).values);
      codes.slice(0, SET_FIELD_ROWS).forEach((code, i) => {
        if (!settable(code)) errors[`setCode${i + 1}`] = "automation.errors.unknownField";
      });
      if (codes.length > SET_FIELD_ROWS) errors.setCode1 = "automation.errors.unknownField";
      break;
    }
    case "webhook":
      if (!isHttpUrl((config as RobotConfig<"webhook">).url)) errors.url = "automation.errors.badUrl";
      break;
  }
  if (userIds.length > 0) {
    try {
      await assertOrgIds(db, author.orgId, "users", userIds, userField);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      errors[userField] = "errors.unknownOption";
    }
  }
}

const asStored = (input: RobotInput) => ({
  name: input.name,
  kind: input.kind,
  config: input.config,
  timing: input.timing as Record<string, unknown>,
  condition: input.condition as Record<string, unknown> | null,
  keepOnLeave: input.keepOnLeave,
});

/** The next place at the end of a stage's robots. */
async function nextSort(db: Db, orgId: number, stageId: number): Promise<number> {
  const [row] = await db
    .select({ last: sql<number | null>`max(${robots.sort})` })
    .from(robots)
    .where(and(eq(robots.orgId, orgId), eq(robots.stageId, stageId)));
  return (row?.last ?? 0) + 10;
}

async function requireStage(db: Db, viewer: Viewer, stageId: number): Promise<StageFacts> {
  const stage = await stageOf(db, viewer.orgId, stageId);
  if (!stage) throw invalid({ stageId: "errors.unknownOption" });
  return stage;
}

/** A new robot at the end of the stage's robots, authored by the viewer. */
export async function createRobot(db: Db, viewer: Viewer, stageId: number, input: RobotInput): Promise<Robot> {
  const stage = await requireStage(db, viewer, stageId);
  const checked = await checkRobot(db, viewer, stage, input);
  const [row] = await db
    .insert(robots)
    .values({ orgId: viewer.orgId, pipelineId: stage.pipelineId, stageId: stage.id, sort: await nextSort(db, viewer.orgId, stage.id), ...asStored(checked), authorId: viewer.id })
    .returning();
  return row!;
}

/** Saves a robot's settings (its kind stays); the viewer becomes its author. */
export async function updateRobot(db: Db, viewer: Viewer, id: number, input: RobotInput): Promise<Robot> {
  const robot = await robotForChange(db, viewer, id);
  if (input.kind !== robot.kind) throw invalid({ kind: "errors.unknownOption" });
  const stage = (await stageOf(db, viewer.orgId, robot.stageId))!;
  const checked = await checkRobot(db, viewer, stage, input);
  const [row] = await db
    .update(robots)
    .set({ ...asStored(checked), authorId: viewer.id, updatedAt: sql`now()` })
    .where(eq(robots.id, id))
    .returning();
  return row!;
}

/** A copy at the end of a stage's robots (the same stage or another, in any pipeline the viewer configures), authored by the viewer. */
export async function copyRobot(db: Db, viewer: Viewer, id: number, toStageId: number): Promise<Robot> {
  const robot = await robotForChange(db, viewer, id);
  const stage = await requireStage(db, viewer, toStageId);
  const input: RobotInput = { name: robot.name, kind: robot.kind as RobotKind, config: robot.config, timing: robot.timing as RobotInput["timing"], condition: robot.condition as ConditionGroup | null, keepOnLeave: robot.keepOnLeave };
  const checked = await checkRobot(db, viewer, stage, input);
  const [row] = await db
    .insert(robots)
    .values({ orgId: viewer.orgId, pipelineId: stage.pipelineId, stageId: stage.id, sort: await nextSort(db, viewer.orgId, stage.id), ...asStored(checked), enabled: robot.enabled, authorId: viewer.id })
    .returning();
  return row!;
}

/** One place up or down among the stage's robots (their order is the order they run in). */
export async function moveRobot(db: Db, viewer: Viewer, id: number, direction: "up" | "down"): Promise<void> {
  // A robot never changes stage; its stage's robots are locked in id order, so two moves never deadlock.
  const robot = await robotForChange(db, viewer, id, { lock: false });
  const locked = await db
    .select({ id: robots.id, sort: robots.sort })
    .from(robots)
    .where(and(eq(robots.orgId, viewer.orgId), eq(robots.stageId, robot.stageId)))
    .orderBy(asc(robots.id))
    .for("update");
  const siblings = locked.sort((a, b) => a.sort - b.sort || a.id - b.id);
  const i = siblings.findIndex((r) => r.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= siblings.length) return;
  [siblings[i], siblings[j]] = [siblings[j]!, siblings[i]!];
  // A handful of rows per stage: renumbering them all keeps the order simple and gap-free.
  for (const [k, r] of siblings.entries()) await db.update(robots).set({ sort: (k + 1) * 10 }).where(eq(robots.id, r.id));
}

/**
 * Switches a robot off, or on again. Switching on is a save: the robot will act again, with the
 * permissions of the viewer, who becomes its author and is checked as on any save.
 */
export async function setRobotEnabled(db: Db, viewer: Viewer, id: number, enabled: boolean): Promise<void> {
  const robot = await robotForChange(db, viewer, id);
  if (!enabled) {
    await db.update(robots).set({ enabled: false, updatedAt: sql`now()` }).where(eq(robots.id, id));
    return;
  }
  const stage = (await stageOf(db, viewer.orgId, robot.stageId))!;
  await checkRobot(db, viewer, stage, { name: robot.name, kind: robot.kind as RobotKind, config: robot.config, timing: robot.timing as RobotInput["timing"], condition: robot.condition as ConditionGroup | null, keepOnLeave: robot.keepOnLeave });
  await db.update(robots).set({ enabled: true, authorId: viewer.id, updatedAt: sql`now()` }).where(eq(robots.id, id));
}

/** Deletes a robot; its runs stay in the log under the name they ran with. Returns its pipeline. */
export async function deleteRobot(db: Db, viewer: Viewer, id: number): Promise<number> {
  const robot = await robotForChange(db, viewer, id);
  await db.delete(robots).where(eq(robots.id, id));
  return robot.pipelineId;
}

const withAuthor = {
  robot: robots,
  authorName: users.name,
  authorActive: users.active,
};

/** A pipeline's robots in stage and run order, with their authors; none for a viewer who may not configure it. */
export async function listRobots(db: Db, viewer: Viewer, pipelineId: number): Promise<RobotWithAuthor[]> {
  if (!mayConfigureAutomation(viewer, pipelineId)) return [];
  const rows = await db
    .select(withAuthor)
    .from(robots)
    .leftJoin(users, eq(users.id, robots.authorId))
    .where(and(eq(robots.orgId, viewer.orgId), eq(robots.pipelineId, pipelineId)))
    .orderBy(asc(robots.stageId), asc(robots.sort), asc(robots.id));
  return rows.map((r) => ({ ...r.robot, authorName: r.authorName, authorActive: r.authorActive ?? false }));
}

/** One robot for its editor; null when it is not the viewer's org's or the viewer may not configure its pipeline. */
export async function getRobot(db: Db, viewer: Viewer, id: number): Promise<RobotWithAuthor | null> {
  const [row] = await db
    .select(withAuthor)
    .from(robots)
    .leftJoin(users, eq(users.id, robots.authorId))
    .where(and(eq(robots.orgId, viewer.orgId), eq(robots.id, id)));
  if (!row || !mayConfigureAutomation(viewer, row.robot.pipelineId)) return null;
  return { ...row.robot, authorName: row.authorName, authorActive: row.authorActive ?? false };
}

/** A stage a new robot may be added to: the viewer's org's, in a pipeline they configure; else null. */
export async function stageForNewRobot(db: Db, viewer: Viewer, stageId: number): Promise<(StageFacts & { pipelineName: string }) | null> {
  const [row] = await db
    .select({ id: stages.id, pipelineId: stages.pipelineId, name: stages.name, pipelineName: pipelines.name })
    .from(stages)
    .innerJoin(pipelines, eq(pipelines.id, stages.pipelineId))
    .where(and(eq(stages.orgId, viewer.orgId), eq(stages.id, stageId)));
  return row && mayConfigureAutomation(viewer, row.pipelineId) ? row : null;
}
