import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedIfEmpty } from "@/db/seed";
import { ActionError } from "@/lib/actions/errors";
import { csvHeader, csvLine, csvRow } from "@/lib/deals/list/csv";
import { listDealsPage } from "@/lib/deals/list/queries";
import { parseListQuery } from "@/lib/deals/list/url-state";
import { translator } from "@/lib/i18n/translate";
import { decodeUtf8, parseCsv } from "@/lib/import/csv";
import { checkRows, commitRows, guessField } from "@/lib/import/deal-import";
import { viewerFor } from "@/lib/permissions/load";
import type { Viewer } from "@/lib/permissions";
import { createTestDb, inTransaction, type TestDb } from "../helpers/db";
import { fieldInput } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let admin: Viewer;
const t = translator("en");
const inTx = <T>(fn: (tx: Db) => Promise<T>) => inTransaction(db, fn);

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  await seedIfEmpty(db);
  const [a] = await db.select().from(s.users).where(eq(s.users.email, "admin@example.com"));
  admin = (await viewerFor(db, a!.id))!;
});
afterAll(() => handle.close());

function table(csv: string) {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.table;
}
const auto = (header: string[]) => Object.fromEntries(header.map((h, i) => [String(i), guessField(h, {})]));

describe("import checks", () => {
  it("maps English and Vietnamese headers, and reads dates, amounts, sources and yes/no", async () => {
    const { header, rows } = table("Tên giao dịch,Số tiền,Tiền tệ,Ngày kết thúc,Nguồn,Available to everyone,Người phụ trách\nLắp đặt camera,1500000,VND,31/12/2026,Giới thiệu,không,Trần Thị Bích\n");
    expect(Object.values(auto(header))).toEqual(["title", "amount", "currency", "closeDate", "source", "opened", "responsible"]);
    const [row] = await checkRows(db, admin, rows, auto(header), false);
    expect(row!.errors).toEqual([]);
    expect(row!.input).toMatchObject({ title: "Lắp đặt camera", amount: "1500000", currency: "VND", closeDate: "2026-12-31", sourceId: "RECOMMENDATION", opened: false });
  });

  it("reads Vietnamese numbers and dates as a Vietnamese file writes them, or as the mapping step says", async () => {
    const { header, rows } = table("Title,Amount,Currency,Close date\nA,12.500.000,VND,31-12-2026\nB,\"1.500.000 ₫\",VND,5/1/2027\nC,\"3.200,5\",USD,\n");
    const checked = await checkRows(db, admin, rows, auto(header), false);
    expect(checked.map((r) => r.errors)).toEqual([[], [], []]);
    expect(checked.map((r) => [r.input!.amount, r.input!.closeDate])).toEqual([
      ["12500000", "2026-12-31"],
      ["1500000", "2027-01-05"],
      ["3200.5", null],
    ]);
    // Told the file is English, the same cells are not numbers: each row says so instead of guessing.
    const english = await checkRows(db, admin, rows, auto(header), false, [], "en");
    expect(english.map((r) => r.errors.map((e) => e.key))).toEqual([["import.badNumber"], ["import.badNumber"], ["import.badNumber"]]);
    const { header: h2, rows: r2 } = table("Title,Amount,Currency\nA,\"12,500,000\",VND\nB,\"49,900.50\",USD\n");
    const english2 = await checkRows(db, admin, r2, auto(h2), false);
    expect(english2.map((r) => r.errors)).toEqual([[], []]);
    expect(english2.map((r) => r.input!.amount)).toEqual(["12500000", "49900.5"]);
  });

  it("names a field the row's stage requires at the check, not at commit", async () => {
    const [stage] = await db.select().from(s.stages).where(eq(s.stages.name, "Đang thực hiện"));
    await db.insert(s.stageRequiredFields).values([
      { orgId: admin.orgId, stageId: stage!.id, field: "companyId" },
      { orgId: admin.orgId, stageId: stage!.id, field: "sourceId" },
    ]);
    try {
      const { header, rows } = table("Title,Stage,Company,Source\nA,Đang thực hiện,,Web\nB,Đang thực hiện,Công ty Chưa Có,\nC,Mới,,\n");
      const [a, b, c] = await checkRows(db, admin, rows, auto(header), true);
      expect(a!.errors).toEqual([{ key: "import.stageRequires", vars: { stage: "Đang thực hiện", field: "", fieldKey: "deals.fields.company" } }]);
      // A company the import creates counts as given; the missing source does not.
      expect(b!.errors).toEqual([{ key: "import.stageRequires", vars: { stage: "Đang thực hiện", field: "", fieldKey: "deals.fields.source" } }]);
      expect(c!.errors).toEqual([]);
      expect(t("import.stageRequires", { stage: "Đang thực hiện", field: t("deals.fields.company") })).toBe("the stage “Đang thực hiện” requires Company.");
    } finally {
      await db.delete(s.stageRequiredFields).where(eq(s.stageRequiredFields.stageId, stage!.id));
    }
  });

  it("names every problem of every row, by line", async () => {
    const { header, rows } = table("Title,Amount,Currency,Close date,Responsible,Company,Stage\nA,ten,USD,2026-02-30,Nobody Here,Công ty Không Tồn Tại,Nowhere\nB,10,BTC,,,,\n");
    const [a, b] = await checkRows(db, admin, rows, auto(header), false);
    expect(a!.line).toBe(2);
    // Given the file's lines (blank lines, line breaks in cells), the messages name those.
    const numbered = await checkRows(db, admin, rows, auto(header), false, [4, 9]);
    expect(numbered.map((r) => r.line)).toEqual([4, 9]);
    expect(a!.errors.map((e) => e.vars?.field)).toEqual(["stage", "amount", "responsible", "company", "closeDate"]);
    expect(b!.errors).toEqual([{ key: "import.unknownValue", vars: { field: "currency", value: "BTC" } }]);
    expect(a!.input).toBeNull();
  });

  it("creates missing companies and contacts only when asked", async () => {
    const { header, rows } = table("Title,Company,Contacts\nMới,Công ty Hoàn Toàn Mới,khach.moi@example.vn\n");
    expect((await checkRows(db, admin, rows, auto(header), false))[0]!.errors).toHaveLength(2);
    const checked = await checkRows(db, admin, rows, auto(header), true);
    expect(checked[0]).toMatchObject({ errors: [], newCompany: "Công ty Hoàn Toàn Mới", newContacts: ["khach.moi@example.vn"] });
    await inTx((tx) => commitRows(tx, admin, checked, (n) => `Deal #${n}`));
    const [company] = await db.select().from(s.companies).where(eq(s.companies.title, "Công ty Hoàn Toàn Mới"));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.title, "Mới"));
    expect(deal!.companyId).toBe(company!.id);
  });

  it("warns about duplicates of existing deals and of earlier rows", async () => {
    const [existing] = await db.select({ title: s.deals.title, company: s.companies.title }).from(s.deals).innerJoin(s.companies, eq(s.companies.id, s.deals.companyId)).limit(1);
    const { header, rows } = table(`Title,Company\n"${existing!.title}","${existing!.company}"\nX,\nX,\n`);
    expect((await checkRows(db, admin, rows, auto(header), false)).map((r) => r.duplicate)).toEqual([true, false, true]);
  });

  it("reports as duplicates only deals the importer may read, and creates clients only for a role that may", async () => {
    const { createDeal } = await import("@/lib/deals/service");
    const user = async (email: string) => (await viewerFor(db, (await db.select().from(s.users).where(eq(s.users.email, email)))[0]!.id))!;
    const [lan, duc] = [await user("lan.dang@example.com"), await user("duc.pham@example.com")];
    const [company] = await db.select().from(s.companies).limit(1);
    const [stage] = await db.select().from(s.stages).where(eq(s.stages.code, "NEW")).limit(1);
    await inTx((tx) => createDeal(tx, admin, { title: "Hợp đồng riêng của Lan", stageId: stage!.id, amount: "1", currency: "VND", probability: null, assignedById: lan.id, companyId: company!.id, contactIds: [], beginDate: null, closeDate: null, opened: false, sourceId: null, sourceDescription: null, typeId: null, comments: null }));
    const { header, rows } = table(`Title,Company\n"Hợp đồng riêng của Lan","${company!.title}"\n`);
    expect((await checkRows(db, admin, rows, auto(header), false))[0]!.duplicate).toBe(true);
    expect((await checkRows(db, duc, rows, auto(header), false))[0]!.duplicate).toBe(false);

    const [role] = await db.select().from(s.roles).where(eq(s.roles.name, "Nhân viên kinh doanh"));
    await db.update(s.roles).set({ clientRights: { add: false, details: true } }).where(eq(s.roles.id, role!.id));
    const fresh = table("Title,Company\nMới toanh,Công ty Chưa Từng Có\n");
    const [refused] = await checkRows(db, await user("duc.pham@example.com"), fresh.rows, auto(fresh.header), true);
    expect(refused!.errors).toEqual([{ key: "import.mayNotAddClients" }]);
    await db.update(s.roles).set({ clientRights: role!.clientRights }).where(eq(s.roles.id, role!.id));
  });

  it("commits all or nothing", async () => {
    const before = await db.$count(s.deals);
    const { header, rows } = table("Title,Amount\nOK 1,10\nBad,abc\n");
    const checked = await checkRows(db, admin, rows, auto(header), false);
    const error = await inTx((tx) => commitRows(tx, admin, checked, (n) => `Deal #${n}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).vars).toEqual({ line: 3 });
    expect(await db.$count(s.deals)).toBe(before);
  });
});

describe("export, then import again", () => {
  it("round-trips the exported columns", async () => {
    const page = await listDealsPage(db, admin, { ...parseListQuery({}), size: 20 }, { viewerId: admin.id, timezone: "Asia/Ho_Chi_Minh", fields: [] }, "EXPORT");
    const columns = ["title", "stage", "amount", "company", "responsible", "closeDate"] as const;
    const csv = "\uFEFF" + csvLine(csvHeader([...columns], t)) + page.rows.map((r) => csvLine(csvRow(r, [...columns], t, "Asia/Ho_Chi_Minh"))).join("");
    const { header, rows } = table(decodeUtf8(new TextEncoder().encode(csv))!);
    const mapping = auto(header);
    expect(mapping["0"]).toBe("ignore"); // the ID column
    const checked = await checkRows(db, admin, rows, mapping, false);
    expect(checked.flatMap((r) => r.errors)).toEqual([]);
    for (const [i, row] of checked.entries()) {
      const source = page.rows[i]!;
      expect(row.input).toMatchObject({ title: source.title, currency: source.currency, closeDate: source.closeDate });
      expect(Number(row.input!.amount)).toBe(Number(source.amount));
      expect(row.duplicate, `${source.title} / ${source.companyTitle}`).toBe(true);
    }
  });
});

describe("the import job", () => {
  it("creates every row in one go on the job queue, reporting progress, and refuses the whole file on one bad row", async () => {
    const { registerImportJob, queueImport, reportInMemory, reportThroughDatabase, progressOf } = await import("@/lib/import/import-job");
    const { runDueJobs } = await import("@/lib/jobs/queue");
    registerImportJob(handle.driver === "pg" ? reportThroughDatabase : reportInMemory);
    const upload = async (csv: string) => {
      const { header, rows } = table(csv);
      const [row] = await db.insert(s.dealImports).values({ orgId: admin.orgId, userId: admin.id, filename: "x.csv", header, rows, mapping: auto(header) }).returning();
      await queueImport(db, admin.orgId, row!.id);
      while ((await runDueJobs(db, "import-test")) > 0);
      return (await db.select().from(s.dealImports).where(eq(s.dealImports.id, row!.id)))[0]!;
    };
    const lines = Array.from({ length: 450 }, (_, i) => `Job row ${i},${i},VND`).join("\n");
    const before = await db.$count(s.deals);
    const done = await upload(`Title,Amount,Currency\n${lines}\n`);
    expect(done).toMatchObject({ status: "done", imported: 450, processed: 450, error: null, finishedAt: expect.any(Date) });
    expect(progressOf(done)).toBe(450);
    expect(await db.$count(s.deals)).toBe(before + 450);

    const refused = await upload("Title,Amount\nFine,1\nBroken,many\n");
    expect(refused).toMatchObject({ status: "uploaded", processed: 0, error: { key: "import.hasErrors", vars: { line: 3 } } });
    expect(await db.$count(s.deals)).toBe(before + 450);
  });
});

describe("an .xlsx import", () => {
  it("imports an ordinary workbook (Vietnamese text, amounts, dates) through the job queue", async () => {
    const { readXlsx } = await import("@/lib/import/xlsx");
    const { workbookBytes } = await import("../helpers/zip");
    const { registerImportJob, queueImport, reportInMemory, reportThroughDatabase } = await import("@/lib/import/import-job");
    const { runDueJobs } = await import("@/lib/jobs/queue");
    registerImportJob(handle.driver === "pg" ? reportThroughDatabase : reportInMemory);
    const bytes = await workbookBytes([
      ["Tên giao dịch", "Số tiền", "Tiền tệ", "Ngày kết thúc", "Người phụ trách"],
      ["Lắp đặt camera tòa nhà Đông Á", 125_000_000, "VND", new Date(Date.UTC(2026, 11, 31)), "Trần Thị Bích"],
      ["Bảo trì hệ thống điều hòa", 4200.5, "USD", new Date(Date.UTC(2027, 0, 15)), "Trần Thị Bích"],
    ]);
    const parsed = await readXlsx(bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    const { header, rows, lines } = parsed.table;
    const [row] = await db.insert(s.dealImports).values({ orgId: admin.orgId, userId: admin.id, filename: "giao-dich.xlsx", header, rows, lines, mapping: auto(header) }).returning();
    await queueImport(db, admin.orgId, row!.id);
    while ((await runDueJobs(db, "xlsx-import")) > 0);
    expect((await db.select().from(s.dealImports).where(eq(s.dealImports.id, row!.id)))[0]).toMatchObject({ status: "done", imported: 2, error: null });
    const [camera] = await db.select().from(s.deals).where(eq(s.deals.title, "Lắp đặt camera tòa nhà Đông Á"));
    expect(camera).toMatchObject({ amount: "125000000.00", currency: "VND", closeDate: "2026-12-31" });
    const [upkeep] = await db.select().from(s.deals).where(eq(s.deals.title, "Bảo trì hệ thống điều hòa"));
    expect(upkeep).toMatchObject({ amount: "4200.50", currency: "USD", closeDate: "2027-01-15" });
  });

  it("goes back to the mapping step, nothing written, when its worker died on the last attempt", async () => {
    const { registerImportJob, queueImport, reportInMemory } = await import("@/lib/import/import-job");
    const { claimJobs, recoverExpiredJobs } = await import("@/lib/jobs/queue");
    registerImportJob(reportInMemory);
    const { header, rows } = table("Title\nNever imported\n");
    const [row] = await db.insert(s.dealImports).values({ orgId: admin.orgId, userId: admin.id, filename: "x.csv", header, rows, mapping: auto(header) }).returning();
    await queueImport(db, admin.orgId, row!.id);
    const [job] = await db.select().from(s.jobs).where(eq(s.jobs.dedupeKey, `import:${row!.id}`));
    await db.update(s.jobs).set({ attempts: job!.maxAttempts - 1 }).where(eq(s.jobs.id, job!.id));
    await claimJobs(db, "dead-worker", 5);
    await db.update(s.dealImports).set({ status: "running" }).where(eq(s.dealImports.id, row!.id));
    await db.update(s.jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(s.jobs.id, job!.id));
    await recoverExpiredJobs(db);
    expect((await db.select().from(s.dealImports).where(eq(s.dealImports.id, row!.id)))[0]).toMatchObject({ status: "uploaded", processed: 0, error: { key: "errors.unexpected" } });
    expect(await db.$count(s.deals, eq(s.deals.title, "Never imported"))).toBe(0);
  });
});

describe("import of custom fields", () => {
  it("maps a column to a custom field by its name, reads options, people and money by their names, and refuses what does not fit", async () => {
    const { createCustomField } = await import("@/lib/fields/service");
    await inTx((tx) => createCustomField(tx, admin, fieldInput({ label: "Khu vực", type: "enumeration", multiple: true, options: ["Miền Bắc", "Miền Nam"] })));
    await inTx((tx) => createCustomField(tx, admin, fieldInput({ label: "Ngân sách", type: "money", multiple: false })));
    await inTx((tx) => createCustomField(tx, admin, fieldInput({ label: "Kỹ thuật", type: "employee", multiple: false })));
    await inTx((tx) => createCustomField(tx, admin, fieldInput({ label: "Ngày ký", type: "date", multiple: false })));
    const { importableFields } = await import("@/lib/import/deal-import");
    const custom = await importableFields(db, admin);
    const { header, rows } = table("Title,Khu vực,Ngân sách,Kỹ thuật,Ngày ký\nCF import A,Miền Bắc; mien nam,2500 USD,Vũ Quốc Huy,27/11/2026\nCF import B,Tây Nguyên,abc,Nobody,31/02/2026\n");
    const mapping = Object.fromEntries(header.map((h, i) => [String(i), guessField(h, {}, custom)]));
    expect(Object.values(mapping)).toEqual(["title", "UF_CRM_KHU_VUC", "UF_CRM_NGAN_SACH", "UF_CRM_KY_THUAT", "UF_CRM_NGAY_KY"]);
    const checked = await checkRows(db, admin, rows, mapping, false);
    expect(checked[0]!.errors).toEqual([]);
    const options = custom.find((c) => c.code === "UF_CRM_KHU_VUC")!.settings.options!;
    expect(checked[0]!.input!.custom).toMatchObject({ UF_CRM_KHU_VUC: options.map((o) => o.id), UF_CRM_NGAN_SACH: { amount: "2500", currency: "USD" }, UF_CRM_NGAY_KY: "2026-11-27" });
    expect(checked[1]!.errors.map((e) => e.vars?.field)).toEqual(["Khu vực", "Ngân sách", "Kỹ thuật", "Ngày ký"]);
    // The good row alone commits, with its values.
    await inTx((tx) => commitRows(tx, admin, [checked[0]!], (n) => `Deal #${n}`));
    const [deal] = await db.select().from(s.deals).where(eq(s.deals.title, "CF import A"));
    expect(deal!.custom).toMatchObject({ UF_CRM_NGAN_SACH: { amount: "2500", currency: "USD" }, UF_CRM_NGAY_KY: "2026-11-27" });
    expect(typeof deal!.custom.UF_CRM_KY_THUAT).toBe("number");
  });
});
