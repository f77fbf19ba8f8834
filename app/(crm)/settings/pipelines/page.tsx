import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines } from "@/lib/org/queries";
import { mayConfigureAutomationAnywhere, maySetUp } from "@/lib/permissions";
import { createPipelineAction, deletePipelineAction, makeDefaultPipelineAction, movePipelineAction, renamePipelineAction } from "@/lib/pipelines/pipeline-actions";
import { dealsPerPipeline } from "@/lib/pipelines/queries";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";
import { StageOptions } from "@/app/_components/options";
import { SettingsNav } from "@/app/_components/permissions/settings-nav";

export const generateMetadata = titled("titles.pipelines");

/** Settings → Pipelines (administrators): add, rename, reorder, make default, delete (moving the deals). Works without JavaScript. */
export default async function PipelinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  if (!maySetUp(viewer)) notFound();
  const [query, { t }, db] = await Promise.all([searchParams, getI18n(), getDb()]);
  const [pipelines, counts] = await Promise.all([getPipelines(db, viewer.orgId), dealsPerPipeline(db, viewer.orgId)]);
  return (
    <>
      <h1>{t("pipelines.title")}</h1>
      <SettingsNav t={t} admin automation={mayConfigureAutomationAnywhere(viewer)} current="pipelines" />
      <Notice value={query.notice} t={t} />
      <p className="muted">{t("pipelines.intro")}</p>
      <ol className="stage-editor">
        {pipelines.map((pipeline, i) => {
          const n = counts.get(pipeline.id) ?? 0;
          const others = pipelines.filter((p) => p.id !== pipeline.id);
          return (
            <li key={pipeline.id} className="card-section" data-testid="pipeline-row">
              <ActionForm action={renamePipelineAction} record={`pipeline:${pipeline.id}`} version={formVersion([pipeline.name])} className="inline-form" label={pipeline.name}>
                <input type="hidden" name="pipelineId" value={pipeline.id} />
                <label className="field">
                  <span>{t("pipelines.name")}</span>
                  <input name="name" defaultValue={pipeline.name} required maxLength={60} />
                </label>
                <button type="submit" className="button">
                  {t("pipelines.rename")}
                </button>
              </ActionForm>
              <p className="muted">
                {pipeline.isDefault && <strong>{t("pipelines.isDefaultLabel")} · </strong>}
                {t("pipelines.deals", { count: n.toLocaleString() })} · <Link href={`/deals/kanban/stages?pipeline=${pipeline.id}`}>{t("pipelines.stagesLink")}</Link>
              </p>
              <div className="row-actions">
                {(["up", "down"] as const).map((direction) =>
                  (direction === "up" ? i > 0 : i < pipelines.length - 1) ? (
                    <ActionForm key={direction} action={movePipelineAction} record={`pipeline:${pipeline.id}:${direction}`} className="inline-form">
                      <input type="hidden" name="pipelineId" value={pipeline.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button type="submit" className="button small" aria-label={t(`pipelines.${direction}`, { name: pipeline.name })}>
                        {direction === "up" ? "↑" : "↓"}
                      </button>
                    </ActionForm>
                  ) : null,
                )}
                {!pipeline.isDefault && (
                  <ActionForm action={makeDefaultPipelineAction} record={`pipeline:${pipeline.id}:default`} className="inline-form">
                    <input type="hidden" name="pipelineId" value={pipeline.id} />
                    <button type="submit" className="button small">
                      {t("pipelines.makeDefault")}
                    </button>
                  </ActionForm>
                )}
                {!pipeline.isDefault && query.confirm !== String(pipeline.id) && (
                  <Link href={`/settings/pipelines?confirm=${pipeline.id}`} className="button danger small">
                    {t("pipelines.deleteNamed", { name: pipeline.name })}
                  </Link>
                )}
              </div>
              {!pipeline.isDefault && query.confirm === String(pipeline.id) && (
                <ActionForm action={deletePipelineAction} record={`pipeline:${pipeline.id}:delete`} className="alert warning confirm-delete" label={t("pipelines.deleteNamed", { name: pipeline.name })}>
                  <p>{t("pipelines.confirmDelete", { name: pipeline.name })}</p>
                  <input type="hidden" name="pipelineId" value={pipeline.id} />
                  {n > 0 && (
                    <label className="field">
                      <span>{t("pipelines.moveDealsTo", { count: n.toLocaleString() })}</span>
                      <select name="moveTo" required defaultValue="">
                        <option value="" disabled>
                          —
                        </option>
                        <StageOptions pipelines={others} />
                      </select>
                    </label>
                  )}
                  <button type="submit" className="button danger">
                    {t("pipelines.delete")}
                  </button>
                  <Link href="/settings/pipelines" className="button">
                    {t("common.cancel")}
                  </Link>
                </ActionForm>
              )}
            </li>
          );
        })}
      </ol>
      <section className="card-section" aria-labelledby="new-pipeline">
        <h2 id="new-pipeline">{t("pipelines.add")}</h2>
        <ActionForm action={createPipelineAction} record="pipeline:new" className="inline-form" label={t("pipelines.add")}>
          <label className="field">
            <span>{t("pipelines.name")}</span>
            <input name="name" required maxLength={60} />
          </label>
          <button type="submit" className="button primary">
            {t("pipelines.add")}
          </button>
        </ActionForm>
      </section>
    </>
  );
}
