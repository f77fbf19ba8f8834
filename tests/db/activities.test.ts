import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { countersFor, activityViewableUserIds } from "@/lib/activities/counters";
import { addComment } from "@/lib/activities/comments";
import { deliverReminder, registerReminderJob } from "@/lib/activities/reminders";
import { completeOpenActivities, createActivity, deleteActivity, setActivityCompleted, updateActivity, type ActivityInput } from "@/lib/activities/service";
import { applyBulk } from "@/lib/deals/bulk/apply";
import { createDeal, deleteDeal } from "@/lib/deals/service";
import { runDueJobs } from "@/lib/jobs/queue";
import { inTransaction, refusal, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";
import { heardSoFar } from "../helpers/notifications";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const HOUR = 3_600_000;
const TZ = "Asia/Ho_Chi_Minh";

function activity(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return { type: "call", subject: "Call back", description: null, deadline: new Date(Date.now() + 48 * HOUR), responsibleId: org.seller.id, direction: null, reminders: [], ...overrides };
}

async function newDeal(as = org.seller, stageCode = "NEW") {
  return inTx((tx) => createDeal(tx, as, dealInput({ stageId: org.stage(0, stageCode).id, title: "Counter deal" })));
}

/** The counters from scratch, straight from the activities: what the maintained columns must always equal. */
async function recount(userId: number): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`with d as (
          select deals.id, deals.stage_semantics,
            (select min(a.deadline) from activities a where a.deal_id = deals.id and not a.completed) as next,
            exists (select 1 from activities a where a.deal_id = deals.id and not a.completed and a.direction = 'incoming' and a.type in ('call', 'email')) as incoming
          from deals where org_id = ${org.orgId} and assigned_by_id = ${userId}
        )
        select
          count(*) filter (where next < now())::int as overdue,
          count(*) filter (where next >= now() and next < (((now() at time zone ${TZ})::date + 1)::timestamp at time zone ${TZ}))::int as pending,
          count(*) filter (where stage_semantics = 'P' and next is null)::int as idle,
          count(*) filter (where incoming)::int as incoming
        from d`,
  );
  return row!;
}

