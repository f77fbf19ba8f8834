import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { getPipelines } from "@/lib/org/queries";
import { addStageAction, deleteStageAction, moveStageAction, updateStageAction } from "@/lib/pipelines/actions";
import { dealsPerStage, requiredPerStage } from "@/lib/pipelines/queries";
import { requirableFields } from "@/lib/deals/required/rule";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";
import { Notice } from "@/app/_components/notice";

export const generateMetadata = titled("titles.stages");

/** The board's stage editor: rename, recolour, days to rot, reorder, add, delete (moving the deals). Works without JavaScript. */
export default async function StagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireAdmin();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const pipelines = await getPipelines(db, viewer.orgId);
  const pipeline = pipelines.find((p) => String(p.id) === params.pipeline) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  if (!pipeline) notFound();
  const [counts, required, customFields] = await Promise.all([dealsPerStage(db, viewer.orgId, pipeline.id), requiredPerStage(db, viewer.orgId, pipeline.id), getFieldDefinitions(db, { ...viewer, isAdmin: true })]);
  const fieldLabels = { amount: "deals.fields.amount", companyId: "deals.fields.company", contactIds: "deals.fields.contacts", sourceId: "deals.fields.source", typeId: "deals.fields.type", probability: "deals.fields.probability", sourceDescription: "deals.fields.sourceDescription", comments: "deals.fields.comments" } as const;
  const order = { P: 0, S: 1, F: 2 };
  const stages = [...pipeline.stages].sort((a, b) => order[a.semantics] - order[b.semantics] || a.sort - b.sort);

  return (
    <>
      <div className="page-head">
        <h1>{t("stages.title", { pipeline: pipeline.name })}</h1>
        <div className="actions">
          <Link href={`/deals/kanban?pipeline=${pipeline.id}`} className="button">
            {t("stages.back")}
          </Link>
        </div>
      </div>
      <Notice value={params.notice} t={t} />
      <nav className="presets" aria-label={t("board.pipeline")}>
        {pipelines.map((p) => (
          <Link key={p.id} href={`/deals/kanban/stages?pipeline=${p.id}`} aria-current={p.id === pipeline.id ? "page" : undefined}>
            {p.name}
          </Link>
        ))}
      </nav>
      <ol className="stage-editor">
        {stages.map((stage, i) => {
          const n = counts.get(stage.id) ?? 0;
          const others = stages.filter((s) => s.id !== stage.id);
          return (
            <li key={stage.id} className="card-section" data-testid="stage-row" style={{ borderLeft: `6px solid ${stage.color}` }}>
              <ActionForm action={updateStageAction} record={`stage:${stage.id}`} version={formVersion([stage.name, stage.color, stage.rotDays, required.get(stage.id), customFields.map((f) => f.code)])} className="inline-form" label={stage.name}>
                <input type="hidden" name="stageId" value={stage.id} />
                <label className="field">
                  <span>{t("stages.name")}</span>
                  <input name="name" defaultValue={stage.name} required maxLength={60} />
                </label>
                <label className="field">
                  <span>{t("stages.color")}</span>
                  <input type="color" name="color" defaultValue={stage.color.toLowerCase()} />
                </label>
                {stage.semantics === "P" && (
                  <label className="field">
                    <span>{t("stages.rotDays")}</span>
                    <input name="rotDays" type="number" min={1} max={3650} defaultValue={stage.rotDays ?? ""} title={t("stages.rotDaysHint")} />
                  </label>
                )}
                <fieldset className="field required-choice">
                  <legend>{t("board.requiredFields")}</legend>
                  {requirableFields.map((f) => (
                    <label key={f}>
                      <input type="checkbox" name="required[]" value={f} defaultChecked={required.get(stage.id)?.includes(f)} /> {t(fieldLabels[f])}
                    </label>
                  ))}
                  {customFields.map((f) => (
                    <label key={f.code}>
                      <input type="checkbox" name="required[]" value={f.code} defaultChecked={required.get(stage.id)?.includes(f.code)} /> {f.label}
                    </label>
                  ))}
                </fieldset>
                <span className="muted">
                  {t(`deals.semantics.${stage.semantics}`)} · {t("stages.deals", { count: n.toLocaleString(locale) })}
                  {stage.isSystem && ` · ${t("stages.system")}`}
                </span>
                <button type="submit" className="button small">
                  {t("common.save")}
                </button>
              </ActionForm>
              <div className="stage-row-actions">
                {(["up", "down"] as const).map((direction) => {
                  const neighbour = stages[direction === "up" ? i - 1 : i + 1];
                  if (!neighbour || neighbour.semantics !== stage.semantics) return null;
                  return (
                    <ActionForm key={direction} action={moveStageAction} className="inline">
                      <input type="hidden" name="stageId" value={stage.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button type="submit" className="button small" aria-label={t(`stages.${direction}`, { stage: stage.name })} title={t(`stages.${direction}`, { stage: stage.name })}>
                        {direction === "up" ? "↑" : "↓"}
                      </button>
                    </ActionForm>
                  );
                })}
                {!stage.isSystem && (
                  <ActionForm action={deleteStageAction} record={`stage:${stage.id}`} version={formVersion(others.map((s) => [s.id, s.name]))} className="inline-form" label={t("stages.deleteStage", { stage: stage.name })}>
                    <input type="hidden" name="stageId" value={stage.id} />
                    {n > 0 && (
                      <label className="field">
                        <span>{t("stages.moveDealsTo", { count: n.toLocaleString(locale) })}</span>
                        <select name="moveTo" required defaultValue="">
                          <option value="" disabled>
                            —
                          </option>
                          {others.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                    <button type="submit" className="button small danger">
                      {t("stages.delete")}
                    </button>
                  </ActionForm>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <section className="card-section">
        <h2>{t("stages.add")}</h2>
        <ActionForm action={addStageAction} record={`pipeline:${pipeline.id}`} className="inline-form" label={t("stages.add")} resetOnSuccess>
          <input type="hidden" name="pipelineId" value={pipeline.id} />
          <label className="field">
            <span>{t("stages.name")}</span>
            <input name="name" required maxLength={60} />
          </label>
          <label className="field">
            <span>{t("stages.color")}</span>
            <input type="color" name="color" defaultValue="#9aa5b1" />
          </label>
          <label className="field">
            <span>{t("stages.kind")}</span>
            <select name="semantics" defaultValue="P">
              <option value="P">{t("deals.semantics.P")}</option>
              <option value="F">{t("deals.semantics.F")}</option>
            </select>
          </label>
          <label className="field">
            <span>{t("stages.rotDays")}</span>
            <input name="rotDays" type="number" min={1} max={3650} />
          </label>
          <button type="submit" className="button primary small">
            {t("stages.add")}
          </button>
        </ActionForm>
      </section>
    </>
  );
}
