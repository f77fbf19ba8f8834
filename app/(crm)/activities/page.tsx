import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { activityViewableUserIds, countersFor } from "@/lib/activities/counters";
import { activityGroups, openActivitiesOf } from "@/lib/activities/queries";
import { parseId } from "@/lib/ids";
import { formatDateTime } from "@/lib/i18n/format";
import { getI18n } from "@/lib/i18n/server";
import { getUsers } from "@/lib/org/queries";
import { ActivityActionForms, ActivityButtons } from "@/app/_components/activities/activity-buttons";
import { CounterBar } from "@/app/_components/activities/counter-bar";
import { Notice } from "@/app/_components/notice";

export const generateMetadata = titled("titles.activities");

/** "My activities": today, overdue, this week, later, with quick complete. A manager may pick a subordinate (?user=ID). */
export default async function ActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requireViewer();
  const { t, locale } = await getI18n();
  const db = await getDb();
  const tz = viewer.org.timezone;
  const asked = parseId(params.user) ?? viewer.id;
  const viewable = new Set(await activityViewableUserIds(db, viewer));
  if (!viewable.has(asked)) notFound();
  const [groups, counters, people] = await Promise.all([openActivitiesOf(db, viewer, asked, tz), countersFor(db, viewer, asked, tz), getUsers(db, viewer.orgId)]);
  const visible = people.filter((p) => viewable.has(p.id));
  const own = asked === viewer.id;
  const total = activityGroups.reduce((n, g) => n + groups[g].length, 0);
  return (
    <>
      <div className="page-head">
        <h1>{own ? t("activities.title") : `${t("activities.ofUser")} ${people.find((p) => p.id === asked)?.name ?? ""}`}</h1>
        {visible.length > 1 && (
          <form method="get" className="inline">
            <label htmlFor="activities-user">{t("activities.ofUser")}</label>{" "}
            <select id="activities-user" name="user" defaultValue={asked}>
              {visible.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>{" "}
            <button type="submit" className="button small">
              {t("list.apply")}
            </button>
          </form>
        )}
      </div>
      <Notice value={params.notice} t={t} />
      <CounterBar counters={counters} t={t} variant="bar" href={(kind) => `/deals?responsible=${asked}&${kind}=1`} />
      <ActivityActionForms t={t} back="activities" />
      {total === 0 && <p className="empty">{t("activities.none")}</p>}
      {activityGroups.map((group) =>
        groups[group].length === 0 ? null : (
          <section key={group} className="card-section" aria-labelledby={`group-${group}`} data-testid={`group-${group}`}>
            <h2 id={`group-${group}`}>
              {t(`activities.groups.${group}`)} <span className="muted">({groups[group].length})</span>
            </h2>
            <ul className="timeline">
              {groups[group].map(({ activity: a, dealTitle }) => (
                <li key={a.id} className={group === "overdue" ? "overdue" : undefined} data-testid="my-activity">
                  <div>
                    <strong>{t(`deals.activityTypes.${a.type}`)}</strong>: {a.subject} ·{" "}
                    <Link href={`/deals/${a.dealId}`}>{dealTitle}</Link>
                  </div>
                  <div className="muted">{formatDateTime(a.deadline, locale, tz)}</div>
                  <ActivityButtons id={a.id} subject={a.subject} completed={false} t={t} mayDelete={false} />
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}
