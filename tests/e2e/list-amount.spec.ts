import { expect, test, type Page } from "@playwright/test";
import { createDeal, uniqueTitle } from "./helpers";

/**
 * Sorting and amount ranges compare amounts in the org's base currency (VND in the demo, where a
 * dollar is ₫25,400): $49,900 is worth more than ₫4,500,000.
 */
let prefix: string;
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  prefix = uniqueTitle("Cross currency");
  await createDeal(page, `${prefix} dong`, { amount: "4,500,000" });
  await createDeal(page, `${prefix} dollar`, { amount: "49,900", currency: "USD" });
  await page.close();
});

const titles = (page: Page) => page.locator("tbody tr td[data-label='Title'] > a");

test("at 1440×900 the amount header sorts across currencies, and the amount range is in the base currency", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/deals?q=${encodeURIComponent(prefix)}`);
  await page.getByTitle("Sort by Amount").click();
  await expect(page).toHaveURL(/sort=amount/);
  await expect(titles(page)).toHaveText([`${prefix} dollar`, `${prefix} dong`]);
  await page.getByTitle("Sort by Amount").click();
  await expect(titles(page)).toHaveText([`${prefix} dong`, `${prefix} dollar`]);

  // ₫100,000,000 and up: the dollar deal (₫1.27 billion), not the dong one.
  await page.goto(`/deals?q=${encodeURIComponent(prefix)}&filters=1`);
  const filters = page.getByRole("search", { name: "Filters" });
  await filters.getByLabel("Amount from").fill("100000000");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(titles(page)).toHaveText([`${prefix} dollar`]);
  await expect(page.getByTestId("filter-chips")).toContainText("Amount from: ₫100,000,000");
});

test.describe("on a phone (375×812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("where the headers are not shown, a small form sorts the list, keeping the search", async ({ page }) => {
    await page.goto(`/deals?q=${encodeURIComponent(prefix)}`);
    const sort = page.getByRole("form", { name: "Sort by" });
    await expect(sort).toBeInViewport();
    await sort.getByLabel("Sort by").selectOption({ label: "Amount" });
    await sort.getByLabel("Direction").selectOption({ label: "Descending" });
    await sort.getByRole("button", { name: "Sort" }).tap();
    await expect(page).toHaveURL(/sort=amount&dir=desc|dir=desc.*sort=amount|sort=amount/);
    await expect(titles(page)).toHaveText([`${prefix} dollar`, `${prefix} dong`]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the sort form is a plain GET form", async ({ page }) => {
      await page.goto(`/deals?q=${encodeURIComponent(prefix)}`);
      const sort = page.getByRole("form", { name: "Sort by" });
      await sort.getByLabel("Sort by").selectOption({ label: "Amount" });
      await sort.getByLabel("Direction").selectOption({ label: "Ascending" });
      await sort.getByRole("button", { name: "Sort" }).click();
      await expect(page).toHaveURL(/dir=asc/);
      await expect(titles(page)).toHaveText([`${prefix} dong`, `${prefix} dollar`]);
    });
  });
});
