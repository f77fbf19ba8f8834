import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { DocumentsLinks } from "@/app/_components/documents/documents-links";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { automationContext } from "@/lib/automation/editor";
import { listRobots } from "@/lib/automation/robots";
import { listTriggers } from "@/lib/automation/triggers/service";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { maySetUp } from "@/lib/permissions";
import { Notice } from "@/app/_components/notice";
import { AutomationLink } from "@/app/_components/automation/automation-link";
import { RobotCard } from "@/app/_components/automation/robot-card";
import { StageTriggers } from "@/app/_components/automation/stage-triggers";
import "@/app/_components/automation/automation.css";

export const generateMetadata = titled("titles.automation");

/**
 * Deals → Automation: a pipeline's robots in one column per stage, in the order they run, and
 * above them the triggers that move a deal into that stage.
 * `?copy=ID` and `?delete=ID` open a robot's copy form or delete confirmation in place.
 */
export default async function AutomationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t } = await getI18n();
  const db = await getDb();
  const { configurable, lookups } = await automationContext(db, viewer, t);
  if (configurable.length === 0) notFound();
  const wanted = parseId(params.pipeline);
  const pipeline = configurable.find((p) => p.id === wanted) ?? configurable.find((p) => p.isDefault) ?? configurable[0]!;
  const [robots, triggers] = await Promise.all([listRobots(db, viewer, pipeline.id), listTriggers(db, viewer, pipeline.id)]);
  const boardHref = `/deals/automation?pipeline=${pipeline.id}`;
  const copying = parseId(params.copy);
  const deleting = parseId(params.delete);
  const copyTargets = configurable.map((p) => ({ pipeline: p.name, stages: p.stages.map((s) => ({ id: s.id, name: s.name })) }));

  return (
    <>
      <div className="page-head automation-head">
        <h1>{t("automation.title")}</h1>
        <div className="actions">
          <nav className="view-switch" aria-label={t("board.boardView")}>
            <Link href={`/deals?pipeline=${pipeline.id}`}>{t("board.listView")}</Link>
            <Link href={`/deals/kanban?pipeline=${pipeline.id}`}>{t("board.boardView")}</Link>
            <AutomationLink viewer={viewer} t={t} pipelineId={pipeline.id} current />
            <DocumentsLinks t={t} />
          </nav>
          <Link href={`/deals/automation/triggers?pipeline=${pipeline.id}`} className="button">
            {t("triggers.title")}
          </Link>
          <Link href={`/settings/automation-log?pipeline=${pipeline.id}`} className="button">
            {t("automation.log.title")}
          </Link>
          {maySetUp(viewer) && (
            <Link href="/settings/working-time" className="button">
              {t("automation.workingTime.title")}
            </Link>
          )}
        </div>
      </div>
      <Notice value={params.notice} t={t} />
      <nav className="pipeline-switch presets" aria-label={t("automation.pipeline")}>
        {configurable.map((p) => (
          <Link key={p.id} href={`/deals/automation?pipeline=${p.id}`} aria-current={p.id === pipeline.id ? "page" : undefined}>
            {p.name}
          </Link>
        ))}
      </nav>
      <p className="muted">{t("automation.hint")}</p>
      <div className="automation-board" data-testid="automation-board">
        {pipeline.stages.map((stage) => {
          const own = robots.filter((r) => r.stageId === stage.id);
          return (
            <section key={stage.id} className="automation-column" data-testid="automation-column" aria-labelledby={`stage-${stage.id}`} style={{ borderTopColor: stage.color }}>
              <header className="automation-column-head">
                <h2 id={`stage-${stage.id}`}>{stage.name}</h2>
                <Link href={`/deals/automation/robots/new?stage=${stage.id}`} className="button small">
                  {t("automation.addRobot")}
                </Link>
              </header>
              <StageTriggers triggers={triggers.filter((tr) => tr.stageId === stage.id)} t={t} addHref={`/deals/automation/triggers/new?pipeline=${pipeline.id}&stage=${stage.id}`} />
              {own.length === 0 ? (
                <p className="muted empty-column">{t("automation.noRobots")}</p>
              ) : (
                <ol className="robots">
                  {own.map((robot, i) => (
                    <RobotCard
                      key={robot.id}
                      robot={robot}
                      t={t}
                      lookups={lookups}
                      first={i === 0}
                      last={i === own.length - 1}
                      boardHref={boardHref}
                      step={copying === robot.id ? { kind: "copy", stages: copyTargets } : deleting === robot.id ? { kind: "delete" } : null}
                    />
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
