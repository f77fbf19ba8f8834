import type { CardLayout } from "@/db/schema";
import type { DealCard } from "@/lib/deals/queries";
import type { HistoryLookups } from "@/lib/deals/history";
import { formatCustomValue } from "@/lib/fields/format";
import type { FieldDefinition } from "@/lib/fields/values";
import { formatDate, formatDateTime, formatMaybeMoney } from "@/lib/i18n/format";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/translate";
import type { StandardCardField } from "@/lib/layouts/resolve";
import { Reach } from "@/app/_components/reach";
import { contactName } from "@/lib/clients/contact-name";

type Props = {
  card: DealCard;
  layout: CardLayout;
  defs: FieldDefinition[];
  lookups: HistoryLookups & { files: Map<number, string> };
  t: Translate;
  locale: Locale;
  timeZone: string;
  mayEdit?: boolean;
  /** Where a field's value leads to edit it in place (null: not editable there). */
  editHref?: (key: string) => string | null;
  /** The field being edited in place, and its form. */
  inline?: { key: string; form: React.ReactNode } | null;
};

/** Values that hold links of their own (phones, e-mails, files, URLs) get an edit link beside them, not around them. */
const holdsLinks = (key: string, def: FieldDefinition | undefined) => key === "company" || key === "contacts" || (def !== undefined && ["url", "file", "crm"].includes(def.type));

const presetTitle: Record<"about" | "more" | "custom", MessageKey> = { about: "deals.aboutDeal", more: "deals.more", custom: "fields.section" };

/** A custom value as the card shows it: links for URLs, files and deals; names for people and records. */
function CustomValue({ def, value, lookups, t, locale, timeZone }: { def: FieldDefinition; value: unknown } & Omit<Props, "card" | "layout" | "defs">) {
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  if (def.type === "url" && typeof value === "string") {
    return (
      <a href={value} rel="noopener noreferrer nofollow" target="_blank">
        {value}
      </a>
    );
  }
  if ((def.type === "file" || (def.type === "crm" && def.settings.target === "deal")) && list.length) {
    return list.map((v, i) => (
      <span key={i}>
        {i > 0 && ", "}
        {def.type === "file" ? <a href={`/files/${Number(v)}`}>{lookups.files.get(Number(v)) ?? `#${Number(v)}`}</a> : <a href={`/deals/${Number(v)}`}>#{Number(v)}</a>}
      </span>
    ));
  }
  return <span className={def.type === "address" || def.settings.multiline ? "pre" : undefined}>{formatCustomValue(def, value, { t, locale, timeZone, names: lookups })}</span>;
}

/** The card's fields in the sections of its layout (per pipeline, common or the viewer's own). */
export function CardFields({ card, layout, defs, lookups, t, locale, timeZone, mayEdit = false, editHref, inline }: Props) {
  const { deal } = card;
  const none = t("common.none");
  const standard: Record<StandardCardField, [MessageKey, React.ReactNode]> = {
    pipeline: ["deals.fields.pipeline", card.pipelineName],
    stage: ["deals.fields.stage", card.stageName],
    amount: ["deals.fields.amount", formatMaybeMoney(deal.amount, deal.currency, locale, t("common.hidden"))],
    responsible: ["deals.fields.responsible", card.responsibleName],
    company: [
      "deals.fields.company",
      card.companyTitle ? (
        <>
          {card.companyTitle}
          <Reach phones={card.companyPhones ?? []} emails={card.companyEmails ?? []} />
        </>
      ) : null,
    ],
    contacts: [
      "deals.fields.contacts",
      card.contacts.length ? (
        <ul className="plain">
          {card.contacts.map((c) => (
            <li key={c.id}>
              {contactName(c)}
              <Reach phones={c.phones} emails={c.emails} />
            </li>
          ))}
        </ul>
      ) : null,
    ],
    beginDate: ["deals.fields.beginDate", formatDate(deal.beginDate, locale)],
    closeDate: ["deals.fields.closeDate", formatDate(deal.closeDate, locale)],
    probability: ["deals.fields.probability", deal.probability],
    opened: ["deals.fields.opened", deal.opened ? t("common.yes") : t("common.no")],
    source: ["deals.fields.source", deal.sourceId ? t(`deals.sources.${deal.sourceId}` as MessageKey) : null],
    sourceDescription: ["deals.fields.sourceDescription", deal.sourceDescription],
    type: ["deals.fields.type", deal.typeId ? t(`deals.types.${deal.typeId}` as MessageKey) : null],
    comments: ["deals.fields.comments", deal.comments ? <span className="pre">{deal.comments}</span> : null],
    observers: ["deals.fields.observers", card.observers.map((o) => o.name).join(", ") || null],
    createdBy: ["deals.fields.createdBy", card.creatorName],
    createdAt: ["deals.fields.createdAt", formatDateTime(deal.createdAt, locale, timeZone)],
    updatedAt: ["deals.fields.updatedAt", formatDateTime(deal.updatedAt, locale, timeZone)],
  };
  const byCode = new Map(defs.map((d) => [d.code, d]));
  return (
    <>
      {layout.sections.map((section, i) =>
        section.fields.length === 0 ? null : (
          <section key={i} className="card-section" data-testid={section.preset === "custom" ? "card-custom-fields" : `card-section-${i}`}>
            <div className="section-head">
              <h2>{section.name ?? t(presetTitle[section.preset ?? "more"])}</h2>
              {mayEdit && (
                <a href={`/deals/${deal.id}/edit?section=${i}`} className="button small" aria-label={t("deals.editSection", { section: section.name ?? t(presetTitle[section.preset ?? "more"]) })}>
                  {t("common.edit")}
                </a>
              )}
            </div>
            <dl>
              {section.fields.map((key) => {
                const def = byCode.get(key);
                const [label, value] = def
                  ? [def.label, <CustomValue key={key} def={def} value={deal.custom[key]} lookups={lookups} t={t} locale={locale} timeZone={timeZone} />]
                  : key in standard
                    ? [t(standard[key as StandardCardField][0]), standard[key as StandardCardField][1]]
                    : [key, null];
                const href = mayEdit ? (editHref?.(key) ?? null) : null;
                const editLabel = t("deals.editField", { field: String(label) });
                return (
                  <div className="kv" key={key} id={`card-field-${key}`}>
                    <dt>{label}</dt>
                    <dd>
                      {inline?.key === key ? (
                        inline.form
                      ) : href && !holdsLinks(key, def) ? (
                        <a href={href} className="inline-edit-value" title={editLabel} aria-label={`${editLabel}: ${typeof value === "string" || typeof value === "number" ? value : none}`}>
                          {value ?? none}
                        </a>
                      ) : (
                        <>
                          {value ?? none}
                          {href && (
                            <>
                              {" "}
                              <a href={href} className="inline-edit-link" aria-label={editLabel} title={editLabel}>
                                ✎
                              </a>
                            </>
                          )}
                        </>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ),
      )}
    </>
  );
}
