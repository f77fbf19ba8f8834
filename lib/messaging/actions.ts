"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { isMailbox } from "./email-address";
import { saveEmailSettings } from "./email-settings";
import { retryFailedMessage } from "./queue";
import { idField } from "@/lib/ids";

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

/** Settings → Outbox → a failed message: queued again with a new job (administrators, as the outbox itself). */
export const retryMessageAction = defineAction({
  schema: () => z.object({ id: idField() }),
  async run({ id }, { db, viewer }) {
    await retryFailedMessage(db, viewer, id);
    return { message: "messaging.outbox.retried", revalidate: ["/settings/outbox", `/settings/outbox/${id}`] };
  },
});
