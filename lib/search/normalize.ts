/**
 * Text as search compares it: lower case, without diacritics ("Nguyễn Văn Đức" → "nguyen van duc"),
 * spaces collapsed. The same function fills deals.search_text and reads the user's query, so the
 * database needs no unaccent() at query time and a trigram index serves "contains" searches.
 */
export function searchable(text: string): string {
  return text
    // PostgreSQL text cannot hold NUL; other control characters mean nothing to search.
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a query, each to be found somewhere in the text; LIKE wildcards are taken literally. */
export function searchTerms(query: string, maxTerms = 8): string[] {
  return searchable(query)
    .split(" ")
    .filter((term) => term.length > 0)
    .slice(0, maxTerms)
    .map((term) => term.slice(0, 100));
}

/** A term as a LIKE pattern: its own %, _ and \ are escaped. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
