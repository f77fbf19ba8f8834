import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { completeOpenActivitiesAction } from "@/lib/activities/actions";
import { ActionForm } from "@/app/_components/action-form";
import { referencedIds } from "@/lib/deals/history";
import { defaultDeadline, toLocalInput } from "@/lib/activities/deadline";
import { getTimeline } from "@/lib/activities/timeline";
import { decodeInstant } from "@/lib/deals/list/cursor";
import { DEFAULT_REMINDERS } from "@/lib/activities/reminders";
import { getUsers } from "@/lib/org/queries";
import { customReferences } from "@/lib/fields/format";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { fileNames } from "@/lib/files/uploads";
import { ActivityForm } from "@/app/_components/activities/activity-form";
import { CommentForm } from "@/app/_components/activities/comment-form";
import { Timeline } from "@/app/_components/activities/timeline";
import { ProductRowsTable } from "@/app/_components/products/product-rows-table";
import { CardFields } from "@/app/_components/deal-card/card-fields";
import { layoutFor } from "@/lib/layouts/service";
import { loadDealCardPage } from "@/lib/deals/card-page";
import { getHistoryLookups } from "@/lib/deals/queries";
import { formatMaybeMoney } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { can } from "@/lib/permissions";
import { DeleteDealForm } from "@/app/_components/delete-deal-form";
import { Notice } from "@/app/_components/notice";
import { StageBadge } from "@/app/_components/stage-badge";
import { DealRunLog } from "@/app/_components/automation/deal-run-log";
import { DealDocuments } from "@/app/_components/documents/deal-documents";
import { customStatuses } from "@/lib/documents/statuses";
import { stageBarOf } from "@/lib/deals/stage-bar";
import { StageBar } from "@/app/_components/deal-card/stage-bar";
import { InlineEdit } from "@/app/_components/deal-card/inline-edit";
import { DealForm } from "@/app/_components/deal-form";
import { dealEditForm, inlineFormNames } from "@/lib/deals/edit-form";
import { deleteDealAction, updateDealAction } from "@/lib/deals/actions";
import { mayAddClients } from "@/lib/permissions";

export const generateMetadata = titled("titles.deal");

