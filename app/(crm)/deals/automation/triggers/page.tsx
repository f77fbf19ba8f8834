import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ActionForm } from "@/app/_components/action-form";
import { TriggerNotice } from "@/app/_components/triggers/notice";
import { configurablePipelines } from "@/lib/automation/triggers/access";
import { deleteTriggerAction, rotateInboundKeyAction, switchTriggerAction } from "@/lib/automation/triggers/actions";
import { inboundEmailKey } from "@/lib/automation/triggers/inbound-key";
import { customCodeOf, type TriggerKind } from "@/lib/automation/triggers/kinds";
import { describeDetail, fieldLabel } from "@/lib/automation/triggers/labels";
import { recentFirings } from "@/lib/automation/triggers/queries";
import { listTriggers, type TriggerWithAuthor } from "@/lib/automation/triggers/service";
import { inboundEmailPath, siteOrigin, webhookPath } from "@/lib/automation/triggers/site";
import { webFormsOfPipeline } from "@/lib/automation/triggers/web-forms/service";
import type { Comparison, ConditionGroup } from "@/lib/automation/definitions";
import { requireViewer } from "@/lib/auth/viewer";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { parseId } from "@/lib/ids";
import { getPipelines } from "@/lib/org/queries";
import { maySetUp } from "@/lib/permissions";

export const generateMetadata = titled("titles.triggers");

const notices = {
  created: "triggers.created",
  saved: "triggers.saved",
  deleted: "triggers.deleted",
  switchedOn: "triggers.switchedOn",
  switchedOff: "triggers.switchedOff",
  inboundRotated: "triggers.inbound.rotated",
} as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Deals → Automation → Triggers, per pipeline (?pipeline=ID): the pipeline's triggers with what
 * sets each off, where it moves the deal and under which condition; switch off, edit, delete; the
 * webhook and inbound e-mail addresses; the latest firings. Needs the role's automation right.
 */
