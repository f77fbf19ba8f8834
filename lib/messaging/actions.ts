"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { isMailbox } from "./email-address";
import { saveEmailSettings } from "./email-settings";

/** Settings → Outbox: the org's sender (From) and Reply-to; empty restores the default. */
export const saveEmailSettingsAction = defineAction({
  schema: ({ t }) => {
    const mailbox = z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim() || null)
      .refine((v) => v === null || isMailbox(v), { message: t("messaging.errors.badMailbox") });
    return z.object({ from: mailbox, replyTo: mailbox });
  },
  async run(input, { db, viewer }) {
    await saveEmailSettings(db, viewer, { from: input.from, replyTo: input.replyTo });
    return { message: "messaging.outbox.senderSaved", revalidate: ["/settings/outbox"] };
  },
});