describe("counters", () => {
  it("count deals by their earliest open activity, for the responsible", async () => {
    const before = await countersFor(db, org.seller, org.seller.id, TZ);
    const overdueDeal = await newDeal();
    const idleDeal = await newDeal();
    const later = await newDeal();
    await inTx((tx) => createActivity(tx, org.seller, overdueDeal, activity({ deadline: new Date(Date.now() - HOUR) })));
    // An overdue and a later one: the deal is overdue once, not counted twice.
    await inTx((tx) => createActivity(tx, org.seller, overdueDeal, activity({ deadline: new Date(Date.now() + 100 * HOUR) })));
    await inTx((tx) => createActivity(tx, org.seller, later, activity({ deadline: new Date(Date.now() + 100 * HOUR), type: "email", direction: "incoming" })));
    const after = await countersFor(db, org.seller, org.seller.id, TZ);
    expect(after.overdue - before.overdue).toBe(1);
    expect(after.idle - before.idle).toBe(1); // idleDeal
    expect(after.incoming - before.incoming).toBe(1);
    expect(after).toEqual(await recount(org.seller.id));
    expect(idleDeal).toBeGreaterThan(0);
  });

  it("a deadline in the past on create is allowed and overdue at once; completing clears it; deleting the deal removes it", async () => {
    const id = await newDeal();
    const before = await countersFor(db, org.seller, org.seller.id, TZ);
    const act = await inTx((tx) => createActivity(tx, org.seller, id, activity({ deadline: new Date(Date.now() - 5 * 24 * HOUR) })));
    expect((await countersFor(db, org.seller, org.seller.id, TZ)).overdue).toBe(before.overdue + 1);
    await inTx((tx) => setActivityCompleted(tx, org.seller, act, true));
    const done = await countersFor(db, org.seller, org.seller.id, TZ);
    expect(done.overdue).toBe(before.overdue);
    expect(done.idle).toBe(before.idle); // the deal was idle before, and is again
    await inTx((tx) => setActivityCompleted(tx, org.seller, act, false));
    await inTx((tx) => deleteDeal(tx, org.seller, id));
    expect(await countersFor(db, org.seller, org.seller.id, TZ)).toEqual({ ...before, idle: before.idle - 1 });
  });

  it("maintained counters equal a recount after any sequence of changes", async () => {
    const users = [org.seller, org.other];
    type Op =
      | { op: "create"; deal: number; hours: number; incoming: boolean; who: number }
      | { op: "complete" | "reopen" | "remove"; pick: number }
      | { op: "reschedule"; pick: number; hours: number }
      | { op: "reassign"; deal: number; who: number }
      | { op: "stage"; deal: number; code: "NEW" | "PREPARATION" | "WON" | "LOSE" }
      | { op: "deleteDeal"; deal: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant("create" as const), deal: fc.nat(5), hours: fc.integer({ min: -72, max: 72 }), incoming: fc.boolean(), who: fc.nat(1) }),
      fc.record({ op: fc.constantFrom("complete" as const, "reopen" as const, "remove" as const), pick: fc.nat(50) }),
      fc.record({ op: fc.constant("reschedule" as const), pick: fc.nat(50), hours: fc.integer({ min: -72, max: 72 }) }),
      fc.record({ op: fc.constant("reassign" as const), deal: fc.nat(5), who: fc.nat(1) }),
      fc.record({ op: fc.constant("stage" as const), deal: fc.nat(5), code: fc.constantFrom("NEW" as const, "PREPARATION" as const, "WON" as const, "LOSE" as const) }),
      fc.record({ op: fc.constant("deleteDeal" as const), deal: fc.nat(5) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        const deals: (number | null)[] = [];
        for (let i = 0; i < 6; i++) deals.push(await newDeal(org.admin));
        const acts: { id: number; deal: number }[] = [];
        for (const o of ops) {
          const dealId = "deal" in o ? deals[o.deal] : null;
          const act = "pick" in o && acts.length ? acts[o.pick % acts.length]! : null;
          const run = async (fn: (tx: Db) => Promise<unknown>) => {
            try {
              await inTx(fn);
            } catch {
              // a refused step (a deleted deal or activity) changes nothing; the counters must still agree
            }
          };
          if (o.op === "create" && dealId) {
            await run(async (tx) =>
              acts.push({
                id: await createActivity(tx, org.admin, dealId, activity({ deadline: new Date(Date.now() + o.hours * HOUR), type: o.incoming ? "call" : "task", direction: o.incoming ? "incoming" : null, responsibleId: users[o.who]!.id })),
                deal: dealId,
              }),
            );
          } else if ((o.op === "complete" || o.op === "reopen") && act) await run((tx) => setActivityCompleted(tx, org.admin, act.id, o.op === "complete"));
          else if (o.op === "remove" && act) await run((tx) => deleteActivity(tx, org.admin, act.id));
          else if (o.op === "reschedule" && act) {
            await run(async (tx) => {
              const [row] = await tx.select().from(s.activities).where(eq(s.activities.id, act.id));
              if (row) await updateActivity(tx, org.admin, act.id, row.version, { ...activity(), deadline: new Date(Date.now() + o.hours * HOUR), responsibleId: row.responsibleId });
            });
          } else if (o.op === "reassign" && dealId) await run((tx) => applyBulk(tx, org.admin, { kind: "responsible", assignedById: users[o.who]!.id }, [dealId]));
          else if (o.op === "stage" && dealId) await run((tx) => applyBulk(tx, org.admin, { kind: "stage", stageId: org.stage(0, o.code).id }, [dealId]));
          else if (o.op === "deleteDeal" && dealId) {
            await run((tx) => deleteDeal(tx, org.admin, dealId));
            deals[o.deal] = null;
          }
        }
        for (const u of users) expect(await countersFor(db, org.admin, u.id, TZ)).toEqual(await recount(u.id));
        const drift = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from deals d where org_id = ${org.orgId} and (
                d.open_activities <> (select count(*) from activities a where a.deal_id = d.id and not a.completed)
                or d.next_deadline is distinct from (select min(deadline) from activities a where a.deal_id = d.id and not a.completed))`,
        );
        expect(drift[0]!.n).toBe(0);
        expect((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from deals where open_activities < 0 or incoming_open < 0`))[0]!.n).toBe(0);
      }),
      { numRuns: 12 },
    );
  });

  it("a badge is the number of rows its link lists, for the admin, a sales person and a department head", async () => {
    const { listDealsPage } = await import("@/lib/deals/list/queries");
    const { parseListQuery } = await import("@/lib/deals/list/url-state");
    const { viewerFor } = await import("@/lib/permissions/load");
    // The sales role reads only its own deals at EXECUTING and nothing at PREPAYMENT_INVOICE.
    const executing = org.stage(0, "EXECUTING").id;
    const prepayment = org.stage(0, "PREPAYMENT_INVOICE").id;
    const [rule] = await db.select().from(s.rolePermissions).where(and(eq(s.rolePermissions.roleId, org.roleIds.salesPerson), eq(s.rolePermissions.pipelineId, org.pipelines[0]!.id)));
    await db
      .update(s.rolePermissions)
      .set({ settings: { ...rule!.settings, stageLevels: { [executing]: { READ: "own" }, [prepayment]: { READ: "none" } } } })
      .where(and(eq(s.rolePermissions.roleId, rule!.roleId), eq(s.rolePermissions.pipelineId, rule!.pipelineId)));
    await db.update(s.departments).set({ headUserId: org.other.id }).where(eq(s.departments.id, org.departments.sales.id));
    for (const stageId of [executing, prepayment, org.stage(0, "NEW").id]) {
      const dealId = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId, assignedById: org.seller.id, title: "Badge deal" })));
      await inTx((tx) => createActivity(tx, org.admin, dealId, activity({ deadline: new Date(Date.now() - HOUR), responsibleId: org.admin.id })));
    }
    const seller = (await viewerFor(db, org.seller.id))!;
    const head = (await viewerFor(db, org.other.id))!;
    const context = (v: typeof seller) => ({ viewerId: v.id, timezone: TZ, fields: [] });
    const listed = async (viewer: typeof seller, kind: string) => {
      let rows = 0;
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listDealsPage>> = await listDealsPage(db, viewer, { ...parseListQuery({ responsible: String(org.seller.id), [kind]: "1" }), after }, context(viewer));
        rows += page.rows.length;
        after = page.next;
      } while (after);
      return rows;
    };
    for (const viewer of [org.admin, seller, head]) {
      const counters = await countersFor(db, viewer, org.seller.id, TZ);
      for (const kind of ["overdue", "pending", "idle", "incoming"] as const) expect(counters[kind], `${kind} for ${viewer.name}`).toBe(await listed(viewer, kind));
    }
    // The three overdue deals: the admin sees them all, the seller his own two, the head only the one at NEW.
    const overdue = async (viewer: typeof seller) => (await countersFor(db, viewer, org.seller.id, TZ)).overdue;
    expect((await overdue(org.admin)) - (await overdue(seller))).toBe(1);
    expect((await overdue(seller)) - (await overdue(head))).toBe(1);
    await db.update(s.rolePermissions).set({ settings: rule!.settings }).where(and(eq(s.rolePermissions.roleId, rule!.roleId), eq(s.rolePermissions.pipelineId, rule!.pipelineId)));
    await db.update(s.departments).set({ headUserId: null }).where(eq(s.departments.id, org.departments.sales.id));
  });

  it("a department head may see the counters of the people below; a colleague may not", async () => {
    await db.update(s.departments).set({ headUserId: org.other.id }).where(eq(s.departments.id, org.departments.sales.id));
    expect(await activityViewableUserIds(db, org.other)).toEqual(expect.arrayContaining([org.seller.id, org.other.id]));
    expect(await activityViewableUserIds(db, org.seller)).toEqual([org.seller.id]);
    expect((await activityViewableUserIds(db, org.admin)).length).toBeGreaterThanOrEqual(3);
  });
});

