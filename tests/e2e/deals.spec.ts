import { expect, test } from "@playwright/test";
import { alertOf, createDeal, openSession, SELLER, uniqueTitle } from "./helpers";

test("create, see, edit and delete a deal; every change lands in the history", async ({ page }) => {
  const title = uniqueTitle("Cung cấp máy chủ");
  const url = await createDeal(page, title);
  await expect(page.getByTestId("deal-title")).toHaveText(title);
  await expect(page.locator(".sub .amount")).toHaveText("₫25,000,000");

  // It is in the list, newest first.
  await page.goto("/deals");
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();

  await page.goto(url);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill(`${title} (v2)`);
  await page.getByLabel("Pipeline / Stage").selectOption({ label: "Bán hàng · Hóa đơn tạm ứng" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal saved.")).toBeVisible();
  await expect(page.getByTestId("deal-title")).toHaveText(`${title} (v2)`);
  const history = page.getByTestId("history");
  await expect(history).toContainText("Nguyễn Văn An changed the deal");
  await expect(history).toContainText(`Title: ${title} → ${title} (v2)`);
  await expect(history).toContainText("Stage: Mới → Hóa đơn tạm ứng");
  await expect(history).toContainText("Nguyễn Văn An created the deal");

  await page.getByRole("link", { name: "Delete" }).click();
  await expect(page.getByText("Delete this deal? This cannot be undone.")).toBeVisible();
  await page.locator("form.confirm-delete").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deal deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  const gone = await page.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("invalid input is refused with a message per field and nothing typed is lost", async ({ page }) => {
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill("Keeps my title");
  await page.getByLabel("Amount").fill("twelve");
  await page.getByLabel("Start date").fill("2026-12-10");
  await page.getByLabel("Close date").fill("2026-12-01");
  await page.getByLabel("Comments").fill("Ghi chú quan trọng");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByText("Enter a number, e.g. 1,500,000.50.")).toBeVisible();
  await expect(page.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue("Keeps my title");
  await expect(page.getByLabel("Comments")).toHaveValue("Ghi chú quan trọng");
  await expect(page).toHaveURL(/\/deals\/new$/);
});

test("a stale edit is refused, naming who changed the deal, with the user's input kept", async ({ page, context }) => {
  const title = uniqueTitle("Stale");
  const url = await createDeal(page, title);
  const other = await context.newPage();
  await other.goto(`${url}/edit`);
  await page.goto(`${url}/edit`);

  await other.getByLabel("Title").fill(`${title} — first`);
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByText("Deal saved.")).toBeVisible();

  await page.getByLabel("Title").fill(`${title} — second`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toContainText("This deal was changed by Nguyễn Văn An");
  await expect(page.getByLabel("Title")).toHaveValue(`${title} — second`);
});

test("unknown ids and other people's private deals are 404 for a sales person", async ({ page, browser }) => {
  // Đặng Thu Lan works in TP.HCM; Phạm Minh Đức in Hà Nội: not his department.
  const url = await createDeal(page, uniqueTitle("Private"), { privateFor: "Đặng Thu Lan" });
  expect((await page.goto("/deals/999999"))?.status()).toBe(404);
  expect((await page.goto("/deals/not-a-number"))?.status()).toBe(404);
  const seller = await openSession(browser, SELLER);
  const response = await seller.goto(url);
  expect(response?.status()).toBe(404);
  expect((await seller.goto(`${url}/edit`))?.status()).toBe(404);
  await seller.context().close();
});

test("the list pages forward and back with keyset cursors", async ({ page }) => {
  await page.goto("/deals");
  const firstRow = page.locator("tbody tr").first();
  const firstTitle = await firstRow.locator("td a").first().textContent();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=[\w-]+/);
  await expect(page.locator("tbody tr")).toHaveCount(50);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.locator("tbody tr").first().locator("td a").first()).toHaveText(firstTitle!);
});
