import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { card, column, drag, quickAdd } from "./board-helpers";
import { alertOf, HEAD_HCM, openSession, uniqueTitle } from "./helpers";

test.use({ viewport: { width: 1700, height: 900 } });

type NewField = { label: string; type: string; code: string; list?: boolean; filter?: boolean; multiple?: boolean; options?: string; precision?: string; target?: string };

async function createField(page: Page, f: NewField) {
  await page.goto("/settings/fields");
  const form = page.getByRole("form", { name: "Add a field" });
  await form.getByLabel("Name", { exact: true }).fill(f.label);
  await form.getByLabel("Type", { exact: true }).selectOption({ label: f.type });
  await form.getByLabel("Code", { exact: true }).fill(f.code);
  if (f.list) await form.getByLabel("As a list column").check();
  if (f.filter) await form.getByLabel("In the list's filter").check();
  if (f.multiple) await form.getByLabel("Several values").check();
  if (f.options) await form.getByLabel(/Options, one per line/).fill(f.options);
  if (f.precision) await form.getByLabel(/Decimal places/).fill(f.precision);
  if (f.target) await form.getByLabel(/Links to/).selectOption({ label: f.target });
  await form.getByRole("button", { name: "Create field" }).click();
  await expect(page.getByText("Field created.")).toBeVisible();
}

/** Deletes a field through Settings (asks first); the other tests then see the deal form as it was. */
async function deleteField(page: Page, code: string) {
  await page.goto("/settings/fields");
  await page.getByRole("row").filter({ hasText: code }).getByRole("link", { name: "Delete field" }).click();
  await page.getByRole("form", { name: "Delete field" }).getByRole("button", { name: "Delete field" }).click();
  await expect(page.getByText("Field deleted.")).toBeVisible();
}

