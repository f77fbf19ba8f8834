import { describeChange, type HistoryLookups } from "@/lib/deals/history";
import { isValidCode } from "@/lib/fields/code";
import type { Timeline as TimelineData } from "@/lib/activities/timeline";
import { toLocalInput } from "@/lib/activities/deadline";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale, Translate } from "@/lib/i18n/translate";
import { ActivityActionForms, ActivityButtons } from "./activity-buttons";
import { ActivityForm } from "./activity-form";

type Props = {
  dealId: number;
  timeline: TimelineData;
  lookups: HistoryLookups;
  t: Translate;
  locale: Locale;
  timeZone: string;
  currency: string;
  amountHidden: boolean;
  mayEdit: boolean;
  users: { id: number; name: string; active?: boolean }[];
  /** The activity whose edit form is open (?editActivity=ID). */
  editing: number | null;
  /** Showing an older page of the stream (?older=…). */
  paged: boolean;
  /** The History tab: the changes only, without the planned activities. */
  historyOnly?: boolean;
};

/** The deal's one stream: open activities pinned on top (overdue in red), then everything that happened, newest first. */
export function Timeline({ dealId, timeline, lookups, t, locale, timeZone, currency, amountHidden, mayEdit, users, editing, paged, historyOnly = false }: Props) {
  const base = historyOnly ? `/deals/${dealId}?tab=history` : `/deals/${dealId}`;
  const older = (iso: string) => `${base}${historyOnly ? "&" : "?"}older=${encodeURIComponent(iso)}${historyOnly ? "" : "#timeline"}`;
  const when = (d: Date) => formatDateTime(d, locale, timeZone);
  return (
    <>
      {mayEdit && <ActivityActionForms t={t} />}
      {!historyOnly && <h3>{t("activities.planned")}</h3>}
      {historyOnly ? null : timeline.planned.length === 0 ? (
        <p className="muted" data-testid="nothing-planned">
          {t("activities.noPlanned")}
        </p>
      ) : (
        <ul className="timeline" data-testid="planned">
          {timeline.planned.map(({ activity: a, responsibleName, overdue }) => (
            <li key={a.id} className={overdue ? "overdue" : undefined} data-testid="planned-activity">
              <div>
                <strong>{t(`deals.activityTypes.${a.type}`)}</strong>
                {a.direction && <span className="muted"> ({t(`activities.${a.direction}`)})</span>}: {a.subject}
              </div>
              <div className="muted">
                {when(a.deadline)} · {responsibleName}
                {overdue && <span className="badge danger"> {t("activities.overdue")}</span>}
              </div>
              {a.description && <div className="pre">{a.description}</div>}
              {mayEdit && (
                <div className="row-actions">
                  <ActivityButtons id={a.id} subject={a.subject} completed={false} t={t} />
                  {editing !== a.id && (
                    <a href={`/deals/${dealId}?editActivity=${a.id}#activity-${a.id}`} className="link-button">
                      {t("activities.edit")}
                    </a>
                  )}
                </div>
              )}
              {mayEdit && editing === a.id && (
                <div id={`activity-${a.id}`}>
                  <ActivityForm
                    dealId={dealId}
                    users={users}
                    t={t}
                    timeZone={timeZone}
                    values={{
                      id: a.id,
                      version: a.version,
                      type: a.type,
                      subject: a.subject,
                      description: a.description ?? "",
                      deadline: toLocalInput(a.deadline, timeZone),
                      responsibleId: a.responsibleId,
                      direction: a.direction ?? "",
                      reminders: a.reminders,
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{historyOnly ? t("deals.tab.history") : t("activities.stream")}</h3>
      {timeline.stream.length === 0 ? (
        <p className="muted">{t("activities.emptyStream")}</p>
      ) : (
        <ol className="timeline" data-testid="history">
          {timeline.stream.map((entry) => {
            if (entry.kind === "activity") {
              const { activity: a, completedByName } = entry.item;
              const name = completedByName ?? t("deals.events.system");
              // An outgoing e-mail (one a robot sent included) reads as sent, its text under it: as text, never as markup.
              const sentEmail = a.type === "email" && a.direction === "outgoing";
              return (
                <li key={`a${a.id}`} className="done" data-testid="done-activity">
                  <div>
                    {sentEmail ? t("messaging.timeline.sent", { name }) : t("activities.completedActivity", { name })}: <strong>{t(`deals.activityTypes.${a.type}`)}</strong> {a.subject}
                  </div>
                  <div className="muted">{when(entry.at)}</div>
                  {sentEmail && a.description && (
                    <details>
                      <summary>{t("messaging.outbox.body")}</summary>
                      <div className="pre" data-testid="email-text">
                        {a.description}
                      </div>
                    </details>
                  )}
                  {mayEdit && <ActivityButtons id={a.id} subject={a.subject} completed t={t} />}
                </li>
              );
            }
            const { event, userName } = entry.item;
            // Custom fields the viewer may not see leave no trace: their changes are dropped, and an edit of nothing else.
            const changes = event.changes.filter((c) => !isValidCode(c.field) || lookups.fields?.has(c.field));
            if (event.kind === "updated" && event.changes.length > 0 && changes.length === 0) return null;
            return (
              <li key={`e${event.id}`} className={event.kind === "comment" ? "comment" : undefined}>
                <div>{t(`deals.events.${event.kind}`, { name: userName ?? t("deals.events.system") })}</div>
                <div className="muted">{when(event.at)}</div>
                {event.body && <div className="pre comment-body">{event.body}</div>}
                {changes.length > 0 && (
                  <ul className="changes">
                    {changes.map((change) => {
                      const d = describeChange(change, lookups, t, locale, currency, amountHidden);
                      return (
                        <li key={change.field}>
                          {d.label}: <del>{d.old}</del> → <ins>{d.new}</ins>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p className="pager">
        {paged && <a href={historyOnly ? base : `${base}#timeline`}>{t("activities.showNewest")}</a>}{" "}
        {timeline.older && (
          <a href={older(timeline.older.toISOString())} data-testid="timeline-older">
            {t("activities.showOlder")}
          </a>
        )}
      </p>
    </>
  );
}
