import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { createRobotAction } from "@/lib/automation/actions";
import { robotKinds } from "@/lib/automation/definitions";
import { automationContext } from "@/lib/automation/editor";
import { isRobotKind, newRobotFormValues } from "@/lib/automation/robot-form";
import { stageForNewRobot } from "@/lib/automation/robots";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { RobotForm } from "@/app/_components/automation/robot-form";
import "@/app/_components/automation/automation.css";

export const generateMetadata = titled("titles.newRobot");

/** A new robot in a stage: first what it does (?kind=), then that kind's form. */
export default async function NewRobotPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const stageId = parseId(params.stage);
  const stage = stageId ? await stageForNewRobot(db, viewer, stageId) : null;
  if (!stage) notFound();
  const kind = isRobotKind(params.kind) ? params.kind : null;
  const backHref = `/deals/automation?pipeline=${stage.pipelineId}`;
  const title = t("automation.newRobot", { stage: stage.name });
  if (!kind) {
    return (
      <>
        <h1>{title}</h1>
        <p className="muted">{stage.pipelineName}</p>
        <h2>{t("automation.chooseKind")}</h2>
        <ul className="kind-list" data-testid="robot-kinds">
          {robotKinds.map((k) => (
            <li key={k}>
              <Link href={`/deals/automation/robots/new?stage=${stage.id}&kind=${k}`}>{t(`automation.kinds.${k}`)}</Link>
            </li>
          ))}
        </ul>
        <p>
          <Link href={backHref}>{t("automation.back")}</Link>
        </p>
      </>
    );
  }
  const { formOptions } = await automationContext(db, viewer, t);
  return (
    <>
      <h1>{title}</h1>
      <p className="muted">
        {stage.pipelineName} / {stage.name} · {t(`automation.kinds.${kind}`)} · <Link href={`/deals/automation/robots/new?stage=${stage.id}`}>{t("automation.otherKind")}</Link>
      </p>
      <RobotForm
        action={createRobotAction}
        locale={locale}
        kind={kind}
        initial={newRobotFormValues(kind)}
        target={{ name: "stageId", value: stage.id }}
        options={formOptions(stage.pipelineId)}
        cancelHref={backHref}
        label={title}
        record={`new:${stage.id}:${kind}`}
        version="new"
      />
    </>
  );
}
