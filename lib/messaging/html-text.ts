const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

const decodeEntity = (whole: string, name: string) => {
  const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
  if (code === undefined) return ENTITIES[name.toLowerCase()] ?? whole;
  const point = name[1] === "x" || name[1] === "X" ? parseInt(code, 16) : Number(code);
  return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
};

/**
 * A readable plain-text version of an HTML e-mail: the text part sent beside the HTML one, and
 * what the deal's timeline shows (as text, never as markup). Blocks and <br> become line breaks;
 * scripts, styles and every other tag are dropped; the common entities are decoded.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|tr|table|blockquote)\s*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "• ")
    .replace(/<[^>]*>/g, "")
    // One pass, so "&amp;lt;" stays "&lt;".
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