test("custom fields of every type: defined in Settings, filled on a deal, shown, listed, filtered, required at a stage", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36).toUpperCase();
  const c = (name: string) => `UF_CRM_E2E_${name}_${tag}`;
  const fields: NewField[] = [
    { label: `Mã số thuế ${tag}`, type: "Text", code: c("TAX"), list: true, filter: true },
    { label: `Số ghế ${tag}`, type: "Integer", code: c("SEATS"), filter: true },
    { label: `Tỷ lệ ${tag}`, type: "Number", code: c("RATIO"), precision: "3" },
    { label: `Ưu tiên ${tag}`, type: "Yes / no", code: c("HOT") },
    { label: `Ngày ký ${tag}`, type: "Date", code: c("SIGNED") },
    { label: `Hẹn gặp ${tag}`, type: "Date and time", code: c("MEET") },
    { label: `Ngân sách ${tag}`, type: "Money", code: c("BUDGET") },
    { label: `Website ${tag}`, type: "Link (URL)", code: c("WEB") },
    { label: `Địa chỉ giao ${tag}`, type: "Address", code: c("ADDR") },
    { label: `Khu vực ${tag}`, type: "List", code: c("REGION"), options: "Miền Bắc\nMiền Trung\nMiền Nam", multiple: true, list: true },
    { label: `Kỹ thuật ${tag}`, type: "Employee", code: c("ENGINEER") },
    { label: `Đối tác ${tag}`, type: "CRM record", code: c("PARTNER"), target: "Company" },
  ];
  for (const f of fields) await createField(page, f);
  await expect(page.getByTestId("custom-fields")).toContainText(c("PARTNER"));

  // A new deal with every field filled; a wrong integer first is refused with a message at the field.
  const title = uniqueTitle("Custom fields deal");
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill(title);
  const section = page.getByTestId("custom-fields-section");
  await section.getByLabel(`Mã số thuế ${tag}`).fill("0301234567");
  await section.getByLabel(`Số ghế ${tag}`).fill("12.5");
  await section.getByLabel(`Tỷ lệ ${tag}`).fill("0.125");
  await section.getByLabel(`Ưu tiên ${tag}`).selectOption({ label: "Yes" });
  await section.getByLabel(`Ngày ký ${tag}`).fill("2026-12-01");
  await section.getByLabel(`Hẹn gặp ${tag}`).fill("2026-12-02T09:30");
  await section.getByLabel(`Ngân sách ${tag}`, { exact: true }).fill("12,500.50");
  await section.getByLabel(`Ngân sách ${tag}: Currency`).selectOption("USD");
  await section.getByLabel(`Website ${tag}`).first().fill("example.vn");
  await section.getByLabel(`Địa chỉ giao ${tag}`).first().fill("12 Lê Lợi\nQuận 1");
  await section.getByLabel(`Khu vực ${tag}`).selectOption([{ label: "Miền Bắc" }, { label: "Miền Nam" }]);
  await section.getByLabel(`Kỹ thuật ${tag}`).selectOption({ label: "Vũ Quốc Huy" });
  await section.getByLabel(`Đối tác ${tag}`).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByText("Enter a whole number.")).toBeVisible();
  // What was typed is still there.
  await expect(section.getByLabel(`Mã số thuế ${tag}`)).toHaveValue("0301234567");
  await section.getByLabel(`Số ghế ${tag}`).fill("12");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();

  const shown = page.getByTestId("card-custom-fields");
  await expect(shown).toContainText("0301234567");
  await expect(shown).toContainText("0.125");
  await expect(shown).toContainText("$12,500.50");
  await expect(shown).toContainText("Miền Bắc, Miền Nam");
  await expect(shown).toContainText("Vũ Quốc Huy");
  await expect(shown.getByRole("link", { name: "https://example.vn/" })).toBeVisible();
  await expect(shown).toContainText("Dec 2, 2026");
  const cardUrl = page.url().replace(/\?.*$/, "");

  // An edit is recorded in the history with the field's name.
  await page.goto(`${cardUrl}/edit`);
  await page.getByTestId("custom-fields-section").getByLabel(`Số ghế ${tag}`).fill("15");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal saved.")).toBeVisible();
  await expect(page.getByTestId("history")).toContainText(`Số ghế ${tag}: 12 → 15`);

  // The list: the custom column, and the filter.
  await page.goto("/deals");
  await page.locator(".column-panel summary").click();
  await page.getByRole("form", { name: "Columns" }).getByLabel(`Mã số thuế ${tag}`).check();
  await page.getByRole("form", { name: "Columns" }).getByLabel(`Khu vực ${tag}`).check();
  await page.getByRole("button", { name: "Show these columns" }).click();
  await expect(page.getByRole("columnheader", { name: `Mã số thuế ${tag}` })).toBeVisible();
  await page.goto(`/deals?cf.${c("SEATS")}.from=14&cf.${c("TAX")}=0301`);
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("0301234567");
  await expect(row).toContainText("Miền Bắc, Miền Nam");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.goto(`/deals?cf.${c("SEATS")}.from=16`);
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);

  // Placed in a new section of the card's layout.
  await page.goto("/deals/layout?scope=common");
  await page.getByLabel("New section: Name").fill(`Pháp lý ${tag}`);
  await page.getByLabel(`Mã số thuế ${tag}: Section`).selectOption({ label: "New section" });
  await page.getByLabel(`Ngày ký ${tag}: Section`).selectOption({ label: "New section" });
  await page.getByRole("button", { name: "Save layout" }).click();
  await expect(page.getByText("Layout saved.")).toBeVisible();
  await page.goto(cardUrl);
  const legal = page.locator(".card-section").filter({ has: page.getByRole("heading", { name: `Pháp lý ${tag}` }) });
  await expect(legal).toContainText("0301234567");
  await expect(legal).toContainText(`Ngày ký ${tag}`);

  // Required at a stage: the board asks for exactly that field on drop.
  await page.goto("/deals/kanban");
  await page.getByRole("link", { name: "Edit stages" }).click();
  const stageForm = page.getByRole("form", { name: "Đang thực hiện", exact: true });
  await stageForm.getByRole("checkbox", { name: `Ngày ký ${tag}` }).check();
  await stageForm.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Stage “Đang thực hiện” saved.")).toBeVisible();
  await page.goto("/deals/kanban");
  const moving = uniqueTitle("Needs a signing date");
  await quickAdd(page, "Mới", moving);
  await drag(page, card(page, moving), column(page, "Đang thực hiện").locator("ul.cards"));
  const dialog = page.getByRole("dialog", { name: `Move “${moving}” to Đang thực hiện` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(`Ngày ký ${tag}`).fill("2026-12-24");
  await dialog.getByRole("button", { name: "Save and move" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(column(page, "Đang thực hiện").getByTestId("board-card").filter({ hasText: moving })).toBeVisible();

  // Deleting the field asks first, then its values and its requirement go with it.
  await page.goto("/settings/fields");
  await page.getByRole("row").filter({ hasText: c("SIGNED") }).getByRole("link", { name: "Delete field" }).click();
  await expect(page.getByText(`Delete “Ngày ký ${tag}” and its values in every deal? This cannot be undone.`)).toBeVisible();
  await page.getByRole("form", { name: "Delete field" }).getByRole("button", { name: "Delete field" }).click();
  await expect(page.getByText("Field deleted.")).toBeVisible();
  await expect(page.getByTestId("custom-fields")).not.toContainText(c("SIGNED"));
  for (const f of fields.filter((x) => x.code !== c("SIGNED"))) await deleteField(page, f.code);
  await page.goto("/deals/layout?scope=common");
  await page.getByRole("button", { name: "Back to the default layout" }).click();
  await expect(page.getByText("The default layout: nothing arranged yet.")).toBeVisible();
});

/** The new-field form shows the settings of the type chosen, and only those. */
async function expectTypeSettings(page: Page) {
  await page.goto("/settings/fields");
  const form = page.getByRole("form", { name: "Add a field" });
  const [precision, options, target, multiline] = [form.getByLabel(/Decimal places/), form.getByLabel(/Options, one per line/), form.getByLabel(/Links to/), form.getByLabel(/Several lines/)];
  await expect(multiline).toBeVisible();
  await expect(precision).toBeHidden();
  await form.getByLabel("Type", { exact: true }).selectOption({ label: "Number" });
  await expect(precision).toBeVisible();
  await expect(options).toBeHidden();
  await form.getByLabel("Type", { exact: true }).selectOption({ label: "List" });
  await expect(options).toBeVisible();
  await expect(precision).toBeHidden();
  await form.getByLabel("Type", { exact: true }).selectOption({ label: "Date" });
  for (const setting of [precision, options, target, multiline]) await expect(setting).toBeHidden();
}

test("a new field's form shows only the settings of the type chosen", async ({ page }) => {
  await expectTypeSettings(page);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });
  test("a new field's form shows only the chosen type's settings, by CSS alone", async ({ page }) => {
    await expectTypeSettings(page);
  });

  test("a deal's custom fields save with the plain form", async ({ page }) => {
    const tag = Date.now().toString(36).toUpperCase();
    await createField(page, { label: `Hợp đồng ${tag}`, type: "Text", code: `UF_CRM_NOJS_${tag}` });
    await page.goto("/deals/new");
    const title = uniqueTitle("No-JS custom");
    await page.getByLabel("Title").fill(title);
    await page.getByTestId("custom-fields-section").getByLabel(`Hợp đồng ${tag}`).fill("HĐ-2026/15");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Deal created.")).toBeVisible();
    await expect(page.getByTestId("card-custom-fields")).toContainText("HĐ-2026/15");
    await deleteField(page, `UF_CRM_NOJS_${tag}`);
  });
});

