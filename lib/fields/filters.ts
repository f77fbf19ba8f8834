import "server-only";
import { parseId } from "@/lib/ids";
import { sql, type SQL } from "drizzle-orm";
import { deals } from "@/db/schema";
import { parseDecimal } from "@/lib/money/money";
import { likePattern, searchable } from "@/lib/search/normalize";
import { foldedSql } from "@/lib/search/sql-fold";
import { CODE_PATTERN } from "./code";
import type { FieldDefinition } from "./values";

/**
 * A list filter on a custom field, as the URL carries it: cf.CODE=value (equals; text: contains),
 * cf.CODE.from / cf.CODE.to (numbers, money, dates). Read without the definitions; applied only to
 * fields marked "show in filter", with values checked against the field's type (a bad one is ignored).
 */
export type CustomFilter = { code: string; op: "eq" | "from" | "to"; value: string };

const KEY = /^cf\.(UF_CRM_[A-Z0-9_]{1,43})(?:\.(from|to))?$/;
export const CUSTOM_FILTERS_MAX = 20;

export function parseCustomFilters(entries: Iterable<[string, string]>): CustomFilter[] {
  const filters: CustomFilter[] = [];
  for (const [key, value] of entries) {
    const match = KEY.exec(key);
    if (!match || !CODE_PATTERN.test(match[1]!) || !value.trim() || value.length > 200) continue;
    filters.push({ code: match[1]!, op: (match[2] as "from" | "to" | undefined) ?? "eq", value: value.trim() });
    if (filters.length >= CUSTOM_FILTERS_MAX) break;
  }
  return filters;
}

export const filterParamName = (f: Pick<CustomFilter, "code" | "op">) => (f.op === "eq" ? `cf.${f.code}` : `cf.${f.code}.${f.op}`);

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
/** A filter bound as typed in a URL: plain digits, an optional minus and a dot. */
function number(value: string): string | null {
  const negative = value.startsWith("-");
  const parsed = parseDecimal(negative ? value.slice(1) : value, ".", 6);
  return parsed.ok ? `${negative ? "-" : ""}${parsed.amount}` : null;
}

/** The SQL of one filter on a field (null when the value does not fit the type). */
export function customFilterCondition(def: FieldDefinition, filter: CustomFilter, timeZone: string): SQL | null {
  const code = def.code;
  // Each stored value, whether the field holds one or a list.
  const element = (condition: SQL) =>
    sql`(${deals.custom} ? ${code} and exists (select 1 from jsonb_array_elements(case jsonb_typeof(${deals.custom} -> ${code}) when 'array' then ${deals.custom} -> ${code} else jsonb_build_array(${deals.custom} -> ${code}) end) as e(v) where ${condition}))`;
  const text = sql`(e.v #>> '{}')`;
  const compare = filter.op === "from" ? sql`>=` : sql`<=`;
  switch (def.type) {
    case "string":
    case "url":
    case "address":
      if (filter.op !== "eq") return null;
      return element(sql`${foldedSql(text)} like ${likePattern(searchable(filter.value))}`);
    case "integer":
    case "decimal":
    case "money": {
      const n = number(filter.value);
      if (n === null) return null;
      const value = def.type === "money" ? sql`(e.v ->> 'amount')::numeric` : sql`${text}::numeric`;
      if (filter.op === "eq") return element(sql`${value} = ${n}::numeric`);
      return element(sql`${value} ${compare} ${n}::numeric`);
    }
    case "date":
      if (!isDate(filter.value)) return null;
      return element(filter.op === "eq" ? sql`${text} = ${filter.value}` : sql`${text} ${compare} ${filter.value}`);
    case "datetime": {
      if (!isDate(filter.value)) return null;
      const dayStart = sql`(cast(${filter.value} as date)::timestamp at time zone ${timeZone})`;
      const dayEnd = sql`((cast(${filter.value} as date) + 1)::timestamp at time zone ${timeZone})`;
      const at = sql`${text}::timestamptz`;
      if (filter.op === "from") return element(sql`${at} >= ${dayStart}`);
      if (filter.op === "to") return element(sql`${at} < ${dayEnd}`);
      return element(sql`${at} >= ${dayStart} and ${at} < ${dayEnd}`);
    }
    case "boolean":
      if (filter.op !== "eq" || !["1", "0"].includes(filter.value)) return null;
      return filter.value === "1" ? sql`(${deals.custom} -> ${code}) = 'true'::jsonb` : sql`coalesce(${deals.custom} -> ${code}, 'false'::jsonb) = 'false'::jsonb`;
    case "enumeration":
    case "employee":
    case "crm":
      if (filter.op !== "eq" || parseId(filter.value) === null) return null;
      return element(sql`${text} = ${filter.value}`);
  }
  return null;
}

/** Every custom filter of a query that applies: fields shown in the filter, values that fit. */
export function customFilterConditions(defs: FieldDefinition[], filters: CustomFilter[], timeZone: string): SQL[] {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  return filters.flatMap((f) => {
    const def = byCode.get(f.code);
    const condition = def ? customFilterCondition(def, f, timeZone) : null;
    return condition ? [condition] : [];
  });
}
