"use server";

import { createHash } from "node:crypto";
import { z } from "zod";
import { definePublicAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { hitRateLimit } from "@/lib/automation/triggers/rate-limit";
import { answerQuote } from "./public-link";

/** A client answers a quote through its link (/p/<token>): no session; ten tries an hour per link. */
export const answerQuoteAction = definePublicAction({
  schema: ({ t }) =>
    z.object({
      token: z.string().max(64),
      answer: z.enum(["approved", "declined"], { message: t("errors.unknownOption") }),
      comment: z.string().optional().default("").transform((v) => v.trim()).refine((v) => v.length <= 1000, t("errors.tooLong", { max: 1000 })),
    }),
  async run({ token, answer, comment }, { db }) {
    const key = `quote-answer:${createHash("sha256").update(token).digest("hex").slice(0, 32)}`;
    const verdict = await hitRateLimit(db, key, 10, 3600);
    if (!verdict.allowed) throw new ActionError("invalid", "documents.public.tooMany");
    await answerQuote(db, token, answer, comment);
    return { redirectTo: `/p/${token}?answered=1` };
  },
});