describe("activities", () => {
  it("may be changed only by who may change the deal, and a stale edit names who changed it", async () => {
    const id = await newDeal(org.other);
    await db.update(s.deals).set({ opened: false }).where(eq(s.deals.id, id));
    expect((await refusal(inTx((tx) => createActivity(tx, org.seller, id, activity())))).code).toBe("notFound");
    // Nor may it be given to him: its reminder would tell him of a deal he may not read.
    const notHis = await refusal(inTx((tx) => createActivity(tx, org.admin, id, activity())));
    expect(notHis.fieldErrors).toEqual({ responsibleId: "activities.responsibleCannotRead" });
    const act = await inTx((tx) => createActivity(tx, org.admin, id, activity({ responsibleId: org.other.id })));
    await inTx((tx) => updateActivity(tx, org.admin, act, 1, activity({ subject: "First", responsibleId: org.other.id })));
    expect((await refusal(inTx((tx) => updateActivity(tx, org.admin, act, 2, activity({ subject: "His" }))))).fieldErrors).toEqual({ responsibleId: "activities.responsibleCannotRead" });
    const stale = await refusal(inTx((tx) => updateActivity(tx, org.admin, act, 1, activity({ subject: "Second", responsibleId: org.other.id }))));
    expect(stale.messageKey).toBe("activities.changedMeanwhile");
    expect(stale.vars).toEqual({ name: "admin" });
  });

  it("refuses a responsible from another org", async () => {
    const id = await newDeal();
    const error = await refusal(inTx((tx) => createActivity(tx, org.seller, id, activity({ responsibleId: 999_999 }))));
    expect(error.fieldErrors).toEqual({ responsibleId: "errors.unknownOption" });
  });
});

