import type { Db } from "@/db/client";
import { dealRuns, mayRetry } from "@/lib/automation/log";
import type { SummaryLookups } from "@/lib/automation/summary";
import type { Locale, Translate } from "@/lib/i18n/translate";
import type { Viewer } from "@/lib/permissions";
import { RunLog } from "./run-log";
import "./automation.css";

/** The deal card's Automation tab: the deal's robot and trigger runs, newest first. */
export async function DealRunLog({ db, viewer, dealId, t, locale, timeZone, lookups }: { db: Db; viewer: Viewer; dealId: number; t: Translate; locale: Locale; timeZone: string; lookups: SummaryLookups }) {
  const entries = await dealRuns(db, viewer, dealId);
  if (entries.length === 0) return <p className="empty">{t("automation.log.empty")}</p>;
  return <RunLog entries={entries} t={t} locale={locale} timeZone={timeZone} lookups={lookups} retryable={(run) => mayRetry(viewer, run)} />;
}
