import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ActionForm } from "@/app/_components/action-form";
import { TriggerNotice } from "@/app/_components/triggers/notice";
import { TriggerForm } from "@/app/_components/triggers/trigger-form";
import { formVersion } from "@/lib/actions/form-version";
import { rotateTriggerSecretAction, updateTriggerAction } from "@/lib/automation/triggers/actions";
import { triggerFormValues } from "@/lib/automation/triggers/form";
import { inboundEmailKey } from "@/lib/automation/triggers/inbound-key";
import type { TriggerKind } from "@/lib/automation/triggers/kinds";
import { triggerEditorOptions } from "@/lib/automation/triggers/queries";
import { getTrigger } from "@/lib/automation/triggers/service";
import { inboundEmailPath, siteOrigin, webhookPath } from "@/lib/automation/triggers/site";
import { requireViewer } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import { parseId } from "@/lib/ids";
import { getPipelines } from "@/lib/org/queries";

export const generateMetadata = titled("titles.editTrigger");

/** One trigger's editor, with its webhook address (and a new one on request) or the inbound e-mail address. */
export default async function EditTriggerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const id = parseId((await params).id);
  const query = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const trigger = id === null ? null : await getTrigger(db, viewer, id);
  if (!trigger) notFound();
  const pipeline = (await getPipelines(db, viewer.orgId)).find((p) => p.id === trigger.pipelineId)!;
  const { labels: _labels, ...options } = await triggerEditorOptions(db, viewer, pipeline, t);
  const origin = await siteOrigin();
  const back = `/deals/automation/triggers?pipeline=${pipeline.id}`;
  const initial = triggerFormValues(trigger);
  return (
    <>
      <h1>
        {t("triggers.editTitle")} · {pipeline.name}
      </h1>
      <p>
        <Link href={back}>{t("triggers.back")}</Link>
      </p>
      <TriggerNotice value={query.notice} t={t} notices={{ rotated: "triggers.webhook.rotated" }} />
      {trigger.kind === "incomingWebhook" && trigger.secret && (
        <section className="card-section">
          <h2>{t("triggers.webhook.url")}</h2>
          <p>
            <code data-testid="webhook-url">{origin + webhookPath(trigger.secret)}</code>
          </p>
          <p className="muted small">{t("triggers.webhook.hint")}</p>
          <ActionForm action={rotateTriggerSecretAction} record={`rotate-${trigger.id}`} label={t("triggers.webhook.rotate")}>
            <input type="hidden" name="id" value={trigger.id} />
            <button type="submit" className="button small">
              {t("triggers.webhook.rotate")}
            </button>
          </ActionForm>
        </section>
      )}
      {trigger.kind === "emailReceived" && (
        <section className="card-section">
          <h2>{t("triggers.inbound.address")}</h2>
          <p>
            <code>{origin + inboundEmailPath(await inboundEmailKey(db, viewer.orgId))}</code>
          </p>
          <p className="muted small">{t("triggers.inbound.hint")}</p>
        </section>
      )}
      <section className="card-section">
        <TriggerForm
          action={updateTriggerAction}
          locale={locale}
          kind={trigger.kind as TriggerKind}
          id={trigger.id}
          initial={initial}
          options={options}
          cancelHref={back}
          record={`trigger:${trigger.id}`}
          version={formVersion(initial)}
        />
      </section>
    </>
  );
}