describe("timeline", () => {
  it("pages the stream newest first, every entry once, with open activities pinned", async () => {
    const { getTimeline } = await import("@/lib/activities/timeline");
    const { decodeInstant: parseTimelineCursor } = await import("@/lib/deals/list/cursor");
    const id = await newDeal();
    const start = Date.now() - 10 * 24 * HOUR;
    await db.insert(s.dealEvents).values(Array.from({ length: 130 }, (_, i) => ({ orgId: org.orgId, dealId: id, kind: "comment" as const, body: `c${i}`, at: new Date(start + i * 60_000) })));
    for (let i = 0; i < 30; i++) {
      const act = await inTx((tx) => createActivity(tx, org.seller, id, activity({ subject: `a${i}` })));
      await inTx((tx) => setActivityCompleted(tx, org.seller, act, true, new Date(start + i * 60_000 + 30_000)));
    }
    await inTx((tx) => createActivity(tx, org.seller, id, activity({ subject: "open one" })));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, id));
    // The rule holds here too: a viewer who may not read the deal (someone else's, not open) gets "not found".
    expect((await refusal(getTimeline(db, org.seller, { ...deal!, opened: false, assignedById: org.admin.id, observerIds: [] }))).code).toBe("notFound");
    const seen: string[] = [];
    let before: Date | null = null;
    for (let page = 0; page < 10; page++) {
      const timeline: Awaited<ReturnType<typeof getTimeline>> = await getTimeline(db, org.seller, { ...deal!, observerIds: [] }, { limit: 50, before });
      expect(timeline.planned.map((p) => p.activity.subject)).toEqual(["open one"]);
      for (const e of timeline.stream) seen.push(e.kind === "event" ? `${e.item.event.kind}:${e.item.event.body ?? ""}` : e.item.activity.subject);
      const times = timeline.stream.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      if (!timeline.older) break;
      before = parseTimelineCursor(timeline.older.toISOString());
    }
    // 130 comments, 30 completed activities and the "created" event.
    expect(seen).toHaveLength(161);
    expect(new Set(seen).size).toBe(161);
    expect(parseTimelineCursor("-271821-04-20T00:00:00Z")).toBeNull();
    expect(parseTimelineCursor("yesterday")).toBeNull();
  });
});

