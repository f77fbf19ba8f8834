import "server-only";
import { dealsWithPayments } from "@/lib/documents/deal-guard";
import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dealContacts, dealEvents, dealObservers, deals, orgs, stages, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { addDays, todayIn } from "@/lib/i18n/format";
import type { MessageKey } from "@/lib/i18n/translate";
import { normalizeAmount } from "@/lib/money/money";
import { amountsHidden, can, canMoveTo, type DealAccessFacts, type Viewer } from "@/lib/permissions";
import { diffDeal, type TrackedValues } from "./changes";
import type { DealInput } from "./form-schema";
import { announceDealChange } from "@/lib/live/deal-changes";
import { topPosition } from "@/lib/board/placement";
import { refreshSearchText } from "./search-text";
import { assertRequiredFilled } from "./required/service";
import { isMissing } from "./required/rule";
import { DEFAULT_CLOSE_AFTER_DAYS } from "./vocabulary";
import { diffCustom, mergeCustom } from "@/lib/fields/changes";
import { getCustomFields, mayView, toDefinition } from "@/lib/fields/queries";
import { assertCustomReferences, bindFiles } from "@/lib/fields/references";
import { dateTimeFormat } from "@/lib/i18n/intl-cache";
import { recordFirstStage, recordStageChange, stageColumns, type StageRow } from "./stage-change";
import { timeAfterLock } from "./locks";
import { assertOrgIds, type OrgTable } from "@/lib/org/references";
import { onDealsChanged } from "@/lib/automation/triggers/detect";

/**
 * The deal's custom values after this input, with the fields' visibility and the records they
 * point to checked; `bind` then binds new files to the deal once it is written.
 */
async function customAfter(db: Db, viewer: Viewer, dealId: number | null, before: Record<string, unknown>, sent: DealInput["custom"]) {
  if (!sent || Object.keys(sent).length === 0) return { custom: before, bind: async () => undefined };
  const fields = await getCustomFields(db, viewer.orgId);
  const known = new Map(fields.map((f) => [f.code, f]));
  for (const code of Object.keys(sent)) {
    const field = known.get(code);
    if (!field) throw new ActionError("invalid", "errors.unknownOption");
    if (!mayView(field, viewer)) throw new ActionError("forbidden", "errors.forbidden");
  }
  const defs = fields.map(toDefinition);
  await assertCustomReferences(db, viewer, defs, sent, { dealId, before });
  const custom = mergeCustom(before, sent);
  return { custom, bind: (id: number) => bindFiles(db, viewer.orgId, id, defs, custom) };
}

/**
 * Writing deals: create, update, delete. Every caller (forms, board, bulk, import, REST) goes
 * through here, so the permission rule, the history and the stage history are never skipped.
 * Run it inside a transaction: it writes several rows that stand or fall together.
 */

export type { StageRow };

/** `keepAssignedById`: the deal's current responsible, accepted even if no longer active. */
async function checkReferences(db: Db, orgId: number, input: DealInput, keepAssignedById?: number): Promise<StageRow> {
  const errors: Record<string, MessageKey> = {};
  const [stage] = await db
    .select({ id: stages.id, pipelineId: stages.pipelineId, semantics: stages.semantics, name: stages.name })
    .from(stages)
    .where(and(eq(stages.orgId, orgId), eq(stages.id, input.stageId)));
  if (!stage) errors.stageId = "errors.unknownOption";
  // Every field's ids against the org, each refusal on its own field.
  const checks: [OrgTable, number[], string][] = [
    ["users", input.assignedById !== null && input.assignedById !== keepAssignedById ? [input.assignedById] : [], "assignedById"],
    ["companies", input.companyId !== null ? [input.companyId] : [], "companyId"],
    ["contacts", input.contactIds, "contactIds"],
  ];
  for (const [table, ids, field] of checks) {
    await assertOrgIds(db, orgId, table, ids, field).catch((error: unknown) => {
      if (!(error instanceof ActionError)) throw error;
      errors[field] = "errors.unknownOption";
    });
  }
  if (!stage || Object.keys(errors).length > 0) throw new ActionError("invalid", "errors.invalid", undefined, errors);
  return stage;
}


async function orgToday(db: Db, orgId: number): Promise<string> {
  const [org] = await db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, orgId));
  return todayIn(org?.timezone ?? "UTC");
}

/** The columns a create and an update both take from the form and the chosen stage. */
function formColumns(input: DealInput) {
  return {
    probability: input.probability,
    companyId: input.companyId,
    opened: input.opened,
    sourceId: input.sourceId,
    sourceDescription: input.sourceDescription,
    typeId: input.typeId,
    comments: input.comments,
  };
}

