import { expect, test } from "@playwright/test";

test("switching to Vietnamese translates the app and formats money in VND", async ({ page }) => {
  await page.goto("/deals");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: "Giao dịch", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  // The browser tab and screen-reader labels too.
  await expect(page).toHaveTitle("Giao dịch · Deals CRM");
  await expect(page.getByRole("navigation", { name: "Phân trang" })).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Thêm giao dịch" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Người phụ trách" })).toBeVisible();
  // VND in Vietnamese: dots for thousands, no decimals, the ₫ sign after.
  await expect(page.locator("td.num").filter({ hasText: "₫" }).first()).toHaveText(/^[\d.]+\s₫$/);
  await page.getByRole("link", { name: "Thêm giao dịch" }).click();
  await expect(page.getByLabel("Số tiền", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page).toHaveURL(/\/deals\/\d+\?notice=created/);
  await expect(page.getByText("Đã tạo giao dịch.")).toBeVisible();
  await expect(page.getByTestId("deal-title")).toHaveText(/^Giao dịch #\d+$/);
  await page.goto("/deals/kanban");
  await expect(page).toHaveTitle("Kanban · Deals CRM");
  await page.goto("/analytics/revenue");
  await expect(page).toHaveTitle("Phân tích: doanh thu · Deals CRM");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveTitle("Analytics: revenue · Deals CRM");
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the list, the card and the form fit the screen; wide tables scroll inside their box", async ({ page }) => {
    await page.goto("/deals");
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(1);
    await expect(page.getByRole("link", { name: "Analytics" })).toBeVisible();
    await page.locator("tbody tr a").first().click();
    await expect(page.getByTestId("deal-title")).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await page.goto("/deals/new");
    expect(await overflow()).toBeLessThanOrEqual(1);
  });
});
