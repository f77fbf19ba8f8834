"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { decimalSeparator } from "@/lib/i18n/format";
import { currencies, parseDecimal } from "@/lib/money/money";
import { saveCurrencyRates } from "./currency-rates";

/** One field per currency, e.g. rate_USD; empty removes the rate. Dot or comma as the decimal separator. */
export const saveCurrencyRatesAction = defineAction({
  schema: ({ t, locale }) =>
    z.object(
      Object.fromEntries(
        currencies.map((c) => [
          `rate_${c}`,
          z
            .string()
            .optional()
            .transform((v, context) => {
              const raw = (v ?? "").trim();
              if (!raw) return null;
              const parsed = parseDecimal(raw, decimalSeparator(locale) as "." | ",", 10);
              const value = parsed.ok ? parsed.amount : null;
              if (!value || !/[1-9]/.test(value) || !/^\d{1,14}(\.\d{1,10})?$/.test(value)) {
                context.addIssue({ code: "custom", message: t("settings.badRate") });
                return z.NEVER;
              }
              return value;
            }),
        ]),
      ) as unknown as Record<`rate_${(typeof currencies)[number]}`, z.ZodType<string | null>>,
    ),
  async run(input, { db, viewer }) {
    const rates = Object.fromEntries(currencies.map((c) => [c, input[`rate_${c}`] ?? null]));
    await saveCurrencyRates(db, viewer, rates);
    return { message: "settings.ratesSaved", revalidate: ["/settings", "/deals/kanban"] };
  },
});
