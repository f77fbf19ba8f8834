import "server-only";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationRuns, automationTriggers, deals, robots, stages, users, type AutomationRunStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { decodeCursor, encodeCursor } from "@/lib/deals/list/cursor";
import { dealScope, mayConfigureAutomation, type Viewer } from "@/lib/permissions";
import { retryRun } from "./runner";

/**
 * The execution log: robots' and triggers' runs, read through the permission rule, so a run is
 * shown only to who may read its deal (the deal card's Automation tab, Settings → Automation log).
 */

export const runStatuses = ["waiting", "pending", "running", "ran", "skipped", "failed", "cancelled"] as const satisfies readonly AutomationRunStatus[];

export function isRunStatus(value: unknown): value is AutomationRunStatus {
  return typeof value === "string" && (runStatuses as readonly string[]).includes(value);
}

export type RunEntry = {
  id: number;
  dealId: number;
  dealTitle: string;
  robotId: number | null;
  triggerId: number | null;
  name: string;
  kind: string;
  stageId: number;
  /** The pipeline of the stage whose robot ran (null if that stage is gone). */
  pipelineId: number | null;
  status: AutomationRunStatus;
  dueAt: Date | null;
  detail: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Who configured the robot or trigger (its author); null once it is deleted. */
  authorName: string | null;
};

const entryColumns = {
  id: automationRuns.id,
  dealId: automationRuns.dealId,
  dealTitle: deals.title,
  robotId: automationRuns.robotId,
  triggerId: automationRuns.triggerId,
  name: automationRuns.name,
  kind: automationRuns.kind,
  stageId: automationRuns.stageId,
  pipelineId: stages.pipelineId,
  status: automationRuns.status,
  dueAt: automationRuns.dueAt,
  detail: automationRuns.detail,
  createdAt: automationRuns.createdAt,
  finishedAt: automationRuns.finishedAt,
  authorName: users.name,
};

/** Runs joined to their deal under the viewer's READ scope, and to whoever configured them. */
function readableRuns(db: Db, viewer: Viewer, where: SQL | undefined) {
  return db
    .select(entryColumns)
    .from(automationRuns)
    .innerJoin(deals, and(eq(deals.id, automationRuns.dealId), dealScope(viewer, "READ")))
    .leftJoin(stages, eq(stages.id, automationRuns.stageId))
    .leftJoin(robots, eq(robots.id, automationRuns.robotId))
    .leftJoin(automationTriggers, eq(automationTriggers.id, automationRuns.triggerId))
    .leftJoin(users, eq(users.id, sql`coalesce(${robots.authorId}, ${automationTriggers.authorId})`))
    .where(and(eq(automationRuns.orgId, viewer.orgId), where));
}

export const DEAL_RUNS_LIMIT = 200;

/** A deal's runs, newest first (none when the viewer may not read the deal). */
export async function dealRuns(db: Db, viewer: Viewer, dealId: number, limit = DEAL_RUNS_LIMIT): Promise<RunEntry[]> {
  return readableRuns(db, viewer, eq(automationRuns.dealId, dealId)).orderBy(desc(automationRuns.id)).limit(limit);
}

export const LOG_PAGE_SIZE = 50;

export type RunPage = { entries: RunEntry[]; next: string | null };

/**
 * A page of a pipeline's runs (the runs of robots of its stages), newest first, optionally of one
 * status; `after` is the cursor of the previous page's "older" link (malformed: the first page).
 * For who may configure the pipeline's automation; deals they may not read are left out.
 */
export async function pipelineRuns(
  db: Db,
  viewer: Viewer,
  { pipelineId, status, after, limit = LOG_PAGE_SIZE }: { pipelineId: number; status: AutomationRunStatus | null; after: string | null; limit?: number },
): Promise<RunPage> {
  if (!mayConfigureAutomation(viewer, pipelineId)) return { entries: [], next: null };
  const cursor = decodeCursor(after, "int");
  const rows = await readableRuns(db, viewer, and(eq(stages.pipelineId, pipelineId), status ? eq(automationRuns.status, status) : undefined, cursor ? lt(automationRuns.id, cursor.id) : undefined))
    .orderBy(desc(automationRuns.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? encodeCursor({ value: String(last.id), id: last.id }) : null };
}

/** May the viewer retry this run (it failed, and they configure the automation of its pipeline)? */
export function mayRetry(viewer: Viewer, run: Pick<RunEntry, "status" | "pipelineId">): boolean {
  return run.status === "failed" && run.pipelineId !== null && mayConfigureAutomation(viewer, run.pipelineId);
}

/** A failed run once more, for who may read its deal and configure its pipeline's automation. */
export async function retryFailedRun(db: Db, viewer: Viewer, runId: number): Promise<void> {
  const [run] = await readableRuns(db, viewer, eq(automationRuns.id, runId));
  if (!run) throw new ActionError("notFound", "automation.errors.runGone");
  if (run.pipelineId === null || !mayConfigureAutomation(viewer, run.pipelineId)) throw new ActionError("forbidden", "errors.forbidden");
  if (!(await retryRun(db, viewer.orgId, runId))) throw new ActionError("invalid", "automation.errors.notFailed");
}