async function linkContacts(db: Db, orgId: number, dealId: number, contactIds: number[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db.insert(dealContacts).values(contactIds.map((contactId, sort) => ({ orgId, dealId, contactId, sort, isPrimary: sort === 0 })));
}

/**
 * `placeLater`: the caller puts the deal in its board column itself (placeAtTop, for many deals
 * at once) instead of taking the column's lock now and holding it to its commit.
 */
export type CreateOptions = { defaultTitle?: (id: number) => string; now?: Date; placeLater?: boolean };

/** May the viewer add this deal (its stage, responsible and openness)? What a form checks before it stores uploads, and createDeal first. */
export async function assertMayCreate(db: Db, viewer: Viewer, input: DealInput): Promise<StageRow> {
  const stage = await checkReferences(db, viewer.orgId, input);
  const assignedById = input.assignedById ?? viewer.id;
  if (!can(viewer, "ADD", { orgId: viewer.orgId, pipelineId: stage.pipelineId, stageId: stage.id, assignedById, opened: input.opened })) {
    throw new ActionError("forbidden", "errors.forbidden");
  }
  return stage;
}

export async function createDeal(db: Db, viewer: Viewer, input: DealInput, options: CreateOptions = {}): Promise<number> {
  const stage = await assertMayCreate(db, viewer, input);
  const assignedById = input.assignedById ?? viewer.id;
  const { custom, bind } = await customAfter(db, viewer, null, {}, input.custom);
  await assertRequiredFilled(db, viewer.orgId, stage, { ...input, custom }, undefined, amountsHidden(viewer, stage.pipelineId) ? ["amount"] : []);
  const now = options.now ?? new Date();
  const today = await orgToday(db, viewer.orgId);
  const boardPosition = options.placeLater ? "a0" : await topPosition(db, viewer.orgId, stage.id);
  const beginDate = input.beginDate ?? today;
  const [row] = await db
    .insert(deals)
    .values({
      ...formColumns(input),
      ...stageColumns(stage),
      amount: input.amount ?? "0",
      currency: input.currency,
      orgId: viewer.orgId,
      title: input.title ?? "",
      boardPosition,
      assignedById,
      custom,
      beginDate,
      closeDate: input.closeDate ?? addDays(beginDate > today ? beginDate : today, DEFAULT_CLOSE_AFTER_DAYS),
      createdAt: now,
      updatedAt: now,
      movedAt: now,
      createdById: viewer.id,
      modifiedById: viewer.id,
      movedById: viewer.id,
    })
    .returning({ id: deals.id });
  const id = row!.id;
  if (!input.title) {
    await db.update(deals).set({ title: (options.defaultTitle ?? ((n) => `Deal #${n}`))(id) }).where(eq(deals.id, id));
  }
  await linkContacts(db, viewer.orgId, id, input.contactIds);
  await bind(id);
  await refreshSearchText(db, viewer.orgId, [id]);
  await recordFirstStage(db, viewer, id, stage, now);
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: id, kind: "created", userId: viewer.id, at: now });
  return id;
}

/** Locks a deal the viewer may change (UPDATE): what writes on a deal (fields, activities, comments, products) start with. */
export async function lockDealForUpdate(db: Db, viewer: Viewer, id: number) {
  return (await lockDealsForUpdate(db, viewer, [id]))[0]!;
}

/** Many deals at once, in the given order; the first one the viewer may not change refuses them all. */
export async function lockDealsForUpdate(db: Db, viewer: Viewer, ids: readonly number[]) {
  const locked = await lockDeals(db, viewer, ids);
  if (locked.some((deal) => !can(viewer, "UPDATE", deal))) throw new ActionError("forbidden", "errors.forbidden");
  return locked;
}

/**
 * Locks the deal row for the rest of the transaction (step 1 of the lock order, lib/deals/locks.ts);
 * a deal the viewer may not read is "not found".
 */
export async function lockDeal(db: Db, viewer: Viewer, id: number) {
  return (await lockDeals(db, viewer, [id]))[0]!;
}

/** Locks deals in ascending id order (the lock order) and returns them in the given order; any one unreadable is "not found". */
export async function lockDeals(db: Db, viewer: Viewer, ids: readonly number[]) {
  const found = await lockDealRowsWithObservers(db, viewer.orgId, ids);
  return ids.map((id) => {
    const facts = found.get(id);
    if (!facts || !can(viewer, "READ", facts)) throw new ActionError("notFound", "errors.notFound");
    return facts;
  });
}

/**
 * The deals' rows, locked in ascending id (the lock order), with their observers in the same round
 * trip (a subquery in the select list locks no observer row). No rule applied: the caller decides
 * each deal by it (lockDeals; a bulk move, which reports each refusal).
 */
