import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { searchable } from "./normalize";

// Vietnamese letters with diacritics and what search reads them as, for folding stored text in SQL
// the way searchable() folds a query (no unaccent extension needed, PGlite included).
const ACCENTED = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ";
const FOLDED = [...ACCENTED].map((c) => searchable(c)).join("");

/** Stored text lower-cased without Vietnamese diacritics, to compare with searchable(query) terms. */
export const foldedSql = (expr: SQL) => sql`translate(lower(${expr}), ${ACCENTED}, ${FOLDED})`;

/**
 * The same fold with its letters written into the statement: what an expression index is built
 * on and what a query must repeat word for word to use it (a parameter would not match it).
 */
export const foldedIndexSql = (expr: SQL | AnyPgColumn) => sql`translate(lower(${expr}), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${FOLDED}'`)})`;
