import { z } from "zod";

/** A positive integer that fits PostgreSQL's integer, as a form sends it. */
export const isDbId = (v: string) => /^\d{1,10}$/.test(v) && Number(v) > 0 && Number(v) < 2 ** 31;

/** An optional id field: anything that is not a valid id reads as none (the caller decides whether that is an error). */
export const optionalIdField = z
  .string()
  .optional()
  .transform((v) => (v && isDbId(v) ? Number(v) : null));
