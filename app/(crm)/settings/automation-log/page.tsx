import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { automationContext } from "@/lib/automation/editor";
import { isRunStatus, mayRetry, pipelineRuns, runStatuses } from "@/lib/automation/log";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { maySetUp } from "@/lib/permissions";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";
import { RunLog } from "@/app/_components/automation/run-log";
import "@/app/_components/automation/automation.css";

export const generateMetadata = titled("titles.automationLog");

/** Settings → Automation log: a pipeline's robot runs, newest first, by status, a page at a time; only runs of deals the viewer may read. */
export default async function AutomationLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const { configurable, lookups } = await automationContext(db, viewer, t);
  if (configurable.length === 0) notFound();
  const pipeline = configurable.find((p) => p.id === parseId(params.pipeline)) ?? configurable.find((p) => p.isDefault) ?? configurable[0]!;
  const status = isRunStatus(params.status) ? params.status : null;
  const after = typeof params.after === "string" ? params.after : null;
  const page = await pipelineRuns(db, viewer, { pipelineId: pipeline.id, status, after });
  const here = new URLSearchParams({ pipeline: String(pipeline.id), ...(status ? { status } : {}) });
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <SettingsNav t={t} admin={maySetUp(viewer)} automation current="automationLog" />
      <h2>{t("automation.log.title")}</h2>
      <form method="get" action="/settings/automation-log" className="inline-form log-filter">
        <label className="field">
          <span>{t("automation.pipeline")}</span>
          <select name="pipeline" defaultValue={pipeline.id}>
            {configurable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("automation.log.status")}</span>
          <select name="status" defaultValue={status ?? ""}>
            <option value="">{t("automation.log.allStatuses")}</option>
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`automation.log.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          {t("automation.log.show")}
        </button>
      </form>
      {page.entries.length === 0 ? (
        <p className="empty">{t("automation.log.emptyFilter")}</p>
      ) : (
        <RunLog entries={page.entries} t={t} locale={locale} timeZone={viewer.org.timezone} lookups={lookups} showDeal retryable={(run) => mayRetry(viewer, run)} />
      )}
      <nav className="pager" aria-label={t("automation.log.title")}>
        {after && <Link href={`/settings/automation-log?${here.toString()}`}>{t("automation.log.newest")}</Link>}
        {page.next && <Link href={`/settings/automation-log?${new URLSearchParams({ ...Object.fromEntries(here), after: page.next }).toString()}`}>{t("automation.log.older")}</Link>}
      </nav>
    </>
  );
}
