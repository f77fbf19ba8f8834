import { currencies, isCurrency, parseAmount, type Currency } from "@/lib/money/money";
import { parseIds } from "@/lib/ids";
import { dealSources } from "../vocabulary";
import { filterParamName, parseCustomFilters, type CustomFilter } from "@/lib/fields/filters";

/** Everything a list view shows, as the URL carries it (shareable, back button, works without JavaScript). */
export type ListQuery = {
  q: string;
  pipeline: number | null;
  stages: number[];
  semantics: ("P" | "S" | "F")[];
  responsible: number[];
  /** Responsible is a member of this department or one below it (analytics' department filter). */
  department: number | null;
  company: number | null;
  contact: number | null;
  /** Has a product row of this catalogue product (analytics' best-selling products). */
  product: number | null;
  /** Has a product row of a catalogue product in this section (analytics' products by section). */
  section: number | null;
  amountFrom: string | null;
  amountTo: string | null;
  currency: Currency | null;
  sources: string[];
  createdFrom: string | null;
  createdTo: string | null;
  closeFrom: string | null;
  closeTo: string | null;
  /** Reached one of these stages (analytics' drill-down): got to it, or past it, between two days. */
  reached: number[];
  reachedFrom: string | null;
  reachedTo: string | null;
  /** Left one of these stages (its last time) between two days: analytics' cycle time. */
  left: number[];
  leftFrom: string | null;
  leftTo: string | null;
  overdue: boolean;
  pending: boolean;
  idle: boolean;
  incoming: boolean;
  modifiedByMe: boolean;
  /** Filters on custom fields (cf.CODE…), applied to the fields shown in the filter. */
  custom: CustomFilter[];
  sort: SortKey;
  dir: "asc" | "desc";
  size: PageSize;
  after: string | null;
  before: string | null;
  count: boolean;
};

export const sortKeys = ["createdAt", "updatedAt", "title", "amount", "beginDate", "closeDate", "probability", "id"] as const;
export type SortKey = (typeof sortKeys)[number];
export const pageSizes = [10, 20, 50, 100, 200] as const;
export type PageSize = (typeof pageSizes)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

/** A parameter's values; one holding a NUL (which no column can hold) reads as absent. */
function all(params: Params, key: string): string[] {
  const v = params instanceof URLSearchParams ? params.getAll(key) : params[key];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((text) => !text.includes("\u0000"));
}
const one = (params: Params, key: string) => all(params, key)[0] ?? "";
function entries(params: Params): [string, string][] {
  const list = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).flatMap(([key, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [key, x])));
  return list.filter(([key, value]) => !key.includes("\u0000") && !value.includes("\u0000"));
}
export const ids = (values: string[]) => parseIds(values, 200);
const id = (value: string) => ids([value])[0] ?? null;
/** A real calendar day PostgreSQL accepts: no 02-30, no year 0. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith("0000")) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
const date = (value: string) => (isCalendarDate(value) ? value : null);
const flag = (value: string) => value === "1" || value === "on" || value === "true";
const amount = (value: string) => {
  const parsed = parseAmount(value, ".", "USD");
  return value.trim() && parsed.ok ? parsed.amount : null;
};

/**
 * Reads a list query from URL parameters. Anything unknown or malformed is dropped, never an
 * error: a hand-edited URL shows a wider or empty list, not a 500.
 */
