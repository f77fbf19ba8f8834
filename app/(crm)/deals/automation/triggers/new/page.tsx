import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { TriggerForm } from "@/app/_components/triggers/trigger-form";
import { mayConfigureAutomation } from "@/lib/permissions";
import { createTriggerAction } from "@/lib/automation/triggers/actions";
import { isTriggerKind, triggerKinds } from "@/lib/automation/triggers/kinds";
import { triggerEditorOptions } from "@/lib/automation/triggers/queries";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { getPipelines } from "@/lib/org/queries";

export const generateMetadata = titled("titles.newTrigger");

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A new trigger for a pipeline (?pipeline=ID): first what sets it off (?kind=…), then its form. */
export default async function NewTriggerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const pipelineId = parseId(first(params.pipeline));
  const pipeline = (await getPipelines(db, viewer.orgId)).find((p) => p.id === pipelineId);
  if (!pipeline || !mayConfigureAutomation(viewer, pipeline.id)) notFound();
  const back = `/deals/automation/triggers?pipeline=${pipeline.id}`;
  const kind = first(params.kind);
  // From a stage's "Add trigger" on the automation board: that stage, chosen already.
  const stageId = parseId(first(params.stage));
  const stage = pipeline.stages.find((st) => st.id === stageId);
  const withStage = stage ? `&stage=${stage.id}` : "";

  if (!isTriggerKind(kind)) {
    return (
      <>
        <h1>
          {t("triggers.newTitle")} · {pipeline.name}
        </h1>
        <p>
          <Link href={back}>{t("triggers.back")}</Link>
        </p>
        <section className="card-section">
          <h2>{t("triggers.chooseKind")}</h2>
          <ul className="trigger-kinds">
            {triggerKinds.map((k) => (
              <li key={k}>
                <Link href={`/deals/automation/triggers/new?pipeline=${pipeline.id}&kind=${k}${withStage}`}>{t(`triggers.kinds.${k}`)}</Link>
                <br />
                <span className="muted small">{t(`triggers.kindHints.${k}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      </>
    );
  }

  const { labels: _labels, ...options } = await triggerEditorOptions(db, viewer, pipeline, t);
  return (
    <>
      <h1>
        {t("triggers.newTitle")} · {pipeline.name}
      </h1>
      <section className="card-section">
        <TriggerForm
          action={createTriggerAction}
          locale={locale}
          kind={kind}
          initial={{ name: t(`triggers.kinds.${kind}`), kind, stageId: stage ? String(stage.id) : "", conditionOp: "and" }}
          options={options}
          cancelHref={back}
          record={`new:${pipeline.id}:${kind}:${stage?.id ?? ""}`}
          version="new"
        />
      </section>
    </>
  );
}
