import { eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { addDays, todayIn } from "@/lib/i18n/format";
import { createDefaultRoles } from "@/lib/permissions/defaults";
import { refreshSearchText } from "@/lib/deals/search-text";
import { rankBoardPositions } from "@/lib/board/placement";
import type { Db } from "./client";
import * as s from "./schema";
import * as data from "./seed-data";

/** A small deterministic PRNG (mulberry32), so every seeded database looks the same. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const DAY = 86_400_000;
const TIMEZONE = "Asia/Ho_Chi_Minh";

export type SeedSummary = { orgId: number; users: { email: string; name: string; admin: boolean }[]; password: string; deals: number };

/** Creates the demo org. Assumes an empty database (see seedIfEmpty / resetAndSeed). */
export async function seedDemo(db: Db, { deals: dealCount = 300, now = new Date(), onlyIfEmpty = false } = {}): Promise<SeedSummary | null> {
  const r = random(20261127);
  return db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    // Two app processes starting on one empty database: one seeds, the other finds it done.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    if (onlyIfEmpty && (await tx.$count(s.orgs)) > 0) return null;
    const [org] = await tx.insert(s.orgs).values({ name: "Công ty Demo Sao Việt", baseCurrency: "VND", timezone: TIMEZONE, defaultLocale: "vi" }).returning();
    const orgId = org!.id;

    const departmentIds = new Map<string, number>();
    for (const d of data.demoDepartments) {
      const [row] = await tx.insert(s.departments).values({ orgId, name: d.name, parentId: d.parent ? departmentIds.get(d.parent)! : null }).returning({ id: s.departments.id });
      departmentIds.set(d.key, row!.id);
    }
    const passwordHash = await hashPassword(data.DEMO_PASSWORD);
    const userRows = await tx
      .insert(s.users)
      .values(data.demoUsers.map((u) => ({ orgId, email: u.email, name: u.name, title: u.title, passwordHash, isAdmin: !!u.admin, departmentId: departmentIds.get(u.department)! })))
      .returning({ id: s.users.id, email: s.users.email });
    const userIdByEmail = new Map(userRows.map((u) => [u.email, u.id]));
    for (const u of data.demoUsers.filter((u) => u.head)) {
      await tx.update(s.departments).set({ headUserId: userIdByEmail.get(u.email)! }).where(eq(s.departments.id, departmentIds.get(u.department)!));
    }
    const readOnlyEmails = new Set(data.demoUsers.filter((u) => u.readOnly).map((u) => u.email));
    const salesIds = userRows.slice(1).filter((u) => !readOnlyEmails.has(u.email)).map((u) => u.id);
    const adminId = userRows[0]!.id;

    const pipelineDefs = [
      { name: "Bán hàng", lang: "vi" as const, isDefault: true, sort: 10 },
      { name: "Projects", lang: "en" as const, isDefault: false, sort: 20 },
    ];
    const pipelineStages: { pipelineId: number; stages: { id: number; semantics: "P" | "S" | "F"; sort: number }[] }[] = [];
    for (const p of pipelineDefs) {
      const [pipeline] = await tx.insert(s.pipelines).values({ orgId, name: p.name, sort: p.sort, isDefault: p.isDefault }).returning({ id: s.pipelines.id });
      const stageRows = await tx
        .insert(s.stages)
        .values(data.defaultStages.map((st) => ({ orgId, pipelineId: pipeline!.id, code: st.code, name: st[p.lang], sort: st.sort, color: st.color, semantics: st.semantics, isSystem: st.system, rotDays: st.rotDays ?? null })))
        .returning({ id: s.stages.id, semantics: s.stages.semantics, sort: s.stages.sort });
      pipelineStages.push({ pipelineId: pipeline!.id, stages: stageRows });
    }

    // Roles: the administrator, department heads as sales heads, everyone in sales (and below) as a sales person.
    const roleIds = await createDefaultRoles(tx, orgId, pipelineStages.map((p) => p.pipelineId), "vi");
    await tx.insert(s.roleAssignments).values([
      { orgId, roleId: roleIds.administrator, userId: adminId },
      ...data.demoUsers.filter((u) => u.head && !u.admin).map((u) => ({ orgId, roleId: roleIds.salesHead, userId: userIdByEmail.get(u.email)! })),
      { orgId, roleId: roleIds.salesPerson, departmentId: departmentIds.get("sales")!, withSubdepartments: true },
      ...data.demoUsers.filter((u) => u.readOnly).map((u) => ({ orgId, roleId: roleIds.readOnly, userId: userIdByEmail.get(u.email)! })),
    ]);

    const companyValues = Array.from({ length: 50 }, (_, i) => {
      const english = i % 6 === 5;
      const title = english ? data.englishCompanies[i % data.englishCompanies.length]! : `${r.pick(data.companyKinds)} ${r.pick(data.companyTrades)} ${data.companyWords[i % data.companyWords.length]}`;
      return { orgId, title, phones: [{ value: `+84 2${r.int(10, 99)} ${r.int(100, 999)} ${r.int(1000, 9999)}`, kind: "WORK" }], emails: [{ value: `info${i + 1}@example.vn`, kind: "WORK" }], assignedById: r.pick(salesIds) };
    });
    const companyIds = (await tx.insert(s.companies).values(companyValues).returning({ id: s.companies.id })).map((c) => c.id);

    const contactValues = Array.from({ length: 100 }, (_, i) => {
      const english = i % 10 === 9;
      const lastName = english ? r.pick(data.englishFamily) : r.pick(data.familyNames);
      const name = english ? r.pick(data.englishGiven) : `${r.pick(data.middleNames)} ${r.pick(data.givenNames)}`;
      return {
        orgId,
        name,
        lastName,
        companyId: companyIds[i % companyIds.length]!,
        position: r.pick(["Giám đốc", "Trưởng phòng mua hàng", "Kế toán trưởng", "Purchasing manager", "CTO"]),
        phones: [{ value: `+84 9${r.int(0, 9)} ${r.int(100, 999)} ${r.int(1000, 9999)}`, kind: "MOBILE" }],
        emails: [{ value: `contact${i + 1}@example.vn`, kind: "WORK" }],
        assignedById: r.pick(salesIds),
      };
    });
    const contactRows = await tx.insert(s.contacts).values(contactValues).returning({ id: s.contacts.id, companyId: s.contacts.companyId });

    const productRows = await tx.insert(s.products).values(data.products.map((p) => ({ orgId, ...p, currency: "VND" }))).returning();

    let made = 0;
    for (let start = 0; start < dealCount; start += 100) {
      const batch = Array.from({ length: Math.min(100, dealCount - start) }, (_, k) => {
        const i = start + k;
        const pipeline = pipelineStages[i % 4 === 3 ? 1 : 0]!;
        // Most deals sit in early stages; about a fifth are won and a sixth lost.
        const roll = r.next();
        const open = pipeline.stages.filter((st) => st.semantics === "P");
        const stage =
          roll < 0.2 ? pipeline.stages.find((st) => st.semantics === "S")! : roll < 0.35 ? r.pick(pipeline.stages.filter((st) => st.semantics === "F")) : open[Math.min(open.length - 1, Math.floor(r.next() ** 1.6 * open.length))]!;
        const usd = r.chance(0.25);
        const amount = usd ? String(r.int(5, 500) * 100) : String(r.int(5, 2000) * 1_000_000);
        const created = new Date(now.getTime() - r.int(0, 120) * DAY - r.int(0, 86_399) * 1000);
        const companyId = r.chance(0.85) ? r.pick(companyIds) : null;
        const english = usd || pipeline === pipelineStages[1];
        return {
          orgId,
          title: english ? `${r.pick(data.englishDeals)} — ${i + 1}` : `${r.pick(data.dealWords)} ${r.pick(data.dealObjects)} #${i + 1}`,
          pipelineId: pipeline.pipelineId,
          stageId: stage.id,
          stageSemantics: stage.semantics,
          closed: stage.semantics !== "P",
          amount,
          currency: usd ? "USD" : "VND",
          probability: stage.semantics === "S" ? 100 : stage.semantics === "F" ? 0 : Math.min(90, 10 + stage.sort),
          assignedById: r.pick(salesIds),
          companyId,
          // Calendar dates in the org's time zone, as a person there would have entered them.
          beginDate: todayIn(TIMEZONE, created),
          closeDate: addDays(todayIn(TIMEZONE, created), r.int(7, 60)),
          opened: r.chance(0.7),
          sourceId: r.pick(["CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "TRADE_SHOW"]),
          typeId: r.pick(["SALE", "COMPLEX", "GOODS", "SERVICES"]),
          comments: r.chance(0.3) ? "Khách hàng quan tâm đến giá và thời gian triển khai. / Client asked about price and timeline." : null,
          createdAt: created,
          updatedAt: created,
          movedAt: new Date(created.getTime() + r.int(0, 5) * DAY),
          createdById: adminId,
          modifiedById: adminId,
          movedById: adminId,
        };
      });
      const inserted = await tx.insert(s.deals).values(batch).returning({ id: s.deals.id, orgId: s.deals.orgId, pipelineId: s.deals.pipelineId, stageId: s.deals.stageId, stageSemantics: s.deals.stageSemantics, companyId: s.deals.companyId, currency: s.deals.currency, assignedById: s.deals.assignedById, createdAt: s.deals.createdAt, movedAt: s.deals.movedAt });
      made += inserted.length;

      const links: (typeof s.dealContacts.$inferInsert)[] = [];
      const history: (typeof s.stageHistory.$inferInsert)[] = [];
      const events: (typeof s.dealEvents.$inferInsert)[] = [];
      const rows: (typeof s.dealProducts.$inferInsert)[] = [];
      const acts: (typeof s.activities.$inferInsert)[] = [];
      for (const d of inserted) {
        const candidates = contactRows.filter((c) => c.companyId === d.companyId);
        candidates.slice(0, r.int(0, 2)).forEach((c, sort) => links.push({ orgId, dealId: d.id, contactId: c.id, sort, isPrimary: sort === 0 }));
        const firstStage = pipelineStages.find((p) => p.pipelineId === d.pipelineId)!.stages[0]!;
        history.push({ orgId, dealId: d.id, typeId: 1, pipelineId: d.pipelineId, stageId: firstStage.id, stageSemantics: "P", userId: adminId, at: d.createdAt });
        if (d.stageId !== firstStage.id) {
          history.push({ orgId, dealId: d.id, typeId: d.stageSemantics === "P" ? 2 : 3, pipelineId: d.pipelineId, stageId: d.stageId, stageSemantics: d.stageSemantics, userId: d.assignedById, at: d.movedAt });
        }
        events.push({ orgId, dealId: d.id, kind: "created", userId: adminId, at: d.createdAt });
        if (d.currency === "VND" && r.chance(0.35)) {
          let total = 0n;
          for (let n = 0, rowsWanted = r.int(1, 3); n < rowsWanted; n++) {
            const product = r.pick(productRows);
            const quantity = r.int(1, 10);
            total += BigInt(product.price.split(".")[0]!) * BigInt(quantity);
            rows.push({ orgId, dealId: d.id, productId: product.id, name: product.name, price: product.price, quantity: String(quantity), unit: product.unit, taxRate: product.taxRate, sort: (n + 1) * 10 });
          }
          await tx.update(s.deals).set({ amount: total.toString(), isManualAmount: false }).where(eq(s.deals.id, d.id));
        }
        // A quarter of open deals have nothing planned: the "idle" counter needs them.
        if (d.stageSemantics === "P" && r.chance(0.75)) {
          for (let n = 0, wanted = r.int(1, 3); n < wanted; n++) {
            const when = r.pick(["overdue", "today", "future", "done"] as const);
            const deadline =
              when === "overdue" ? new Date(now.getTime() - r.int(1, 10) * DAY) : when === "today" ? new Date(now.getTime() + r.int(1, 8) * 3_600_000) : when === "future" ? new Date(now.getTime() + r.int(1, 20) * DAY) : new Date(now.getTime() - r.int(1, 30) * DAY);
            const type = r.pick(["call", "meeting", "task", "email", "todo"] as const);
            acts.push({
              orgId,
              dealId: d.id,
              type,
              direction: type === "call" || type === "email" ? r.pick(["incoming", "outgoing"] as const) : null,
              subject: r.pick(["Gọi điện tư vấn", "Gửi báo giá", "Họp demo sản phẩm", "Follow up proposal", "Chuẩn bị hợp đồng", "Site visit"]),
              deadline,
              responsibleId: d.assignedById,
              completed: when === "done",
              completedAt: when === "done" ? deadline : null,
              completedById: when === "done" ? d.assignedById : null,
              createdById: d.assignedById,
              createdAt: d.createdAt,
            });
          }
        }
      }
      if (links.length) await tx.insert(s.dealContacts).values(links);
      await tx.insert(s.stageHistory).values(history);
      await tx.insert(s.dealEvents).values(events);
      if (rows.length) await tx.insert(s.dealProducts).values(rows);
      if (acts.length) await tx.insert(s.activities).values(acts);
      await refreshSearchText(tx, orgId, inserted.map((d) => d.id));
    }
    await tx.execute(sql`
      update ${s.deals} d set last_activity_at = a.last from (
        select deal_id, max(created_at) as last from ${s.activities} where org_id = ${orgId} group by deal_id
      ) a where a.deal_id = d.id`);
    await rankBoardPositions(tx, orgId);
    await tx.insert(s.currencyRates).values(data.currencyRates.map((c) => ({ orgId, ...c })));
    // The seller printed on the demo's quotes and invoices (a valid tax code, a bank account).
    await tx.insert(s.myCompanies).values({ orgId, ...data.demoCompany, isDefault: true });

    return { orgId, users: data.demoUsers.map((u) => ({ email: u.email, name: u.name, admin: !!u.admin })), password: data.DEMO_PASSWORD, deals: made };
  });
}

/** On first start: seed when the database has no org yet. Returns the summary when it seeded. */
export async function seedIfEmpty(db: Db): Promise<SeedSummary | null> {
  if ((await db.$count(s.orgs)) > 0) return null;
  return seedDemo(db, { onlyIfEmpty: true });
}

/** `npm run db:seed`: wipes every table and seeds again. */
export async function resetAndSeed(db: Db): Promise<SeedSummary> {
  await db.execute(sql`truncate ${s.orgs}, ${s.loginFailures}, ${s.jobs} restart identity cascade`);
  return (await seedDemo(db))!;
}

export function describeDemoAccounts(summary: Pick<SeedSummary, "users" | "password">): string {
  const lines = summary.users.map((u) => `  ${u.email.padEnd(26)} ${u.name}${u.admin ? " (administrator)" : ""}`);
  return [`Demo accounts (password for all: ${summary.password}):`, ...lines].join("\n");
}
