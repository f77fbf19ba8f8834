"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { definePublicAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { formatWait } from "@/lib/i18n/format";
import { throttleKey } from "@/lib/net/client-address";
import { requestClientAddress } from "@/lib/net/forwarding";
import { hitRateLimit, limitFromEnv } from "../rate-limit";
import { HONEYPOT, RATE_WINDOW_SECONDS } from "./public-form";
import { formBySecret, submitWebForm } from "./submit";

/**
 * A visitor submits a public web form (/forms/<secret>): no session. Spam protection: a honeypot
 * field people never see (filled: the visitor is thanked and nothing is created) and a limit of
 * CRM_WEBFORM_LIMIT submissions per address (an IPv6 /64) in 10 minutes, counted in the database.
 */
export const submitWebFormAction = definePublicAction({
  schema: () => z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  async run(values, { db, t, locale, formData }) {
    const secret = typeof values.form === "string" ? values.form : "";
    const form = await formBySecret(db, secret);
    if (!form || !form.enabled) throw new ActionError("notFound", "triggers.publicForm.unavailable");
    const address = requestClientAddress({ "x-crm-client-address": (await headers()).get("x-crm-client-address") ?? undefined });
    const verdict = await hitRateLimit(db, `webform:${throttleKey(address)}`, limitFromEnv(process.env.CRM_WEBFORM_LIMIT, 10), RATE_WINDOW_SECONDS);
    if (!verdict.allowed) throw new ActionError("invalid", "triggers.publicForm.tooMany", { wait: formatWait(verdict.retryAfterSeconds, locale) });
    const thanks = `/forms/${form.secret}/thanks`;
    if (typeof values[HONEYPOT] === "string" && values[HONEYPOT].trim() !== "") return { redirectTo: thanks };
    await submitWebForm(db, form, { values, formData }, { t, locale });
    return { redirectTo: thanks };
  },
});