describe("live boards", () => {
  it("hear of an activity planned or completed on a deal of their stage", async () => {
    const { DEAL_CHANNEL } = await import("@/lib/live/deal-changes");
    const id = await newDeal();
    const received: string[] = [];
    const stop = await handle.listen(DEAL_CHANNEL, (p) => received.push(p), () => undefined);
    const act = await inTx((tx) => createActivity(tx, org.seller, id, activity()));
    await inTx((tx) => setActivityCompleted(tx, org.seller, act, true));
    const notice = JSON.stringify({ o: org.orgId, s: [org.stage(0, "NEW").id] });
    expect(await heardSoFar(db, DEAL_CHANNEL, received)).toEqual([notice, notice]);
    await stop();
  });
});

describe("reminders", () => {
  it("are durable jobs that notify the responsible once, and not after the activity is done or moved", async () => {
    registerReminderJob();
    const id = await newDeal();
    const deadline = new Date(Date.now() + 10 * 60_000); // in 10 minutes: the 15-minute reminder is due now
    const act = await inTx((tx) => createActivity(tx, org.seller, id, activity({ deadline, reminders: [15, 1440] })));
    const jobs = await db.select().from(s.jobs).where(eq(s.jobs.type, "activity.reminder"));
    expect(jobs.filter((j) => j.payload.activityId === act)).toHaveLength(1); // the 1-day one would be in the past: at once, once
    while ((await runDueJobs(db, "test")) > 0);
    const mine = () => db.select().from(s.notifications).where(and(eq(s.notifications.userId, org.seller.id), eq(s.notifications.activityId, act)));
    expect(await mine()).toHaveLength(1);
    // Running the same reminder again (a worker died after sending) notifies once.
    expect(await deliverReminder(db, { activityId: act, minutes: 15, deadline: deadline.toISOString() })).toBe("sent");
    expect(await mine()).toHaveLength(1);
    await inTx((tx) => setActivityCompleted(tx, org.seller, act, true));
    expect(await deliverReminder(db, { activityId: act, minutes: 15, deadline: deadline.toISOString() })).toBe("skipped");
  });
});

describe("comments", () => {
  it("notify the colleagues they @mention, without diacritics, but not the author", async () => {
    await db.update(s.users).set({ name: "Nguyễn Văn Bình" }).where(eq(s.users.id, org.other.id));
    const id = await newDeal();
    const { mentioned } = await inTx((tx) => addComment(tx, org.seller, id, "Hỏi @nguyen van binh và @seller về giá"));
    expect(mentioned).toEqual([org.other.id]);
    const [note] = await db.select().from(s.notifications).where(and(eq(s.notifications.userId, org.other.id), eq(s.notifications.kind, "mention")));
    expect(note!.data.excerpt).toContain("về giá");
    const [event] = await db.select().from(s.dealEvents).where(and(eq(s.dealEvents.dealId, id), eq(s.dealEvents.kind, "comment")));
    expect(event!.body).toBe("Hỏi @nguyen van binh và @seller về giá");
  });
});

