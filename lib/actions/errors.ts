import type { MessageKey } from "@/lib/i18n/translate";

export type ActionErrorCode = "invalid" | "forbidden" | "notFound" | "stale";

/** A refusal the user should read: a message key, its variables, and errors per field. */
export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    readonly messageKey: MessageKey,
    readonly vars?: Record<string, string | number>,
    readonly fieldErrors?: Record<string, MessageKey>,
    /** Field errors already in the user's words (a schema built per org, e.g. custom fields). */
    readonly fieldMessages?: Record<string, string[]>,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "ActionError";
  }
}