export default async function DealPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id: segment }, query] = await Promise.all([params, searchParams]);
  const { viewer, db, id, card } = await loadDealCardPage(segment);
  const { t, locale } = await getI18n();
  const tabs = ["general", "products", "quotes", "invoices", "history", "automation"] as const;
  const tab = tabs.find((key) => key === query.tab) ?? "general";
  const before = decodeInstant(query.older);
  const facts = { ...card.deal, observerIds: card.observers.map((o) => o.id) };
  const mayEdit = can(viewer, "UPDATE", facts);
  const mayDelete = can(viewer, "DELETE", facts);
  const [timeline, people, fieldDefs, bar] = await Promise.all([
    getTimeline(db, viewer, facts, { before, historyOnly: tab === "history" }),
    getUsers(db, viewer.orgId),
    getFieldDefinitions(db, viewer),
    stageBarOf(db, viewer, card.deal, mayEdit),
  ]);
  const changes = timeline.stream.flatMap((e) => (e.kind === "event" ? e.item.event.changes : []));
  const standardIds = referencedIds(changes);
  const customIds = customReferences(fieldDefs, [card.deal.custom, ...changes.flatMap((c) => [{ [c.field]: c.old }, { [c.field]: c.new }])]);
  const lookups = {
    ...(await getHistoryLookups(db, viewer.orgId, {
      companies: new Set([...standardIds.companies, ...customIds.companies]),
      contacts: new Set([...standardIds.contacts, ...customIds.contacts]),
    })),
    files: await fileNames(db, viewer.orgId, [...customIds.files]),
    // Names of added quote and invoice statuses, read only when the history mentions a document.
    documentStatuses: changes.some((c) => c.field === "quote" || c.field === "invoice") ? new Map((await customStatuses(db, viewer.orgId)).map((s) => [`c${s.id}`, s.name])) : undefined,
    fields: new Map(fieldDefs.map((d) => [d.code, d])),
    timeZone: viewer.org.timezone,
  };
  const { layout } = await layoutFor(db, viewer, card.deal.pipelineId, fieldDefs.map((d) => d.code));
  const { deal } = card;
  const tz = viewer.org.timezone;
  // One field edited in place (?edit=<field>): the deal form with that field's inputs only.
  const customCodes = fieldDefs.map((d) => d.code);
  const editKey = typeof query.edit === "string" ? query.edit : null;
  const editNames = mayEdit && editKey ? inlineFormNames(editKey, customCodes) : null;
  const editing = editNames ? await dealEditForm(db, viewer, card, locale) : null;
  const inline =
    editKey && editNames && editing
      ? {
          key: editKey,
          form: (
            <InlineEdit cancelHref={`/deals/${id}`}>
              <DealForm mayAddClients={mayAddClients(viewer)} action={updateDealAction} locale={locale} options={editing.options} initial={editing.initial} cancelHref={`/deals/${id}`} customFields={editing.customFields} fileNames={editing.names} only={editNames} reloadHref={`/deals/${id}?edit=${encodeURIComponent(editKey)}#card-field-${editKey}`} />
            </InlineEdit>
          ),
        }
      : null;
  const editHref = (key: string) => (inlineFormNames(key, customCodes) ? `/deals/${id}?edit=${encodeURIComponent(key)}#card-field-${key}` : null);


  return (
    <article className="deal-card">
      <Notice value={query.notice} t={t} />
      <header className="page-head">
        <div>
          <h1 data-testid="deal-title">{deal.title}</h1>
          <p className="sub">
            <StageBadge name={card.stageName} color={card.stageColor} /> <span className="amount">{formatMaybeMoney(deal.amount, deal.currency, locale, t("common.hidden"))}</span>
          </p>
        </div>
        <div className="actions">
          {mayEdit && (
            <Link href={`/deals/${id}/edit`} className="button primary">
              {t("common.edit")}
            </Link>
          )}
          {mayDelete && (
            <Link href={`/deals/${id}?confirm=delete`} className="button danger">
              {t("common.delete")}
            </Link>
          )}
        </div>
      </header>
      <StageBar dealId={id} stageId={deal.stageId} stages={bar.stages} mayMove={mayEdit} locale={locale} baseCurrency={viewer.org.baseCurrency} options={bar.options} cancelHref={`/deals/${id}`} />
      {mayEdit && deal.closed && timeline.planned.length > 0 && (
        // Won or lost with work still planned: the reference offers to complete it.
        <ActionForm action={completeOpenActivitiesAction} className="alert warning closed-open-activities" label={t("activities.completeAll")}>
          <input type="hidden" name="dealId" value={id} />
          <span>{t("activities.closedWithOpen", { count: timeline.planned.length })}</span>{" "}
          <button type="submit" className="button small">
            {t("activities.completeAll")}
          </button>
        </ActionForm>
      )}
      {mayDelete && query.confirm === "delete" && (
        <DeleteDealForm
          action={deleteDealAction}
          id={id}
          version={deal.version}
          labels={{ question: t("deals.deleteConfirm"), confirm: t("common.delete"), cancel: t("common.cancel") }}
        />
      )}
      <nav className="tabs card-tabs" aria-label={t("deals.tabs")}>
        {tabs.filter((key) => !(card.amountHidden && (key === "quotes" || key === "invoices"))).map((key) => (
          <Link key={key} href={key === "general" ? `/deals/${id}` : `/deals/${id}?tab=${key}`} aria-current={tab === key ? "page" : undefined}>
            {key === "automation" ? t("automation.log.tab") : t(`deals.tab.${key}`)}
          </Link>
        ))}
      </nav>
      {tab === "general" && (
        <div className="card-columns">
          <div>
            {mayEdit && (
              <p className="layout-link">
                <Link href={`/deals/layout?pipeline=${deal.pipelineId}`}>{t("layouts.arrange")}</Link>
              </p>
            )}
            <CardFields card={card} layout={layout} defs={fieldDefs} lookups={lookups} t={t} locale={locale} timeZone={tz} mayEdit={mayEdit} editHref={editHref} inline={inline} />
          </div>
          <div>
            <section className="card-section" id="timeline" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t("activities.timeline")}</h2>
              {mayEdit && (
                <>
                  {timeline.planned.length === 0 || query.plan === "1" ? (
                    <section className="plan-activity" id="plan" aria-label={t("activities.add")}>
                      <ActivityForm
                        dealId={id}
                        users={people}
                        t={t}
                        timeZone={tz}
                        values={{ type: "call", subject: "", description: "", deadline: toLocalInput(defaultDeadline(new Date(), tz), tz), responsibleId: viewer.id, direction: "", reminders: [...DEFAULT_REMINDERS] }}
                      />
                    </section>
                  ) : (
                    // The form (with every colleague as a responsible) is sent only when asked for.
                    <p>
                      <a href={`/deals/${id}?plan=1#plan`} className="button">
                        {t("activities.add")}
                      </a>
                    </p>
                  )}
                  <CommentForm
                    dealId={id}
                    labels={{ comment: t("activities.comment"), placeholder: t("activities.commentPlaceholder"), add: t("activities.addComment"), hint: t("activities.mentionHint") }}
                  />
                </>
              )}
              <Timeline
                dealId={id}
                timeline={timeline}
                lookups={lookups}
                t={t}
                locale={locale}
                timeZone={tz}
                currency={deal.currency}
                amountHidden={card.amountHidden}
                mayEdit={mayEdit}
                users={people}
                editing={typeof query.editActivity === "string" ? Number(query.editActivity) : null}
                paged={before !== null}
              />
            </section>
          </div>
        </div>
      )}
      {tab === "products" && (
        <>
              <section className="card-section" id="products" aria-labelledby="products-title">
                <h2 id="products-title">{t("deals.products")}</h2>
                <ProductRowsTable rows={card.products} currency={deal.currency} hidden={card.amountHidden} t={t} locale={locale} amount={deal.isManualAmount ? deal.amount : null} />
                {mayEdit && !card.amountHidden && (
                  <p>
                    <Link href={`/deals/${id}/products`} className="button small">
                      {t("products.editRows")}
                    </Link>
                  </p>
                )}
              </section>
        </>
      )}
      {(tab === "quotes" || tab === "invoices") && !card.amountHidden && (
        <DealDocuments db={db} viewer={viewer} dealId={id} kind={tab === "quotes" ? "quote" : "invoice"} mayCreate={mayEdit} t={t} locale={locale} timeZone={tz} />
      )}
      {tab === "automation" && (
        <section className="card-section" aria-label={t("automation.log.tab")}>
          <DealRunLog db={db} viewer={viewer} dealId={id} t={t} locale={locale} timeZone={tz} lookups={{ customLabels: new Map(fieldDefs.map((d) => [d.code, d.label])), stageNames: lookups.stages, userNames: lookups.users }} />
        </section>
      )}
      {tab === "history" && (
        <section className="card-section" aria-label={t("deals.tab.history")}>
          <Timeline dealId={id} timeline={timeline} lookups={lookups} t={t} locale={locale} timeZone={tz} currency={deal.currency} amountHidden={card.amountHidden} mayEdit={false} users={[]} editing={null} paged={before !== null} historyOnly />
        </section>
      )}
    </article>
  );
}
