import { z } from "zod";

/**
 * The one id parser. Every id column is PostgreSQL's integer, so an id is 1 … 2³¹−1; a larger
 * number, a sign, a decimal point or a letter is no id at all, and reaches no query (where it
 * would fail as "out of range for type integer", an error page instead of an answer).
 */
export const MAX_ID = 2 ** 31 - 1;

/** An id from a URL, a form or JSON; anything else is null. */
export function parseId(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 && value <= MAX_ID ? value : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && n <= MAX_ID ? n : null;
}

export const isId = (value: unknown): boolean => parseId(value) !== null;

/** Ids from repeated keys or comma-separated values, each once, in the order given; what is not an id is dropped. */
export function parseIds(values: readonly unknown[], max = Number.POSITIVE_INFINITY): number[] {
  const found = new Set<number>();
  for (const value of values) {
    for (const part of typeof value === "string" ? value.split(",") : [value]) {
      const id = parseId(part);
      if (id !== null) found.add(id);
      if (found.size >= max) return [...found];
    }
  }
  return [...found];
}

/** A form field that must hold an id; `message` when it does not. */
export const idField = (message = "Not a valid id") =>
  z.union([z.string(), z.number()]).transform((value, context) => {
    const id = parseId(value);
    if (id === null) {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });

/** An optional id field: empty is null; anything else that is not an id is refused with `message`. */
export const optionalIdField = (message = "Not a valid id") =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return null;
      const id = parseId(value);
      if (id === null) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return id;
    });

/** An id field where anything that is not an id reads as none (a choice that may be left out). */
export const idOrNone = z
  .string()
  .optional()
  .transform((value) => parseId(value));

/** A list of ids (repeated keys), each once; what is not an id is dropped. At most `max` entries are read. */
export const idListField = (max: number) =>
  z
    .array(z.string())
    .max(max)
    .optional()
    .default([])
    .transform((list) => parseIds(list));
