import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { stages, users } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { addObservers, patchDeal } from "@/lib/deals/service";
import type { DealInput } from "@/lib/deals/form-schema";
import { dealShape } from "@/lib/deals/form-schema";
import { getCustomFields } from "@/lib/fields/queries";
import { fieldValueSchema, type StoredValue } from "@/lib/fields/values";
import { currencies, parseAmount } from "@/lib/money/money";
import { decimalSeparator } from "@/lib/i18n/format";
import { isLocale, translator, type Locale } from "@/lib/i18n/translate";
import type { Executor, RobotRun } from "./index";

async function stageName(db: Db, orgId: number, stageId: number): Promise<string> {
  const [stage] = await db.select({ name: stages.name }).from(stages).where(and(eq(stages.orgId, orgId), eq(stages.id, stageId)));
  if (!stage) throw new ActionError("invalid", "automationRun.stageGone");
  return stage.name;
}

async function moveTo(run: RobotRun, stageId: number): Promise<{ key: string; vars: Record<string, string> }> {
  const name = await stageName(run.db, run.author.orgId, stageId);
  const { changed } = await patchDeal(run.db, run.author, run.dealId, { stageId }, run.now);
  return { key: changed ? "automationRun.moved" : "automationRun.alreadyThere", vars: { stage: name } };
}

export const changeStage: Executor<"setStage"> = (config, run) => moveTo(run, config.stageId);
export const changePipeline: Executor<"setPipeline"> = (config, run) => moveTo(run, config.stageId);

/**
 * The next responsible: the one user; in turn among the users (by how many times this robot has
 * run); or whoever of them has the fewest deals in progress. Inactive users are passed over.
 */
async function pickResponsible(db: Db, run: RobotRun, mode: "user" | "roundRobin" | "leastLoaded", userIds: number[]): Promise<number> {
  const active = (await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, run.author.orgId), inArray(users.id, userIds), eq(users.active, true)))).map((u) => u.id);
  const candidates = userIds.filter((id) => active.includes(id));
  if (candidates.length === 0) throw new ActionError("invalid", "automationRun.employeeInactive");
  if (mode === "user" || candidates.length === 1) return candidates[0]!;
  if (mode === "roundRobin") {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from automation_runs where robot_id = ${run.robotId} and status = 'ran'`);
    return candidates[Number(row?.n ?? 0) % candidates.length]!;
  }
  const loads = await queryRows<{ id: number; n: number }>(db, sql`
    select u.id, (select count(*)::int from deals d where d.org_id = ${run.author.orgId} and d.assigned_by_id = u.id and d.stage_semantics = 'P') as n
    from unnest(${sql.raw(`array[${candidates.map(Number).join(",")}]`)}::int[]) as u(id)`);
  const least = Math.min(...loads.map((l) => Number(l.n)));
  return candidates.find((id) => loads.some((l) => Number(l.id) === id && Number(l.n) === least))!;
}

export const changeResponsible: Executor<"setResponsible"> = async (config, run) => {
  const userId = await pickResponsible(run.db, run, config.mode, config.userIds);
  const { changed } = await patchDeal(run.db, run.author, run.dealId, { assignedById: userId }, run.now);
  const [user] = await run.db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return { key: changed ? "automationRun.responsibleSet" : "automationRun.unchanged", vars: { user: user?.name ?? "" } };
};

export const addDealObservers: Executor<"addObservers"> = async (config, run) => {
  const { changed } = await addObservers(run.db, run.author, run.dealId, config.userIds, run.now);
  return { key: changed ? "automationRun.observersAdded" : "automationRun.unchanged" };
};

const standardFields = ["title", "amount", "probability", "sourceId", "typeId", "comments", "closeDate", "beginDate", "sourceDescription"] as const;
type StandardField = (typeof standardFields)[number];

/**
 * Standard fields parsed by the deal form's own schema, in the org's language (an amount as
 * "1.500.000" in Vietnamese); custom fields ("uf.CODE") by their field's schema. A value the
 * form would refuse fails the run with the form's message, naming the field.
 */
export const changeFields: Executor<"setFields"> = async (config, run) => {
  const locale: Locale = isLocale(run.org.locale) ? run.org.locale : "vi";
  const t = translator(locale);
  const shape = dealShape({ t, locale });
  const patch: Partial<DealInput> = {};
  const custom: Record<string, StoredValue | null> = {};
  const defs = Object.entries(config.values).some(([code]) => code.startsWith("uf.")) ? await getCustomFields(run.db, run.author.orgId) : [];
  const refuse = (field: string, message: string) => {
    throw new ActionError("invalid", "automationRun.badValue", { field, message });
  };
  for (const [code, value] of Object.entries(config.values)) {
    if (code.startsWith("uf.")) {
      const def = defs.find((d) => d.code === code.slice(3));
      if (!def) refuse(code, t("automationRun.fieldGone"));
      const parsed = fieldValueSchema(def!, { t, locale }, { enforceMandatory: false }).safeParse([value]);
      if (!parsed.success) refuse(def!.label, parsed.error.issues[0]?.message ?? "");
      custom[def!.code] = parsed.data ?? null;
      continue;
    }
    if (!standardFields.includes(code as StandardField)) refuse(code, t("automationRun.fieldGone"));
    if (code === "amount") {
      const currency = currencies.find((c) => c === run.deal.currency) ?? "VND";
      const amount = parseAmount(value, decimalSeparator(locale) as "." | ",", currency);
      if (!amount.ok) refuse(code, t(`errors.${amount.error}`, { example: "1.500.000", currency: String(run.deal.currency) }));
      else patch.amount = amount.amount;
      continue;
    }
    const parsed = shape[code as Exclude<StandardField, "amount">].safeParse(value);
    if (!parsed.success) refuse(code, parsed.error.issues[0]?.message ?? "");
    (patch as Record<string, unknown>)[code] = parsed.data;
  }
  if (Object.keys(custom).length) patch.custom = custom;
  const { changed } = await patchDeal(run.db, run.author, run.dealId, patch, run.now);
  return { key: changed ? "automationRun.fieldsChanged" : "automationRun.unchanged", vars: { fields: Object.keys(config.values).join(", ") } };
};
