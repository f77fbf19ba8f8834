import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/actions/errors";
import { translator } from "@/lib/i18n/translate";
import { assertKnownPlaceholders, placeholdersOf, renderTemplate, STANDARD_PLACEHOLDERS, unknownPlaceholders } from "@/lib/messaging/template";
import { templateValues, type TemplateFacts } from "@/lib/messaging/template-values";

const facts = (overrides: Partial<TemplateFacts["deal"]> = {}): TemplateFacts => ({
  deal: { id: 42, title: "Hợp đồng <b>ABC</b> & co", amount: "1500000.00", currency: "VND", stage: "Chuẩn bị", closeDate: "2026-12-31", ...overrides },
  contact: { name: "Nguyễn Văn An", email: "an@example.vn", phone: "0912 345 678" },
  company: { title: "Công ty Sao Mai" },
  responsible: { name: "Trần Thị Bích", email: "bich@crm.vn" },
  custom: { UF_CRM_TAX: "0101234567", UF_CRM_NOTE: "" },
});
const values = (locale: "en" | "vi", f = facts()) => templateValues(f, { locale, siteUrl: "https://crm.example.vn/", amountHidden: "hidden" });

describe("placeholders", () => {
  it("lists each placeholder once, in order, spaces inside the braces allowed", () => {
    expect(placeholdersOf("Chào {{contact.name}}, {{ deal.title }} — {{contact.name}} {{deal.uf.UF_CRM_TAX}}")).toEqual(["contact.name", "deal.title", "deal.uf.UF_CRM_TAX"]);
    expect(placeholdersOf("no placeholders { here }")).toEqual([]);
  });

  it("reports unknown ones, misspelt and unknown custom fields alike", () => {
    const text = "{{deal.title}} {{deal.titel}} {{deal.uf.UF_CRM_TAX}} {{deal.uf.UF_CRM_GONE}} {{contact.name}} {{ }} {{deal.amount | upper}}";
    expect(unknownPlaceholders(text, ["UF_CRM_TAX"])).toEqual(["deal.titel", "deal.uf.UF_CRM_GONE", "", "deal.amount | upper"]);
    expect(unknownPlaceholders(STANDARD_PLACEHOLDERS.map((p) => `{{${p}}}`).join(" "), [])).toEqual([]);
  });

  it("refuses a template with unknown placeholders with a message naming them all", () => {
    let error: unknown;
    try {
      assertKnownPlaceholders("Chào {{contact.nam}}, {{deal.uf.UF_CRM_X}}", []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ActionError);
    const refusal = error as ActionError;
    expect(translator("en")(refusal.messageKey, refusal.vars)).toBe("Unknown placeholders: {{contact.nam}}, {{deal.uf.UF_CRM_X}}. Use only the placeholders listed with the template.");
    expect(translator("vi")(refusal.messageKey, refusal.vars)).toContain("{{contact.nam}}, {{deal.uf.UF_CRM_X}}");
    expect(() => assertKnownPlaceholders("{{deal.title}}", [])).not.toThrow();
  });
});

describe("rendering", () => {
  it("fills every placeholder from the deal, its client, the responsible and custom fields", () => {
    const text = "Chào {{contact.name}} ({{contact.email}}, {{contact.phone}}) của {{company.title}}: {{deal.title}} #{{deal.id}} ở giai đoạn {{deal.stage}}, MST {{deal.uf.UF_CRM_TAX}}, ghi chú “{{deal.uf.UF_CRM_NOTE}}”. {{responsible.name}} <{{responsible.email}}> {{deal.url}}";
    expect(renderTemplate(text, values("vi"))).toBe(
      "Chào Nguyễn Văn An (an@example.vn, 0912 345 678) của Công ty Sao Mai: Hợp đồng <b>ABC</b> & co #42 ở giai đoạn Chuẩn bị, MST 0101234567, ghi chú “”. Trần Thị Bích <bich@crm.vn> https://crm.example.vn/deals/42",
    );
  });

  it("formats the amount for the language: VND without decimals", () => {
    expect(renderTemplate("{{deal.amount}}", values("vi"))).toBe("1.500.000\u00a0₫");
    expect(renderTemplate("{{deal.amount}}", values("en"))).toBe("₫1,500,000");
    expect(renderTemplate("{{deal.amount}}", values("en", facts({ amount: "2500.50", currency: "USD" })))).toBe("$2,500.50");
    expect(renderTemplate("{{deal.amount}}", values("vi", facts({ amount: "2500.50", currency: "USD" })))).toBe("2.500,50\u00a0US$");
    expect(renderTemplate("{{deal.amount}}", values("en", facts({ amount: null })))).toBe("hidden");
  });

  it("formats the close date for the language", () => {
    expect(renderTemplate("{{deal.closeDate}}", values("en"))).toBe("Dec 31, 2026");
    expect(renderTemplate("{{deal.closeDate}}", values("vi"))).toBe("31 thg 12, 2026");
  });

  it("escapes values in HTML, never the author's markup", () => {
    const html = renderTemplate('<p title="{{deal.title}}">Chào <b>{{contact.name}}</b>: {{deal.title}}</p>', { ...values("vi"), "contact.name": `"><script>alert(1)</script>` }, { html: true });
    expect(html).toBe('<p title="Hợp đồng &lt;b&gt;ABC&lt;/b&gt; &amp; co">Chào <b>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b>: Hợp đồng &lt;b&gt;ABC&lt;/b&gt; &amp; co</p>');
    expect(renderTemplate("{{deal.title}}", values("vi"))).toBe("Hợp đồng <b>ABC</b> & co");
  });

  it("renders missing values and unknown placeholders as nothing, and never reads the object's prototype", () => {
    const noClient = { ...facts(), contact: null, company: null };
    expect(renderTemplate("[{{contact.name}}][{{company.title}}][{{deal.uf.UF_CRM_GONE}}][{{constructor}}][{{__proto__}}]", values("en", noClient))).toBe("[][][][][]");
  });

  it("does not read a value as a template: placeholders in a deal's title stay text", () => {
    expect(renderTemplate("{{deal.title}}", values("en", facts({ title: "{{responsible.email}}" })))).toBe("{{responsible.email}}");
  });
});
