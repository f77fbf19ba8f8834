import { sql, type SQL } from "drizzle-orm";
import { inBaseCurrency, type BoardContext } from "@/lib/board/column-totals";
import { currencies } from "@/lib/money/money";

const columns = (prefix: string) => currencies.map((code, i) => ({ code, column: sql.raw(`${prefix}${i}`) }));

/**
 * Sums of an amount per currency, as columns `{prefix}0…` of a grouped query: each currency summed
 * apart and converted once afterwards (see convertedSum), not row by row.
 */
export function sumsPerCurrency(amount: SQL, currency: SQL, prefix = "c"): SQL {
  return sql.join(
    columns(prefix).map(({ code, column }) => sql`sum(${amount}) filter (where ${currency} = ${code}) as ${column}`),
    sql`, `,
  );
}

/**
 * The per-currency sums of the grouped query aliased `alias`, in the base currency as text (those
 * without a rate left out), and whether any was left out.
 */
export function convertedSum(alias: string, context: BoardContext, prefix = "c"): { sum: SQL; unconverted: SQL } {
  const converted = columns(prefix).map(({ code, column }) => ({ value: inBaseCurrency(sql`${sql.raw(alias)}.${column}`, sql`${code}`, context), column }));
  return {
    sum: sql`(${sql.join(converted.map(({ value }) => sql`coalesce(${value}, 0)`), sql` + `)})::text`,
    unconverted: sql`(${sql.join(converted.map(({ value, column }) => sql`(${sql.raw(alias)}.${column} is not null and ${value} is null)`), sql` or `)})`,
  };
}

/** The per-currency columns of an inner grouped query summed again, by an outer grouping. */
export function resummed(prefix = "c"): SQL {
  return sql.join(
    columns(prefix).map(({ column }) => sql`sum(${column}) as ${column}`),
    sql`, `,
  );
}
