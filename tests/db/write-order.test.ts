import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { applyBulk } from "@/lib/deals/bulk/apply";
import { moveDeals } from "@/lib/deals/move";
import { createDeal, patchDeal } from "@/lib/deals/service";
import { checkRows, commitRows, guessField } from "@/lib/import/deal-import";
import { parseCsv } from "@/lib/import/csv";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);
const add = (stageCode: string, extra: Partial<Parameters<typeof dealInput>[0]> = {}, as = org.admin) => inTx((tx) => createDeal(tx, as, dealInput({ stageId: org.stage(0, stageCode).id, ...extra })));

describe("existence oracles", () => {
  it("a bulk stage or pipeline change answers for a deal the viewer may not read exactly as for a missing one", async () => {
    // A deal of another pipeline, not open to the seller: the stage action would say "another pipeline".
    const [hidden] = [await inTx((tx) => createDeal(tx, org.admin, dealInput({ stageId: org.stage(1, "NEW").id, opened: false, assignedById: org.other.id })))];
    const missing = 2 ** 31 - 1;
    for (const action of [{ kind: "stage" as const, stageId: org.stage(0, "PREPARATION").id }, { kind: "pipeline" as const, pipelineId: org.pipelines[1]!.id }]) {
      const result = await inTx((tx) => applyBulk(tx, org.seller, action, [hidden!, missing]));
      expect(result.refused.map((r) => [r.reason, r.title]), action.kind).toEqual([
        ["errors.notFound", `#${hidden}`],
        ["errors.notFound", `#${missing}`],
      ]);
    }
  });
});

describe.runIf(process.env.DATABASE_URL)("one lock order for all writers", () => {
  it("a drag, a form save and a bulk action on the same deals, raced, all finish: no deadlock", async () => {
    const stageCodes = ["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING"];
    const ids = [await add("NEW"), await add("NEW"), await add("NEW")];
    const failures: unknown[] = [];
    const attempt = (fn: (tx: Db) => Promise<unknown>) => inTx(fn).catch((error: unknown) => failures.push(error));
    for (let round = 0; round < 12; round++) {
      const stage = (k: number) => org.stage(0, stageCodes[(round + k) % stageCodes.length]!).id;
      await Promise.all([
        attempt((tx) => moveDeals(tx, org.admin, [ids[2]!, ids[0]!], { stageId: stage(1), afterId: null })),
        attempt((tx) => patchDeal(tx, org.admin, ids[0]!, { stageId: stage(2) })),
        attempt((tx) => applyBulk(tx, org.admin, { kind: "stage", stageId: stage(3) }, [ids[0]!, ids[1]!, ids[2]!])),
        attempt((tx) => moveDeals(tx, org.admin, [ids[1]!], { stageId: stage(0), afterId: ids[0]! })),
      ]);
    }
    expect(failures.map((e) => String(e))).toEqual([]);
  });

  it("stamps 100 simultaneous moves of one deal after its lock: its stage history is in time order and ends at its moved time", async () => {
    const id = await add("NEW");
    const stagesToVisit = ["PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE"].map((code) => org.stage(0, code).id);
    await Promise.all(Array.from({ length: 100 }, (_, i) => inTx((tx) => moveDeals(tx, org.admin, [id], { stageId: stagesToVisit[i % 4]!, afterId: null }))));
    const history = await db.select().from(s.stageHistory).where(eq(s.stageHistory.dealId, id)).orderBy(asc(s.stageHistory.id));
    const times = history.map((h) => h.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.id, id));
    expect(deal!.movedAt.getTime()).toBe(times.at(-1));
    expect(deal!.stageId).toBe(history.at(-1)!.stageId);
  });

  it("an import takes a board column's lock only at its end, not for its whole run", async () => {
    const stage = org.stage(0, "PREPARATION");
    const parsed = parseCsv(`Title,Stage\n${Array.from({ length: 250 }, (_, i) => `Imported ${i},${stage.name}`).join("\n")}\n`);
    if (!parsed.ok) throw new Error(parsed.error);
    const mapping = Object.fromEntries(parsed.table.header.map((h, i) => [String(i), guessField(h, {})]));
    const lockFree: boolean[] = [];
    const ids = await inTx(async (tx) => {
      const checked = await checkRows(tx, org.admin, parsed.table.rows, mapping, false);
      await commitRows(tx, org.admin, checked, (n) => `Deal #${n}`, async (done) => {
        if (done === 0) return;
        // Another connection, midway: a drag into that column would not wait for the import.
        const [row] = await queryRows<{ free: boolean }>(db, sql`select pg_try_advisory_lock(727002, ${stage.id}) as free`);
        lockFree.push(row!.free);
        if (row!.free) await db.execute(sql`select pg_advisory_unlock(727002, ${stage.id})`);
      });
      return (await tx.select({ id: s.deals.id }).from(s.deals).where(and(eq(s.deals.stageId, stage.id), sql`${s.deals.title} like 'Imported %'`))).map((r) => r.id);
    });
    expect(lockFree).toEqual([true]);
    // The last row of the file on top of the column, every key its own.
    const column = await db
      .select({ id: s.deals.id, title: s.deals.title, key: s.deals.boardPosition })
      .from(s.deals)
      .where(eq(s.deals.stageId, stage.id))
      .orderBy(asc(sql`${s.deals.boardPosition} collate "C"`), asc(s.deals.id));
    expect(column[0]!.title).toBe("Imported 249");
    expect(new Set(column.map((c) => c.key)).size).toBe(column.length);
    expect(ids).toHaveLength(250);
  });
});
