import { ids, isCalendarDate } from "@/lib/deals/list/url-state";
import { customPeriod, periodPresets, presetPeriod, type Period, type PeriodPreset } from "./period";

/** An analytics page's filters, as the URL carries them (shareable, and the form works without JavaScript). */
export type AnalyticsQuery = {
  preset: PeriodPreset;
  /** A custom period's first and last day (inclusive), as typed. */
  from: string | null;
  to: string | null;
  compare: boolean;
  pipeline: number | null;
  department: number | null;
  responsible: number[];
  /** How finely the revenue report cuts the period; "auto" picks by its length. */
  grain: GrainChoice;
};

export const grainChoices = ["auto", "day", "week", "month"] as const;
export type GrainChoice = (typeof grainChoices)[number];

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, key: string): string[] {
  const v = params instanceof URLSearchParams ? params.getAll(key) : params[key];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((text) => !text.includes("\u0000"));
}
const one = (params: Params, key: string) => all(params, key)[0] ?? "";
const day = (value: string) => (isCalendarDate(value) ? value : null);

/** Unknown or malformed values are dropped: a hand-edited URL shows this month, not an error. */
export function parseAnalyticsQuery(params: Params): AnalyticsQuery {
  const preset = one(params, "period");
  const from = day(one(params, "from"));
  const to = day(one(params, "to"));
  const custom = from !== null && to !== null;
  return {
    preset: (periodPresets as readonly string[]).includes(preset) && (preset !== "custom" || custom) ? (preset as PeriodPreset) : custom ? "custom" : "month",
    from,
    to,
    compare: ["1", "on", "true"].includes(one(params, "compare")),
    pipeline: ids([one(params, "pipeline")])[0] ?? null,
    department: ids([one(params, "department")])[0] ?? null,
    responsible: ids(all(params, "responsible")),
    grain: (grainChoices as readonly string[]).includes(one(params, "grain")) ? (one(params, "grain") as GrainChoice) : "auto",
  };
}

export function analyticsQueryParams(query: AnalyticsQuery, changes: Partial<AnalyticsQuery> = {}): URLSearchParams {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.preset !== "month") params.set("period", q.preset);
  if (q.preset === "custom" && q.from && q.to) {
    params.set("from", q.from);
    params.set("to", q.to);
  }
  if (q.compare) params.set("compare", "1");
  if (q.pipeline) params.set("pipeline", String(q.pipeline));
  if (q.department) params.set("department", String(q.department));
  for (const id of q.responsible) params.append("responsible", String(id));
  if (q.grain !== "auto") params.set("grain", q.grain);
  return params;
}

/** The period the query names, on a given day in the org's zone. */
export function queryPeriod(query: AnalyticsQuery, today: string): Period {
  if (query.preset === "custom" && query.from && query.to) return customPeriod(query.from, query.to) ?? presetPeriod("month", today);
  return presetPeriod(query.preset === "custom" ? "month" : query.preset, today);
}