export function parseListQuery(params: Params): ListQuery {
  const sort = one(params, "sort");
  const size = Number(one(params, "size"));
  const currency = one(params, "currency");
  return {
    q: one(params, "q").slice(0, 200),
    pipeline: id(one(params, "pipeline")),
    stages: ids(all(params, "stage")),
    semantics: [...new Set(all(params, "semantics").flatMap((v) => v.split(",")))].filter((v): v is "P" | "S" | "F" => v === "P" || v === "S" || v === "F"),
    responsible: ids(all(params, "responsible")),
    department: id(one(params, "department")),
    company: id(one(params, "company")),
    contact: id(one(params, "contact")),
    product: id(one(params, "product")),
    section: id(one(params, "section")),
    amountFrom: amount(one(params, "amountFrom")),
    amountTo: amount(one(params, "amountTo")),
    currency: isCurrency(currency) ? currency : null,
    sources: all(params, "source").filter((s) => (dealSources as readonly string[]).includes(s)),
    createdFrom: date(one(params, "createdFrom")),
    createdTo: date(one(params, "createdTo")),
    closeFrom: date(one(params, "closeFrom")),
    closeTo: date(one(params, "closeTo")),
    reached: ids(all(params, "reached")),
    reachedFrom: date(one(params, "reachedFrom")),
    reachedTo: date(one(params, "reachedTo")),
    left: ids(all(params, "left")),
    leftFrom: date(one(params, "leftFrom")),
    leftTo: date(one(params, "leftTo")),
    overdue: flag(one(params, "overdue")),
    pending: flag(one(params, "pending")),
    idle: flag(one(params, "idle")),
    incoming: flag(one(params, "incoming")),
    modifiedByMe: flag(one(params, "modifiedByMe")),
    custom: parseCustomFilters(entries(params)),
    sort: (sortKeys as readonly string[]).includes(sort) ? (sort as SortKey) : "createdAt",
    dir: one(params, "dir") === "asc" ? "asc" : "desc",
    size: (pageSizes as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_PAGE_SIZE,
    after: one(params, "after").slice(0, 500) || null,
    before: one(params, "before").slice(0, 500) || null,
    count: flag(one(params, "count")),
  };
}

const defaults = parseListQuery({});

/** The URL parameters of a query, leaving out defaults; `changes` override fields (cursors reset unless given). */
/** How many filters are on: the distinct parameters that narrow the list (not order, size or position). */
export function activeFilterCount(query: ListQuery): number {
  const narrowing = [...listQueryParams(query).keys()].filter((key) => !["sort", "dir", "size"].includes(key));
  // A custom field's range counts once ("cf.X.from" and "cf.X.to").
  return new Set(narrowing.map((key) => key.replace(/\.(from|to)$/, ""))).size;
}

export function listQueryParams(query: ListQuery, changes: Partial<ListQuery> = {}): URLSearchParams {
  const q: ListQuery = { ...query, after: null, before: null, count: false, ...changes };
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | null | boolean) => {
    if (value === null || value === false || value === "") return;
    params.append(key, value === true ? "1" : String(value));
  };
  set("q", q.q);
  set("pipeline", q.pipeline);
  q.stages.forEach((v) => set("stage", v));
  q.semantics.forEach((v) => set("semantics", v));
  q.responsible.forEach((v) => set("responsible", v));
  set("department", q.department);
  set("company", q.company);
  set("contact", q.contact);
  set("product", q.product);
  set("section", q.section);
  set("amountFrom", q.amountFrom);
  set("amountTo", q.amountTo);
  set("currency", q.currency);
  q.sources.forEach((v) => set("source", v));
  set("createdFrom", q.createdFrom);
  set("createdTo", q.createdTo);
  set("closeFrom", q.closeFrom);
  set("closeTo", q.closeTo);
  q.reached.forEach((v) => set("reached", v));
  set("reachedFrom", q.reachedFrom);
  set("reachedTo", q.reachedTo);
  q.left.forEach((v) => set("left", v));
  set("leftFrom", q.leftFrom);
  set("leftTo", q.leftTo);
  set("overdue", q.overdue);
  set("pending", q.pending);
  set("idle", q.idle);
  set("incoming", q.incoming);
  set("modifiedByMe", q.modifiedByMe);
  q.custom.forEach((f) => set(filterParamName(f), f.value));
  if (q.sort !== defaults.sort) set("sort", q.sort);
  if (q.dir !== defaults.dir) set("dir", q.dir);
  if (q.size !== defaults.size) set("size", q.size);
  set("after", q.after);
  set("before", q.before);
  set("count", q.count);
  return params;
}

/** The filter part of a query only: what "all rows matching the filter" and exports re-apply. */
export function filterOnly(query: ListQuery): ListQuery {
  return { ...query, after: null, before: null, count: false };
}

export { currencies };

/**
 * Where any of the viewer's pipelines hides amounts, neither sorting nor filtering by amount is
 * offered: cursors would carry amounts and range filters would narrow them down.
 */
export function withoutAmounts(query: ListQuery): ListQuery {
  return { ...query, sort: query.sort === "amount" ? "createdAt" : query.sort, amountFrom: null, amountTo: null, after: query.sort === "amount" ? null : query.after, before: query.sort === "amount" ? null : query.before };
}
