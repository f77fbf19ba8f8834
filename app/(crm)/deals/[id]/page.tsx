import type { Metadata } from "next";
import Link from "next/link";
import { deleteDealAction } from "@/lib/deals/actions";
import { referencedIds } from "@/lib/deals/history";
import { defaultDeadline, toLocalInput } from "@/lib/activities/deadline";
import { getTimeline, parseTimelineCursor } from "@/lib/activities/timeline";
import { getUsers } from "@/lib/org/queries";
import { customReferences, formatCustomValue } from "@/lib/fields/format";
import { getFieldDefinitions } from "@/lib/fields/queries";
import { fileNames } from "@/lib/files/uploads";
import { ActivityForm } from "@/app/_components/activities/activity-form";
import { CommentForm } from "@/app/_components/activities/comment-form";
import { Timeline } from "@/app/_components/activities/timeline";
import { ProductRowsTable } from "@/app/_components/products/product-rows-table";
import { Reach } from "@/app/_components/reach";
import { loadDealCardPage } from "@/lib/deals/card-page";
import { getHistoryLookups } from "@/lib/deals/queries";
import { formatDate, formatDateTime, formatMaybeMoney } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { can } from "@/lib/permissions";
import { DeleteDealForm } from "@/app/_components/delete-deal-form";
import { Notice } from "@/app/_components/notice";
import { StageBadge } from "@/app/_components/stage-badge";

