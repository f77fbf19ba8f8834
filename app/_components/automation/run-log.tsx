import Link from "next/link";
import { retryRunAction } from "@/lib/automation/actions";
import { ActionForm } from "@/app/_components/action-form";
import type { RunEntry } from "@/lib/automation/log";
import { isRobotKind } from "@/lib/automation/robot-form";
import { runDetailText } from "@/lib/automation/run-detail";
import type { SummaryLookups } from "@/lib/automation/summary";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";

type Props = {
  entries: RunEntry[];
  t: Translate;
  locale: Locale;
  timeZone: string;
  lookups: SummaryLookups;
  showDeal?: boolean;
  /** Whether a run offers "Retry" (it failed, and the viewer configures its pipeline). */
  retryable: (run: RunEntry) => boolean;
};

/** Runs of robots and triggers as a table: the deal card's Automation tab and Settings → Automation log. */
export function RunLog({ entries, t, locale, timeZone, lookups, showDeal = false, retryable }: Props) {
  const when = (date: Date) => formatDateTime(date, locale, timeZone);
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="run-log" data-testid="run-log">
        <thead>
          <tr>
            <th scope="col">{t("automation.log.when")}</th>
            {showDeal && <th scope="col">{t("automation.log.deal")}</th>}
            <th scope="col">{t("automation.log.robot")}</th>
            <th scope="col">{t("automation.log.kind")}</th>
            <th scope="col">{t("automation.log.status")}</th>
            <th scope="col">{t("automation.log.detail")}</th>
            <th scope="col">{t("automation.log.author")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((run) => (
            <tr key={run.id} data-testid="run" data-status={run.status}>
              <td>{when(run.finishedAt ?? run.createdAt)}</td>
              {showDeal && (
                <td>
                  <Link href={`/deals/${run.dealId}?tab=automation`}>{run.dealTitle}</Link>
                </td>
              )}
              <td>{run.name}</td>
              <td>{isRobotKind(run.kind) ? t(`automation.kinds.${run.kind}`) : run.kind}</td>
              <td>
                <span className={`run-status ${run.status}`}>{t(`automation.log.statuses.${run.status}`)}</span>
                {run.status === "pending" && run.dueAt && <span className="muted"> · {t("automation.log.due", { time: when(run.dueAt) })}</span>}
                {retryable(run) && (
                  <ActionForm action={retryRunAction} record={`run:${run.id}`} className="run-retry" label={`${t("automation.log.retry")}: ${run.name}`}>
                    <input type="hidden" name="id" value={run.id} />
                    <button type="submit" className="button small">
                      {t("automation.log.retry")}
                    </button>
                  </ActionForm>
                )}
              </td>
              <td>{runDetailText(run.detail, t, lookups)}</td>
              <td>{run.authorName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
