/**
 * How big a worksheet is, counted in its XML before a spreadsheet library builds a model of it:
 * the rows (all of them, and those with a value), and the furthest column any cell reaches (by
 * its reference, or by its position in the row when it has none, as Excel reads it).
 */
export function worksheetBounds(xml: Buffer): { rows: number; rowsWithValues: number; columns: number } {
  let rows = 0;
  let rowsWithValues = 0;
  let columns = 0;
  let column = 0;
  let rowHasValue = false;
  for (let at = xml.indexOf(0x3c); at >= 0; at = xml.indexOf(0x3c, at + 1)) {
    const tag = tagName(xml, at + 1);
    if (tag === "row") {
      if (rowHasValue) rowsWithValues++;
      rows++;
      rowHasValue = false;
      column = 0;
    } else if (tag === "c") {
      const end = xml.indexOf(0x3e, at);
      const reference = /\sr\s*=\s*["']\s*([A-Za-z]*)/.exec(xml.toString("latin1", at, end < 0 ? xml.length : end));
      column = reference?.[1] ? columnNumber(reference[1]) : column + 1;
      columns = Math.max(columns, column);
    } else if (tag === "v" || tag === "is" || tag === "f") rowHasValue = true;
  }
  if (rowHasValue) rowsWithValues++;
  return { rows, rowsWithValues, columns };
}

/** The element name after "<" when it is one of those counted ("row", "c", "v", "is", "f"), else "". */
function tagName(xml: Buffer, from: number): string {
  let end = from;
  while (end < xml.length && end - from <= 3 && isNameByte(xml[end]!)) end++;
  if (end === from || end - from > 3) return "";
  if (end < xml.length && !isDelimiter(xml[end]!)) return "";
  return xml.toString("latin1", from, end);
}

const isNameByte = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
// Whitespace, "/" or ">": the name ended.
const isDelimiter = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === 0x3e;

/** "A" → 1, "CV" → 100; anything past three letters is past Excel's last column. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Number.MAX_SAFE_INTEGER;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