export async function lockDealRowsWithObservers(db: Db, orgId: number, ids: readonly number[]): Promise<Map<number, typeof deals.$inferSelect & { observerIds: number[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ ...getTableColumns(deals), observerIds: sql<number[]>`array(select o.user_id from ${dealObservers} o where o.deal_id = ${deals.id})` })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, [...new Set(ids)])))
    .orderBy(asc(deals.id))
    .for("update");
  return new Map(rows.map((row) => [row.id, { ...row, observerIds: row.observerIds.map(Number) }]));
}

export async function refuseStale(db: Db, deal: { orgId: number; modifiedById: number | null; updatedAt: Date }): Promise<never> {
  const [who] = deal.modifiedById ? await db.select({ name: users.name }).from(users).where(eq(users.id, deal.modifiedById)) : [];
  const [org] = await db.select({ timezone: orgs.timezone }).from(orgs).where(eq(orgs.id, deal.orgId));
  const time = dateTimeFormat("en-CA", { timeZone: org?.timezone ?? "UTC", dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(deal.updatedAt);
  throw new ActionError("stale", "errors.stale", { name: who?.name ?? "?", time });
}

/** The transition rule and the viewer's UPDATE level at the target stage, for any stage change. */
export function assertMayEnter(viewer: Viewer, deal: DealAccessFacts, stage: StageRow): void {
  if (!canMoveTo(viewer, stage.pipelineId, stage.id)) throw new ActionError("forbidden", "errors.transitionForbidden", { stage: stage.name });
  if (!can(viewer, "UPDATE", { ...deal, pipelineId: stage.pipelineId, stageId: stage.id })) throw new ActionError("forbidden", "errors.stageForbidden", { stage: stage.name });
}

/** `at`: the change's time (tests); by default the time after the deal's lock (timeAfterLock). */
export async function updateDeal(db: Db, viewer: Viewer, id: number, version: number, input: DealInput, at?: Date): Promise<{ changed: boolean }> {
  return updateLockedDeal(db, viewer, await lockDeal(db, viewer, id), null, version, input, at);
}

/** The edit of a deal this transaction has locked (`contactIds`: its links, when the caller has read them). */
async function updateLockedDeal(db: Db, viewer: Viewer, deal: Awaited<ReturnType<typeof lockDeal>>, contactIds: number[] | null, version: number, input: DealInput, at?: Date): Promise<{ changed: boolean }> {
  if (!can(viewer, "UPDATE", deal)) throw new ActionError("forbidden", "errors.forbidden");
  const id = deal.id;
  const now = at ?? timeAfterLock(deal);
  if (deal.version !== version) await refuseStale(db, deal);
  const stage = await checkReferences(db, viewer.orgId, input, deal.assignedById);
  if (stage.id !== deal.stageId) assertMayEnter(viewer, deal, stage);
  // Handing a deal to someone else or hiding it from others needs more than "it is open to
  // everyone": the viewer's level must admit the deal as if it were not open.
  const reassigning = (input.assignedById !== null && input.assignedById !== deal.assignedById) || input.opened !== deal.opened;
  if (reassigning && !can(viewer, "UPDATE", { ...deal, opened: false })) throw new ActionError("forbidden", "errors.takeOverForbidden");
  // An amount the viewer may not see (or did not send) is kept as it is.
  const keepAmount = input.amount === null || amountsHidden(viewer, deal.pipelineId) || amountsHidden(viewer, stage.pipelineId);
  const amount = keepAmount ? normalizeAmount(deal.amount) : input.amount!;
  const currency = keepAmount ? deal.currency : input.currency;
  const current = contactIds ?? (await db.select({ id: dealContacts.contactId }).from(dealContacts).where(eq(dealContacts.dealId, id)).orderBy(dealContacts.sort)).map((c) => c.id);

  const before: TrackedValues = { ...deal, amount: normalizeAmount(deal.amount), contactIds: current };
  const after: TrackedValues = {
    ...input,
    amount,
    currency,
    title: input.title ?? deal.title,
    pipelineId: stage.pipelineId,
    assignedById: input.assignedById ?? deal.assignedById,
    beginDate: input.beginDate ?? deal.beginDate,
    closeDate: input.closeDate ?? deal.closeDate,
  };
  const { custom, bind } = await customAfter(db, viewer, id, deal.custom, input.custom);
  const changes = [...diffDeal(before, after), ...diffCustom(deal.custom, custom)];
  if (changes.length === 0) return { changed: false };

  const stageChanged = stage.id !== deal.stageId;
  // Entering a stage needs all it requires; staying in it, a required field may not be emptied.
  const beforeValues = { ...deal, amount: before.amount as string, contactIds: before.contactIds as number[] };
  await assertRequiredFilled(db, viewer.orgId, stage, { ...input, amount, custom }, stageChanged ? undefined : (field) => !isMissing(field, beforeValues), amountsHidden(viewer, deal.pipelineId) || amountsHidden(viewer, stage.pipelineId) ? ["amount"] : []);
  const columns = {
    ...formColumns(input),
    amount,
    currency,
    title: after.title as string,
    assignedById: after.assignedById as number,
    beginDate: after.beginDate as string,
    closeDate: after.closeDate as string,
    custom,
    updatedAt: now,
    modifiedById: viewer.id,
    version: deal.version + 1,
  };
  // The row is locked: one write. A deal moved by a form lands at the top of its new column.
  if (stageChanged) await recordStageChange(db, viewer, deal, stage, now, { alsoSet: columns });
  else await db.update(deals).set(columns).where(eq(deals.id, id));

  await bind(id);
  if (changes.some((c) => c.field === "contactIds")) {
    await db.delete(dealContacts).where(eq(dealContacts.dealId, id));
    await linkContacts(db, viewer.orgId, id, input.contactIds);
  }
  if (changes.some((c) => ["title", "companyId", "contactIds", "comments"].includes(c.field))) await refreshSearchText(db, viewer.orgId, [id]);
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: id, kind: "updated", changes, userId: viewer.id, at: now });
  await onDealsChanged(db, viewer.orgId, [{ id, stageId: stage.id, changes }]);
  // A stage change announced itself; any other change is news to the deal's column too.
  if (!stageChanged) await announceDealChange(db, viewer.orgId, [deal.stageId]);
  return { changed: true };
}

