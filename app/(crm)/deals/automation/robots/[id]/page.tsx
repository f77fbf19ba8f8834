import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { formVersion } from "@/lib/actions/form-version";
import { requireViewer } from "@/lib/auth/viewer";
import { updateRobotAction } from "@/lib/automation/actions";
import { automationContext } from "@/lib/automation/editor";
import { isRobotKind, robotFormValues } from "@/lib/automation/robot-form";
import { getRobot, listRobots } from "@/lib/automation/robots";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { RobotForm } from "@/app/_components/automation/robot-form";
import { RobotPreviewSection } from "@/app/_components/automation/robot-preview";
import { previewRobotMessage } from "@/lib/automation/preview";
import "@/app/_components/automation/automation.css";

export const generateMetadata = titled("titles.robot");

/** A robot's editor, with links to the previous and next robots of its stage. */
export default async function RobotPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ preview?: string | string[] }> }) {
  const { id: segment } = await params;
  const asked = (await searchParams).preview;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const id = parseId(segment);
  const robot = id ? await getRobot(db, viewer, id) : null;
  if (!robot || !isRobotKind(robot.kind)) notFound();
  const [{ pipelines, formOptions }, pipelineRobots] = await Promise.all([automationContext(db, viewer, t), listRobots(db, viewer, robot.pipelineId)]);
  const preview = await previewRobotMessage(db, viewer, robot, typeof asked === "string" && asked.trim() ? (parseId(asked.trim()) ?? 0) : null);
  const pipeline = pipelines.find((p) => p.id === robot.pipelineId);
  const stage = pipeline?.stages.find((s) => s.id === robot.stageId);
  const stageRobots = pipelineRobots.filter((r) => r.stageId === robot.stageId);
  const at = stageRobots.findIndex((r) => r.id === robot.id);
  const previous = stageRobots[at - 1];
  const next = stageRobots[at + 1];
  const backHref = `/deals/automation?pipeline=${robot.pipelineId}#robot-${robot.id}`;
  const title = t("automation.editRobot", { name: robot.name });
  return (
    <>
      <h1>{title}</h1>
      <p className="muted">
        {pipeline?.name} / {stage?.name} · {t(`automation.kinds.${robot.kind}`)} · {t("automation.by", { name: robot.authorName ?? "—" })}
      </p>
      <nav className="robot-pager" aria-label={t("automation.robots")}>
        {previous ? <Link href={`/deals/automation/robots/${previous.id}`}>← {t("automation.previous")}: {previous.name}</Link> : <span />}
        {next ? <Link href={`/deals/automation/robots/${next.id}`}>{t("automation.next")}: {next.name} →</Link> : <span />}
      </nav>
      <RobotForm
        action={updateRobotAction}
        locale={locale}
        kind={robot.kind}
        initial={robotFormValues({ ...robot, kind: robot.kind })}
        target={{ name: "id", value: robot.id }}
        options={formOptions(robot.pipelineId)}
        cancelHref={backHref}
        label={title}
        record={`robot:${robot.id}`}
        version={formVersion(robot)}
      />
      {preview && <RobotPreviewSection preview={preview} t={t} action={`/deals/automation/robots/${robot.id}`} />}
    </>
  );
}
