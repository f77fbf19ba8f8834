/** A deal id from a URL segment; anything else is "not found", never an error page. */
export function parseId(segment: string): number | null {
  if (!/^\d{1,10}$/.test(segment)) return null;
  const n = Number(segment);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}
