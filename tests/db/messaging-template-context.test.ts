import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { createDeal } from "@/lib/deals/service";
import { createCustomField } from "@/lib/fields/service";
import { loadTemplateContext, previewTemplateContext } from "@/lib/messaging/template-context";
import { renderTemplate, unknownPlaceholders } from "@/lib/messaging/template";
import type { Viewer } from "@/lib/permissions";
import { inTransaction, type TestDb } from "../helpers/db";
import { dealInput, fieldInput, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let dealId: number;
const SITE = "https://crm.saomai.vn";

beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  const [an, bich] = org.contacts as [TestOrg["contacts"][number], TestOrg["contacts"][number]];
  await db.update(s.contacts).set({ emails: [{ value: " an@saomai.vn ", kind: "WORK" }], phones: [{ value: "0912 345 678", kind: "MOBILE" }] }).where(eq(s.contacts.id, an.id));
  await db.update(s.contacts).set({ emails: [{ value: "bich@saomai.vn", kind: "WORK" }] }).where(eq(s.contacts.id, bich.id));
  await db.update(s.companies).set({ emails: [{ value: "info@saomai.vn", kind: "WORK" }], phones: [{ value: "028 3822 1234", kind: "WORK" }] }).where(eq(s.companies.id, org.company.id));
  await inTransaction(db, async (tx) => {
    await createCustomField(tx, org.admin, fieldInput({ label: "Mã số thuế", code: "UF_CRM_TAX" }));
    await createCustomField(tx, org.admin, fieldInput({ label: "Account manager", code: "UF_CRM_AM", type: "employee" }));
    await createCustomField(tx, org.admin, fieldInput({ label: "Margin", code: "UF_CRM_MARGIN", visibleUsers: [org.seller.id] }));
    await createCustomField(tx, org.admin, fieldInput({ label: "Empty", code: "UF_CRM_EMPTY" }));
  });
  dealId = await inTransaction(db, (tx) =>
    createDeal(tx, org.seller, {
      ...dealInput({ stageId: org.stage(0, "NEW").id, title: "Bảo trì hệ thống", amount: "1500000", currency: "VND", companyId: org.company.id, contactIds: [an.id, bich.id], closeDate: "2026-12-31" }),
      custom: { UF_CRM_TAX: "0301234567", UF_CRM_AM: org.other.id, UF_CRM_MARGIN: "30%" },
    }),
  );
});
afterAll(() => handle.close());

const TEMPLATE = "{{deal.title}} | {{deal.amount}} | {{deal.stage}} | {{deal.closeDate}} | {{deal.id}} | {{deal.url}} | {{contact.name}} | {{contact.email}} | {{contact.phone}} | {{company.title}} | {{responsible.name}} | {{responsible.email}} | {{deal.uf.UF_CRM_TAX}} | {{deal.uf.UF_CRM_AM}} | {{deal.uf.UF_CRM_MARGIN}} | [{{deal.uf.UF_CRM_EMPTY}}]";

describe("a deal's template context", () => {
  it("holds the deal, its primary contact, company, responsible and custom values, formatted for the language", async () => {
    const vi = (await loadTemplateContext(db, org.orgId, dealId, "vi", { siteUrl: SITE }))!;
    const seller = (await db.select().from(s.users).where(eq(s.users.id, org.seller.id)))[0]!;
    expect(renderTemplate(TEMPLATE, vi.values)).toBe(
      `Bảo trì hệ thống | 1.500.000\u00a0₫ | New | 31 thg 12, 2026 | ${dealId} | ${SITE}/deals/${dealId} | Nguyễn Văn An | an@saomai.vn | 0912 345 678 | Công ty Sao Mai | seller | ${seller.email} | 0301234567 | other | 30% | []`,
    );
    const en = (await loadTemplateContext(db, org.orgId, dealId, "en", { siteUrl: SITE }))!;
    expect(renderTemplate("{{deal.amount}} {{deal.closeDate}}", en.values)).toBe("₫1,500,000 Dec 31, 2026");
    expect(vi.client).toEqual({ email: "an@saomai.vn", phone: "0912 345 678" });
    expect(vi.customCodes.sort()).toEqual(["UF_CRM_AM", "UF_CRM_EMPTY", "UF_CRM_MARGIN", "UF_CRM_TAX"]);
    expect(unknownPlaceholders(TEMPLATE, vi.customCodes)).toEqual([]);
  });

  it("takes the company's address and phone when the contact has none", async () => {
    const bare = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id, companyId: org.company.id, contactIds: [org.contacts[1]!.id] })));
    const context = (await loadTemplateContext(db, org.orgId, bare, "en"))!;
    expect(context.client).toEqual({ email: "bich@saomai.vn", phone: "028 3822 1234" });
    const none = await inTransaction(db, (tx) => createDeal(tx, org.seller, dealInput({ stageId: org.stage(0, "NEW").id })));
    const empty = (await loadTemplateContext(db, org.orgId, none, "en"))!;
    expect(empty.client).toEqual({ email: null, phone: null });
    expect(renderTemplate("[{{contact.name}}][{{company.title}}]", empty.values)).toBe("[][]");
  });

  it("leaves out, for an author, the custom fields limited to others, and an amount their role hides", async () => {
    const pipelineId = org.pipelines[0]!.id;
    const hiding: Viewer = {
      ...org.other,
      access: { ...org.other.access, pipelines: { ...org.other.access.pipelines, [pipelineId]: { ...org.other.access.pipelines[pipelineId]!, hideAmounts: true } } },
    };
    const context = (await loadTemplateContext(db, org.orgId, dealId, "en", { author: hiding }))!;
    expect(context.customCodes).not.toContain("UF_CRM_MARGIN");
    expect(unknownPlaceholders("{{deal.uf.UF_CRM_MARGIN}}", context.customCodes)).toEqual(["deal.uf.UF_CRM_MARGIN"]);
    expect(renderTemplate("{{deal.amount}}|{{deal.uf.UF_CRM_MARGIN}}|{{deal.uf.UF_CRM_TAX}}", context.values)).toBe("hidden||0301234567");
  });

  it("is null for a deal of another org, or none", async () => {
    expect(await loadTemplateContext(db, org.orgId + 1000, dealId, "en")).toBeNull();
    expect(await loadTemplateContext(db, org.orgId, 2_000_000_000, "en")).toBeNull();
  });
});

describe("the editor's preview", () => {
  it("is for deals the viewer may read only, and without client details their role may not read", async () => {
    const hidden = await inTransaction(db, (tx) => createDeal(tx, org.other, dealInput({ stageId: org.stage(0, "NEW").id, opened: false, contactIds: [org.contacts[0]!.id] })));
    expect(await previewTemplateContext(db, org.seller, hidden, "vi")).toBeNull();
    expect((await previewTemplateContext(db, org.admin, hidden, "vi"))?.values["contact.email"]).toBe("an@saomai.vn");
    const seller: Viewer = { ...org.seller, access: { ...org.seller.access, clients: { ...org.seller.access.clients, details: false } } };
    const preview = (await previewTemplateContext(db, seller, dealId, "vi"))!;
    expect(renderTemplate("{{contact.name}} {{contact.email}} {{contact.phone}}", preview.values)).toBe("Nguyễn Văn An  ");
    expect(preview.client).toEqual({ email: null, phone: null });
  });
});