test("a field limited to some people: others see neither it nor its value, on the card or in the export", async ({ page, browser }) => {
  const tag = Date.now().toString(36).toUpperCase();
  const code = `UF_CRM_SECRET_${tag}`;
  await page.goto("/settings/fields");
  const form = page.getByRole("form", { name: "Add a field" });
  await form.getByLabel("Name").fill(`Biên lợi nhuận ${tag}`);
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("As a list column").check();
  await form.getByLabel("People").selectOption({ label: "Đặng Thu Lan" });
  await form.getByRole("button", { name: "Create field" }).click();
  await expect(page.getByText("Field created.")).toBeVisible();

  const title = uniqueTitle("Secret margin");
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill(title);
  await page.getByTestId("custom-fields-section").getByLabel(`Biên lợi nhuận ${tag}`).fill("MARGIN-42-PERCENT");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();
  await expect(page.getByTestId("card-custom-fields")).toContainText("MARGIN-42-PERCENT");
  const url = page.url().replace(/\?.*$/, "");

  // A sales head: reads and exports every deal, and is not among the people the field is for.
  const head = await openSession(browser, HEAD_HCM);
  const html = await (await head.request.get(url)).text();
  expect(html).toContain(title);
  expect(html).not.toContain("MARGIN-42-PERCENT");
  expect(html).not.toContain(`Biên lợi nhuận ${tag}`);
  const edit = await (await head.request.get(`${url}/edit`)).text();
  expect(edit).not.toContain("MARGIN-42-PERCENT");
  const csv = await (await head.request.get(`/deals/export?q=${encodeURIComponent(title)}`)).text();
  expect(csv).toContain(title);
  expect(csv).not.toContain("MARGIN-42-PERCENT");
  await head.context().close();

  await page.goto("/settings/fields");
  await page.getByRole("row").filter({ hasText: code }).getByRole("link", { name: "Delete field" }).click();
  await page.getByRole("form", { name: "Delete field" }).getByRole("button", { name: "Delete field" }).click();
  await expect(page.getByText("Field deleted.")).toBeVisible();
});