export async function deleteDeal(db: Db, viewer: Viewer, id: number, version?: number, now = new Date()): Promise<void> {
  const deal = await lockDeal(db, viewer, id);
  if (!can(viewer, "DELETE", deal)) throw new ActionError("forbidden", "errors.forbidden");
  if (version !== undefined && deal.version !== version) await refuseStale(db, deal);
  if ((await dealsWithPayments(db, viewer.orgId, [id])).length) throw new ActionError("invalid", "documents.errors.dealHasPayments");
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: id, kind: "deleted", changes: [{ field: "title", old: deal.title, new: null }], userId: viewer.id, at: now });
  await db.delete(deals).where(eq(deals.id, id));
  await announceDealChange(db, viewer.orgId, [deal.stageId]);
}

/**
 * The form input that reproduces a deal as it is (amount left as it is: null), to change a few
 * fields of it. The deal is locked and must be readable first: anything a caller then says about
 * it (another pipeline, nothing to change) cannot tell a deal the viewer may not read from one
 * that does not exist.
 */
export async function currentInput(db: Db, viewer: Viewer, id: number): Promise<{ input: DealInput; version: number; deal: Awaited<ReturnType<typeof lockDeal>> }> {
  const deal = await lockDeal(db, viewer, id);
  const links = await db.select({ id: dealContacts.contactId }).from(dealContacts).where(eq(dealContacts.dealId, id)).orderBy(dealContacts.sort);
  const input: DealInput = {
    title: deal.title,
    stageId: deal.stageId,
    amount: null,
    currency: deal.currency as DealInput["currency"],
    probability: deal.probability,
    assignedById: deal.assignedById,
    companyId: deal.companyId,
    contactIds: links.map((l) => l.id),
    beginDate: deal.beginDate,
    closeDate: deal.closeDate,
    opened: deal.opened,
    sourceId: deal.sourceId,
    sourceDescription: deal.sourceDescription,
    typeId: deal.typeId,
    comments: deal.comments,
  };
  return { input, version: deal.version, deal };
}

/** Changes some fields of a deal through the same checks and history as a full edit. */
export async function patchDeal(db: Db, viewer: Viewer, id: number, patch: Partial<DealInput>, at?: Date): Promise<{ changed: boolean }> {
  const { input, version, deal } = await currentInput(db, viewer, id);
  return updateLockedDeal(db, viewer, deal, input.contactIds, version, { ...input, ...patch }, at);
}

/** Adds observers (who may then read the deal); recorded in the history. */
export async function addObservers(db: Db, viewer: Viewer, id: number, userIds: number[], now = new Date()): Promise<{ changed: boolean }> {
  const deal = await lockDealForUpdate(db, viewer, id);
  await assertOrgIds(db, viewer.orgId, "users", userIds, "observerIds", { activeUsersOnly: false });
  const before = deal.observerIds;
  const added = [...new Set(userIds)].filter((u) => !before.includes(u));
  if (added.length === 0) return { changed: false };
  await db.insert(dealObservers).values(added.map((userId) => ({ orgId: viewer.orgId, dealId: id, userId })));
  await db.insert(dealEvents).values({ orgId: viewer.orgId, dealId: id, kind: "updated", changes: [{ field: "observerIds", old: before, new: [...before, ...added] }], userId: viewer.id, at: now });
  return { changed: true };
}
