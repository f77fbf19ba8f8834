import type { MessageKey, Translate } from "@/lib/i18n/translate";

/** The message after a redirect (?notice=saved) of the trigger and web form pages; unknown values show nothing. */
export function TriggerNotice({ value, t, notices }: { value: unknown; t: Translate; notices: Record<string, MessageKey> }) {
  if (typeof value !== "string" || !Object.hasOwn(notices, value)) return null;
  return (
    <p className="alert success" role="status">
      {t(notices[value]!)}
    </p>
  );
}