test("a file field: uploads a document, downloads it as an attachment, refuses a program and a 50 MB file", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36).toUpperCase();
  const code = `UF_CRM_DOCS_${tag}`;
  await createField(page, { label: `Hồ sơ ${tag}`, type: "File", code, multiple: true });
  const title = uniqueTitle("Deal with files");
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill(title);
  const input = page.getByTestId("custom-fields-section").getByLabel(`Hồ sơ ${tag}`);
  await input.setInputFiles({ name: "Hợp đồng.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 test") });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();
  const link = page.getByTestId("card-custom-fields").getByRole("link", { name: "Hợp đồng.pdf" });
  const href = (await link.getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain("attachment");
  expect(await download.text()).toBe("%PDF-1.4 test");
  const url = page.url().replace(/\?.*$/, "");

  // 50 MB is above what Playwright passes as a buffer: it goes through a file.
  const big = path.join(mkdtempSync(path.join(tmpdir(), "crm-upload-")), "scan.pdf");
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 1));
  for (const [file, message] of [
    [{ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") }, "“setup.exe” is not a file this field takes"],
    [big, "“scan.pdf” is larger than 10 MB."],
  ] as const) {
    await page.goto(`${url}/edit`);
    await page.getByTestId("custom-fields-section").getByLabel(`Hồ sơ ${tag}`).setInputFiles(file);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(message)).toBeVisible({ timeout: 20_000 });
  }
  await page.goto(url);
  await expect(page.getByTestId("card-custom-fields").locator("dd a:not(.inline-edit-link)")).toHaveText(["Hợp đồng.pdf"]);

  await page.goto("/settings/fields");
  await page.getByRole("row").filter({ hasText: code }).getByRole("link", { name: "Delete field" }).click();
  await page.getByRole("form", { name: "Delete field" }).getByRole("button", { name: "Delete field" }).click();
  await expect(page.getByText("Field deleted.")).toBeVisible();
});
