import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, contacts, departments, pipelines, products, productSections, stages, users } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/translate";
import { levelAt, type Viewer } from "@/lib/permissions";
import type { FilterContext } from "./sql";
import type { ListQuery } from "./url-state";
import { contactName } from "@/lib/clients/contact-name";

/** An applied filter as the list shows it above the rows: what it is, and the query without it. */
export type FilterChip = { label: string; without: Partial<ListQuery> };

type Names = Map<string, string>;
const key = (kind: string, id: number) => `${kind}:${id}`;

/**
 * The names the chips show, read only for the ids the query holds, and only what the viewer may
 * see anyway: a pipeline or stage whose deals they may read in no stage stays "#id", so a
 * hand-made URL names nothing the pipeline settings would not. (Users, departments, companies,
 * contacts and the catalogue are the org's, listed on the deal form to everyone who adds deals.)
 */
async function namesOf(db: Db, viewer: Viewer, query: ListQuery): Promise<Names> {
  const names: Names = new Map();
  const orgId = viewer.orgId;
  const stageIds = [...query.stages, ...query.reached, ...query.left];
  const userIds = query.responsible;
  const reads: Promise<void>[] = [];
  const read = <T extends { id: number; name: string | null }>(kind: string, rows: Promise<T[]>) =>
    reads.push(rows.then((found) => found.forEach((row) => names.set(key(kind, row.id), row.name ?? ""))));
  if (stageIds.length || query.pipeline) {
    const pipelineStages = query.pipeline ? eq(stages.pipelineId, query.pipeline) : undefined;
    const listedStages = stageIds.length ? inArray(stages.id, stageIds) : undefined;
    reads.push(
      db
        .select({ id: stages.id, name: stages.name, pipelineId: stages.pipelineId, pipelineName: pipelines.name })
        .from(stages)
        .innerJoin(pipelines, eq(pipelines.id, stages.pipelineId))
        .where(and(eq(stages.orgId, orgId), or(pipelineStages, listedStages)))
        .then((rows) => {
          for (const row of rows) {
            if (levelAt(viewer, "READ", row.pipelineId, row.id) === "none") continue;
            names.set(key("stage", row.id), row.name);
            names.set(key("pipeline", row.pipelineId), row.pipelineName);
          }
        }),
    );
  }
  if (userIds.length) read("user", db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, userIds))));
  if (query.department) read("department", db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, query.department))));
  if (query.company) read("company", db.select({ id: companies.id, name: companies.title }).from(companies).where(and(eq(companies.orgId, orgId), eq(companies.id, query.company))));
  if (query.contact) {
    reads.push(
      db
        .select({ id: contacts.id, name: contacts.name, lastName: contacts.lastName })
        .from(contacts)
        .where(and(eq(contacts.orgId, orgId), eq(contacts.id, query.contact)))
        .then((rows) => rows.forEach((c) => names.set(key("contact", c.id), contactName(c)))),
    );
  }
  if (query.product) read("product", db.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.orgId, orgId), eq(products.id, query.product))));
  if (query.section) read("section", db.select({ id: productSections.id, name: productSections.name }).from(productSections).where(and(eq(productSections.orgId, orgId), eq(productSections.id, query.section))));
  await Promise.all(reads);
  return names;
}

/** One chip per applied filter (one per value of a multi-valued one), in the filter form's order. */
export async function filterChips(db: Db, viewer: Viewer & { org: { baseCurrency: string } }, query: ListQuery, context: FilterContext, t: Translate, locale: Locale): Promise<FilterChip[]> {
  const names = await namesOf(db, viewer, query);
  const name = (kind: string, id: number) => names.get(key(kind, id)) || `#${id}`;
  const chips: FilterChip[] = [];
  const add = (label: MessageKey, value: string, without: Partial<ListQuery>) => chips.push({ label: `${t(label)}: ${value}`, without });
  const day = (value: string) => formatDate(value, locale);
  if (query.q) add("list.search", `“${query.q}”`, { q: "" });
  if (query.pipeline) add("deals.fields.pipeline", name("pipeline", query.pipeline), { pipeline: null });
  for (const id of query.stages) add("deals.fields.stage", name("stage", id), { stages: query.stages.filter((s) => s !== id) });
  for (const s of query.semantics) add("list.semantics", t(`deals.semantics.${s}`), { semantics: query.semantics.filter((x) => x !== s) });
  for (const id of query.responsible) add("deals.fields.responsible", name("user", id), { responsible: query.responsible.filter((r) => r !== id) });
  if (query.department) add("analytics.department", name("department", query.department), { department: null });
  if (query.company) add("deals.fields.company", name("company", query.company), { company: null });
  if (query.contact) add("deals.fields.contacts", name("contact", query.contact), { contact: null });
  if (query.product) add("deals.fields.product", name("product", query.product), { product: null });
  if (query.section) add("products.section", name("section", query.section), { section: null });
  // Amount ranges are in the chosen currency, else in the base currency (lib/deals/list/sql.ts).
  const rangeCurrency = query.currency ?? viewer.org.baseCurrency;
  if (query.amountFrom) add("list.amountFrom", formatMoney(query.amountFrom, rangeCurrency, locale), { amountFrom: null });
  if (query.amountTo) add("list.amountTo", formatMoney(query.amountTo, rangeCurrency, locale), { amountTo: null });
  if (query.currency) add("deals.fields.currency", query.currency, { currency: null });
  for (const s of query.sources) add("deals.fields.source", t(`deals.sources.${s}` as MessageKey), { sources: query.sources.filter((x) => x !== s) });
  if (query.createdFrom) add("list.createdFrom", day(query.createdFrom), { createdFrom: null });
  if (query.createdTo) add("list.createdTo", day(query.createdTo), { createdTo: null });
  if (query.closeFrom) add("list.closeFrom", day(query.closeFrom), { closeFrom: null });
  if (query.closeTo) add("list.closeTo", day(query.closeTo), { closeTo: null });
  for (const id of query.reached) add("list.reached", name("stage", id), { reached: query.reached.filter((x) => x !== id) });
  if (query.reachedFrom) add("list.reachedFrom", day(query.reachedFrom), { reachedFrom: null });
  if (query.reachedTo) add("list.reachedTo", day(query.reachedTo), { reachedTo: null });
  for (const id of query.left) add("list.left", name("stage", id), { left: query.left.filter((x) => x !== id) });
  if (query.leftFrom) add("list.leftFrom", day(query.leftFrom), { leftFrom: null });
  if (query.leftTo) add("list.leftTo", day(query.leftTo), { leftTo: null });
  const flags = [
    ["overdue", "list.overdue"],
    ["pending", "counters.pending"],
    ["idle", "list.idle"],
    ["incoming", "counters.incoming"],
    ["modifiedByMe", "list.modifiedByMe"],
  ] as const;
  for (const [flag, label] of flags) if (query[flag]) chips.push({ label: t(label), without: { [flag]: false } });
  for (const filter of query.custom) {
    // Only the fields this viewer may filter by are applied; others are not shown as if they were.
    const field = context.fields.find((f) => f.code === filter.code);
    if (!field) continue;
    const op = filter.op === "from" ? " ≥" : filter.op === "to" ? " ≤" : "";
    chips.push({ label: `${field.label}${op}: ${filter.value}`, without: { custom: query.custom.filter((f) => f !== filter) } });
  }
  return chips;
}