describe("notifications and the rule", () => {
  it("a mention reaches, and the picker offers, only colleagues who may read the deal; the bell hides what is no longer readable", async () => {
    const { mentionCandidates } = await import("@/lib/activities/mention-candidates");
    const { openNotification, recentNotifications, unreadCondition } = await import("@/lib/activities/notifications");
    const { viewerFor } = await import("@/lib/permissions/load");
    await db.update(s.users).set({ name: "Lê Văn Khác" }).where(eq(s.users.id, org.other.id));
    await db.update(s.users).set({ name: "Lê Thị Bán" }).where(eq(s.users.id, org.seller.id));
    // A deal of the admin's (in no department for this test), not open to everyone: the seller may not read it, "other" observes it.
    await db.update(s.users).set({ departmentId: null }).where(eq(s.users.id, org.admin.id));
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, title: "Hợp đồng bí mật", opened: false })));
    await db.insert(s.dealObservers).values({ orgId: org.orgId, dealId: id, userId: org.other.id });
    expect((await mentionCandidates(db, org.admin, id, "le"))!.map((p) => p.name)).toEqual(["Lê Văn Khác"]);
    expect(await mentionCandidates(db, org.seller, id, "le")).toBeNull(); // not his deal to comment on
    const { mentioned } = await inTx((tx) => addComment(tx, org.admin, id, "@Lê Thị Bán @Lê Văn Khác giá là 2 tỷ"));
    expect(mentioned).toEqual([org.other.id]);
    const notes = await db.select().from(s.notifications).where(eq(s.notifications.dealId, id));
    expect(notes.map((n) => n.userId)).toEqual([org.other.id]);
    expect(JSON.stringify(notes)).toContain("2 tỷ");

    // He stops observing: the bell neither shows nor counts it any more.
    const other = (await viewerFor(db, org.other.id))!;
    const unread = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where ${unreadCondition(other)}`))[0]!.n;
    expect((await recentNotifications(db, other)).map((n) => n.dealId)).toContain(id);
    const before = await unread();
    // Opening it marks it read and leads to its deal; another user, by its id, opens nothing.
    expect(await openNotification(db, org.seller, notes[0]!.id)).toBeNull();
    expect(await openNotification(db, other, notes[0]!.id)).toEqual({ dealId: id });
    expect(await unread()).toBe(before - 1);
    expect(await openNotification(db, other, notes[0]!.id)).toEqual({ dealId: id }); // again: still read, still there
    await db.update(s.notifications).set({ readAt: null }).where(eq(s.notifications.id, notes[0]!.id));
    await db.delete(s.dealObservers).where(eq(s.dealObservers.dealId, id));
    expect((await recentNotifications(db, other)).map((n) => n.dealId)).not.toContain(id);
    expect(await unread()).toBe(before - 1);
    expect(await openNotification(db, other, notes[0]!.id)).toBeNull(); // no longer readable: as if none
    await db.update(s.users).set({ departmentId: org.departments.sales.id }).where(eq(s.users.id, org.admin.id));
  });

  it("a reminder is not delivered to a responsible who may no longer read the deal", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "NEW").id, opened: true })));
    const deadline = new Date(Date.now() + 10 * 60_000);
    const act = await inTx((tx) => createActivity(tx, org.admin, id, activity({ deadline, reminders: [15], responsibleId: org.seller.id })));
    await db.update(s.deals).set({ opened: false }).where(eq(s.deals.id, id));
    expect(await deliverReminder(db, { activityId: act, minutes: 15, deadline: deadline.toISOString() })).toBe("skipped");
    expect(await db.$count(s.notifications, eq(s.notifications.activityId, act))).toBe(0);
  });
});

describe("completing a closed deal's open activities", () => {
  it("completes every open one as its own Complete would, for someone who may change the deal, and refuses anyone else", async () => {
    const id = await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(0, "LOSE").id, opened: false })));
    const open = [
      await inTx((tx) => createActivity(tx, org.admin, id, activity({ subject: "Gọi lại", responsibleId: org.admin.id }))),
      await inTx((tx) => createActivity(tx, org.admin, id, activity({ subject: "Gửi thư", responsibleId: org.admin.id }))),
    ];
    const done = await inTx((tx) => createActivity(tx, org.admin, id, activity({ subject: "Đã xong", responsibleId: org.admin.id })));
    await inTx((tx) => setActivityCompleted(tx, org.admin, done, true));
    const completedAt = async () => (await db.select({ id: s.activities.id, at: s.activities.completedAt, by: s.activities.completedById }).from(s.activities).where(eq(s.activities.dealId, id))).sort((a, b) => a.id - b.id);
    const before = await completedAt();

    // The seller may not change this closed deal of the admin's: nothing is completed.
    await refusal(inTx((tx) => completeOpenActivities(tx, org.seller, id)));
    expect(await completedAt()).toEqual(before);

    expect(await inTx((tx) => completeOpenActivities(tx, org.admin, id))).toBe(2);
    const after = await completedAt();
    for (const row of after.filter((r) => open.includes(r.id))) expect(row).toMatchObject({ by: org.admin.id });
    expect(after.find((r) => r.id === done)).toEqual(before.find((r) => r.id === done)); // the done one untouched
    expect(await inTx((tx) => completeOpenActivities(tx, org.admin, id))).toBe(0);
  });
});
