import { expect, test } from "@playwright/test";
import { alertOf, uniqueTitle } from "./helpers";

test("export a filtered list, import the file back: checked row by row, duplicates flagged, then imported", async ({ page }) => {
  await page.goto("/deals?semantics=F&size=10");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = Buffer.concat(await (await (await download).createReadStream()).toArray());
  const rows = csv.toString("utf8").trim().split("\r\n").length - 1;
  expect(rows).toBeGreaterThan(3);

  await page.getByRole("link", { name: "Import" }).click();
  await page.getByLabel(/Excel \.xlsx/).setInputFiles({ name: "deals.csv", mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/deals\/import\/\d+$/);
  // Headers were recognised: the title column maps to "Title", the id column is ignored.
  await expect(page.getByLabel("Field: Title")).toHaveValue("title");
  await expect(page.getByLabel("Field: ID")).toHaveValue("ignore");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText(`${rows} rows ready, 0 with errors, ${rows} look like duplicates.`);
  await page.getByRole("button", { name: `Import ${rows} deals` }).click();
  await expect(page.getByTestId("import-done")).toHaveText(`${rows} deals imported.`);
});

test("a file that is not UTF-8 is refused with a clear message; bad rows block the import", async ({ page }) => {
  await page.goto("/deals/import");
  await page.getByLabel(/Excel \.xlsx/).setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e, 0x0a]) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(alertOf(page)).toHaveText("The file is not UTF-8. Save it as “CSV UTF-8” and upload it again.");

  await page.getByLabel(/Excel \.xlsx/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Title,Amount,Close date\nGood,100,2026-12-01\nBad,lots,31/02/2026\n") });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("1 row ready, 1 with errors, 0 look like duplicates.");
  await expect(page.getByTestId("import-errors")).toHaveText(/Row 3: Amount: “lots” is not a number\. Close date: “31\/02\/2026” is not a date/);
  await expect(page.getByRole("button", { name: /^Import \d+ deals?$/ })).toHaveCount(0);
});

test("a Vietnamese file: its numbers and dates read as written, and the reading shown at the check", async ({ page }) => {
  const title = uniqueTitle("Nhập VN");
  const csv = `Tên giao dịch,Số tiền,Tiền tệ,Ngày kết thúc,Giai đoạn\n${title} A,12.500.000,VND,31-12-2026,Mới\n${title} B,"1.500.000 ₫",VND,05/01/2027,Mới\n`;
  await page.goto("/deals/import");
  await page.getByLabel(/Excel \.xlsx/).setInputFiles({ name: "ban-hang.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByLabel("Numbers in the file")).toHaveValue("auto");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-numbers")).toHaveText("Numbers are read as Vietnamese, 1.234.567,89: “12.500.000” is 12,500,000.");
  await expect(page.getByTestId("import-summary")).toHaveText("2 rows ready, 0 with errors, 0 look like duplicates.");

  // Said to be English, the same file is refused row by row, and the check says why.
  await page.getByLabel("Numbers in the file").selectOption("en");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-numbers")).toContainText("“12.500.000” is not a number that way");
  await expect(page.getByTestId("import-summary")).toHaveText("0 rows ready, 2 with errors, 0 look like duplicates.");

  await page.getByLabel("Numbers in the file").selectOption("auto");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: "Import 2 deals" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("2 deals imported.");
  await page.goto(`/deals?q=${encodeURIComponent(title)}&sort=title&dir=asc`);
  await expect(page.locator("tbody tr").first()).toContainText("₫12,500,000");
  await expect(page.locator("tbody tr").nth(1)).toContainText("₫1,500,000");
  await expect(page.locator("tbody tr").first()).toContainText("Dec 31, 2026");
});

test("an Excel export imports back too", async ({ page }) => {
  await page.goto("/deals?semantics=S&size=10");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsx = Buffer.concat(await (await file.createReadStream()).toArray());
  expect(xlsx.subarray(0, 2).toString()).toBe("PK");
  await page.goto("/deals/import");
  await page.getByLabel(/Excel \.xlsx/).setInputFiles({ name: "deals.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByLabel("Field: Title")).toHaveValue("title");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText(/^\d+ rows? ready, 0 with errors, \d+ look like duplicates\.$/);
});