export const metadata: Metadata = { title: "Deal" };

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
  const tab = query.tab === "products" || query.tab === "history" ? query.tab : "general";
  const before = parseTimelineCursor(query.older);
  const [timeline, people, fieldDefs] = await Promise.all([getTimeline(db, viewer.orgId, id, { before, historyOnly: tab === "history" }), getUsers(db, viewer.orgId), getFieldDefinitions(db, viewer)]);
  const changes = timeline.stream.flatMap((e) => (e.kind === "event" ? e.item.event.changes : []));
  const standardIds = referencedIds(changes);
  const customIds = customReferences(fieldDefs, [card.deal.custom, ...changes.flatMap((c) => [{ [c.field]: c.old }, { [c.field]: c.new }])]);
  const lookups = {
    ...(await getHistoryLookups(db, viewer.orgId, {
      companies: new Set([...standardIds.companies, ...customIds.companies]),
      contacts: new Set([...standardIds.contacts, ...customIds.contacts]),
    })),
    files: await fileNames(db, viewer.orgId, [...customIds.files]),
    fields: new Map(fieldDefs.map((d) => [d.code, d])),
    timeZone: viewer.org.timezone,
  };
  const { deal } = card;
  const tz = viewer.org.timezone;
  const facts = { ...deal, observerIds: card.observers.map((o) => o.id) };
  const mayEdit = can(viewer, "UPDATE", facts);
  const mayDelete = can(viewer, "DELETE", facts);
  const none = t("common.none");

  const row = (label: string, value: React.ReactNode) => (
    <div className="kv">
      <dt>{label}</dt>
      <dd>{value ?? none}</dd>
    </div>
  );

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
      {mayDelete && query.confirm === "delete" && (
        <DeleteDealForm
          action={deleteDealAction}
          id={id}
          version={deal.version}
          labels={{ question: t("deals.deleteConfirm"), confirm: t("common.delete"), cancel: t("common.cancel") }}
        />
      )}
      <nav className="tabs card-tabs" aria-label={t("deals.tabs")}>
        {(["general", "products", "history"] as const).map((key) => (
          <Link key={key} href={key === "general" ? `/deals/${id}` : `/deals/${id}?tab=${key}`} aria-current={tab === key ? "page" : undefined}>
            {t(`deals.tab.${key}`)}
          </Link>
        ))}
      </nav>
      {tab === "general" && (
        <div className="card-columns">
          <div>
            <section className="card-section">
              <h2>{t("deals.aboutDeal")}</h2>
              <dl>
                {row(t("deals.fields.pipeline"), card.pipelineName)}
                {row(t("deals.fields.stage"), card.stageName)}
                {row(t("deals.fields.amount"), formatMaybeMoney(deal.amount, deal.currency, locale, t("common.hidden")))}
                {row(t("deals.fields.responsible"), card.responsibleName)}
                {row(
                  t("deals.fields.company"),
                  card.companyTitle ? (
                    <>
                      {card.companyTitle}
                      <Reach phones={card.companyPhones ?? []} emails={card.companyEmails ?? []} />
                    </>
                  ) : null,
                )}
                {row(
                  t("deals.fields.contacts"),
                  card.contacts.length ? (
                    <ul className="plain">
                      {card.contacts.map((c) => (
                        <li key={c.id}>
                          {[c.lastName, c.name].filter(Boolean).join(" ")}
                          <Reach phones={c.phones} emails={c.emails} />
                        </li>
                      ))}
                    </ul>
                  ) : null,
                )}
                {row(t("deals.fields.beginDate"), formatDate(deal.beginDate, locale))}
                {row(t("deals.fields.closeDate"), formatDate(deal.closeDate, locale))}
                {row(t("deals.fields.probability"), deal.probability)}
                {row(t("deals.fields.opened"), deal.opened ? t("common.yes") : t("common.no"))}
              </dl>
            </section>
            <section className="card-section">
              <h2>{t("deals.more")}</h2>
              <dl>
                {row(t("deals.fields.source"), deal.sourceId ? t(`deals.sources.${deal.sourceId}` as MessageKey) : null)}
                {row(t("deals.fields.sourceDescription"), deal.sourceDescription)}
                {row(t("deals.fields.type"), deal.typeId ? t(`deals.types.${deal.typeId}` as MessageKey) : null)}
                {row(t("deals.fields.comments"), deal.comments ? <span className="pre">{deal.comments}</span> : null)}
                {row(t("deals.fields.observers"), card.observers.map((o) => o.name).join(", ") || null)}
                {row(t("deals.fields.createdBy"), card.creatorName)}
                {row(t("deals.fields.createdAt"), formatDateTime(deal.createdAt, locale, tz))}
                {row(t("deals.fields.updatedAt"), formatDateTime(deal.updatedAt, locale, tz))}
              </dl>
            </section>
            {fieldDefs.length > 0 && (
              <section className="card-section" data-testid="card-custom-fields">
                <h2>{t("fields.section")}</h2>
                <dl>
                  {fieldDefs.map((def) => {
                    const value = deal.custom[def.code];
                    const text = formatCustomValue(def, value, { t, locale, timeZone: tz, names: lookups });
                    const shown =
                      def.type === "url" && typeof value === "string" ? (
                        <a href={value} rel="noopener noreferrer nofollow" target="_blank">
                          {value}
                        </a>
                      ) : def.type === "file" && value !== undefined ? (
                      (Array.isArray(value) ? value : [value]).map((v, i) => (
                        <span key={i}>
                          {i > 0 && ", "}
                          <a href={`/files/${Number(v)}`}>{lookups.files.get(Number(v)) ?? `#${Number(v)}`}</a>
                        </span>
                      ))
                    ) : def.type === "crm" && def.settings.target === "deal" && value !== undefined ? (
                        (Array.isArray(value) ? value : [value]).map((v, i) => (
                          <span key={i}>
                            {i > 0 && ", "}
                            <a href={`/deals/${Number(v)}`}>#{Number(v)}</a>
                          </span>
                        ))
                      ) : (
                        <span className={def.type === "address" || def.settings.multiline ? "pre" : undefined}>{text}</span>
                      );
                    return (
                      <div className="kv" key={def.code}>
                        <dt>{def.label}</dt>
                        <dd>{shown}</dd>
                      </div>
                    );
                  })}
                </dl>
              </section>
            )}
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
                        values={{ type: "call", subject: "", description: "", deadline: toLocalInput(defaultDeadline(new Date(), tz), tz), responsibleId: viewer.id, direction: "", reminders: [15] }}
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
                    people={people.map(({ id: userId, name }) => ({ id: userId, name }))}
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
                <ProductRowsTable rows={card.products} currency={deal.currency} hidden={card.amountHidden} t={t} locale={locale} />
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
      {tab === "history" && (
        <section className="card-section" aria-label={t("deals.tab.history")}>
          <Timeline dealId={id} timeline={timeline} lookups={lookups} t={t} locale={locale} timeZone={tz} currency={deal.currency} amountHidden={card.amountHidden} mayEdit={false} users={[]} editing={null} paged={before !== null} historyOnly />
        </section>
      )}
    </article>
  );
}
