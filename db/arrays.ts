import { sql, type SQL } from "drizzle-orm";

/**
 * Lists as one PostgreSQL array parameter each: drizzle spreads a JavaScript array in a `sql`
 * template into a list of parameters, which `unnest` and `= any` cannot take.
 */
export const textArray = (list: readonly string[]): SQL => sql`${`{${list.map((t) => `"${t.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;
export const intArray = (list: readonly number[]): SQL => sql`${`{${list.map((n) => String(Math.trunc(n))).join(",")}}`}::int[]`;