export default async function TriggersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const pipelines = configurablePipelines(viewer, await getPipelines(db, viewer.orgId));
  if (pipelines.length === 0) {
    return (
      <>
        <h1>{t("triggers.title")}</h1>
        <p className="muted">{t("triggers.noPipelines")}</p>
      </>
    );
  }
  const wanted = first(params.pipeline) === undefined ? pipelines[0]!.id : parseId(first(params.pipeline));
  const pipeline = pipelines.find((p) => p.id === wanted);
  if (!pipeline) notFound();
  const [triggers, fields, forms, firings, origin] = await Promise.all([
    listTriggers(db, viewer, pipeline.id),
    getFieldDefinitions(db, viewer),
    webFormsOfPipeline(db, viewer.orgId, pipeline.id),
    recentFirings(db, viewer, pipeline.id),
    siteOrigin(),
  ]);
  const labels = new Map(fields.map((f) => [f.code, f.label]));
  const stageName = (id: number) => pipeline.stages.find((s) => s.id === id)?.name ?? "—";
  const formName = (id: unknown) => forms.find((f) => f.id === id)?.name ?? `#${String(id)}`;
  const inboundKey = triggers.some((tr) => tr.kind === "emailReceived") ? await inboundEmailKey(db, viewer.orgId) : null;
  const deleting = triggers.find((tr) => String(tr.id) === first(params.delete));
  const here = `/deals/automation/triggers?pipeline=${pipeline.id}`;

  return (
    <>
      <div className="page-head">
        <h1>{t("triggers.title")}</h1>
        <Link href={`/deals/automation/triggers/new?pipeline=${pipeline.id}`} className="button primary">
          {t("triggers.add")}
        </Link>
      </div>
      <nav className="tabs" aria-label={t("triggers.pipeline")}>
        {pipelines.map((p) => (
          <Link key={p.id} href={`/deals/automation/triggers?pipeline=${p.id}`} aria-current={p.id === pipeline.id ? "page" : undefined}>
            {p.name}
          </Link>
        ))}
      </nav>
      <TriggerNotice value={params.notice} t={t} notices={notices} />
      <p className="muted">{t("triggers.intro")}</p>

      {deleting && (
        <section className="card-section" id="delete">
          <ActionForm action={deleteTriggerAction} record={`trigger-delete-${deleting.id}`} label={t("triggers.delete")}>
            <input type="hidden" name="id" value={deleting.id} />
            <p>{t("triggers.deleteConfirm", { name: deleting.name })}</p>
            <button type="submit" className="button danger">
              {t("triggers.delete")}
            </button>{" "}
            <Link href={here} className="button">
              {t("common.cancel")}
            </Link>
          </ActionForm>
        </section>
      )}

      <section className="card-section">
        {triggers.length === 0 ? (
          <p className="muted">{t("triggers.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="triggers">
              <thead>
                <tr>
                  <th scope="col">{t("triggers.name")}</th>
                  <th scope="col">{t("triggers.when")}</th>
                  <th scope="col">{t("triggers.stage")}</th>
                  <th scope="col">{t("triggers.condition")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {triggers.map((tr) => (
                  <tr key={tr.id} data-trigger={tr.id} className={tr.enabled ? undefined : "muted"}>
                    <td>
                      <strong>{tr.name}</strong>
                      <br />
                      <span className="muted small">{tr.authorActive ? t("triggers.author", { name: tr.authorName ?? "?" }) : t("triggers.authorInactive", { name: tr.authorName ?? "?" })}</span>
                    </td>
                    <td>
                      {whenText(tr, t, labels, formName)}
                      {tr.kind === "incomingWebhook" && tr.secret && (
                        <>
                          <br />
                          <code className="small">{origin + webhookPath(tr.secret)}</code>
                        </>
                      )}
                    </td>
                    <td>
                      {stageName(tr.stageId)}
                      {tr.allowBackwards && <span className="muted small"> ↩</span>}
                    </td>
                    <td>{conditionText(tr.condition as ConditionGroup | null, t, labels)}</td>
                    <td className="row-actions">
                      <span className={`badge${tr.enabled ? "" : " muted"}`}>{tr.enabled ? t("triggers.on") : t("triggers.off")}</span>{" "}
                      <ActionForm action={switchTriggerAction} record={`trigger-switch-${tr.id}-${tr.enabled}`} className="inline-form" label={tr.enabled ? t("triggers.switchOff") : t("triggers.switchOn")}>
                        <input type="hidden" name="id" value={tr.id} />
                        <input type="hidden" name="enabled" value={tr.enabled ? "off" : "on"} />
                        <button type="submit" className="link-button">
                          {tr.enabled ? t("triggers.switchOff") : t("triggers.switchOn")}
                        </button>
                      </ActionForm>{" "}
                      <Link href={`/deals/automation/triggers/${tr.id}`}>{t("triggers.edit")}</Link>{" "}
                      <Link href={`${here}&delete=${tr.id}#delete`} className="danger-text">
                        {t("triggers.delete")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {inboundKey && (
        <section className="card-section">
          <h2>{t("triggers.inbound.address")}</h2>
          <p>
            <code data-testid="inbound-address">{origin + inboundEmailPath(inboundKey)}</code>
          </p>
          <p className="muted small">{t("triggers.inbound.hint")}</p>
          {maySetUp(viewer) && (
            <ActionForm action={rotateInboundKeyAction} record="inbound-rotate" label={t("triggers.inbound.rotate")}>
              <input type="hidden" name="pipeline" value={pipeline.id} />
              <button type="submit" className="button small">
                {t("triggers.inbound.rotate")}
              </button>
            </ActionForm>
          )}
        </section>
      )}

      <section className="card-section">
        <h2>{t("triggers.recent")}</h2>
        {firings.length === 0 ? (
          <p className="muted">{t("triggers.noRuns")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="trigger-firings">
              <thead>
                <tr>
                  <th scope="col">{t("triggers.at")}</th>
                  <th scope="col">{t("triggers.name")}</th>
                  <th scope="col">{t("triggers.deal")}</th>
                  <th scope="col">{t("triggers.status")}</th>
                </tr>
              </thead>
              <tbody>
                {firings.map((run) => (
                  <tr key={run.id}>
                    <td>{formatDateTime(run.at, locale, viewer.org.timezone)}</td>
                    <td>{run.name}</td>
                    <td>
                      <Link href={`/deals/${run.dealId}`}>{run.dealTitle}</Link>
                    </td>
                    <td>
                      <strong>{t(`triggers.statuses.${run.status}`)}</strong> {describeDetail(run.detail, t, labels)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** What sets the trigger off, in words. */
function whenText(trigger: TriggerWithAuthor, t: Translate, labels: ReadonlyMap<string, string>, formName: (id: unknown) => string): string {
  const kind = t(`triggers.kinds.${trigger.kind as TriggerKind}`);
  const config = trigger.config as Record<string, unknown>;
  if (trigger.kind === "fieldChanged" && typeof config.field === "string") {
    const field = fieldLabel(config.field, t, labels);
    const missing = customCodeOf(config.field) !== null && !labels.has(customCodeOf(config.field)!);
    return `${kind}: ${field}${missing ? " ⚠" : ""}${typeof config.value === "string" && config.value ? ` → ${config.value}` : ""}`;
  }
  if (trigger.kind === "activityCompleted" && typeof config.activityType === "string") return `${kind}: ${t(`deals.activityTypes.${config.activityType as "call"}`)}`;
  if (trigger.kind === "webForm" && config.formId !== undefined) return `${kind}: ${formName(config.formId)}`;
  return kind;
}

function conditionText(condition: ConditionGroup | null, t: Translate, labels: ReadonlyMap<string, string>): string {
  if (!condition || condition.items.length === 0) return "—";
  const joiner = ` ${t(`triggers.opShort.${condition.op}`)} `;
  return condition.items
    .filter((item): item is Comparison => !("op" in item))
    .map((c) => `${fieldLabel(c.field, t, labels)} ${t(`triggers.cmp.${c.cmp}`)}${c.value !== undefined ? ` ${c.value}` : ""}`)
    .join(joiner);
}
