import { expect, type Page } from "@playwright/test";
import { test } from "@playwright/test";
import { openSession, dealsMatch } from "./helpers";

const HEAD = "cuong.le@example.com";
const WIDE = "period=custom&from=2020-01-01&to=2030-12-31";

/** Opens the list a figure links to, counts all its deals and expects `figure` of them. */
async function expectListOf(page: Page, figure: string) {
  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByText(dealsMatch(figure))).toBeVisible();
}

test("won revenue per month: a column links to a list of exactly its won deals, and the forecast's months to their open deals", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto(`/analytics/revenue?${WIDE}&grain=month`);
  const revenue = page.getByRole("region", { name: "Won revenue" });
  await expect(revenue.getByText(/\d+ deals? won, ₫/)).toBeVisible();
  const column = revenue.locator("svg a").last();
  const label = (await column.locator("title").textContent())!;
  const won = /: ([\d,]+) won,/.exec(label)![1]!;
  await column.click();
  await expect(page).toHaveURL(/\/deals\?.*reached=\d+.*reachedFrom=/);
  await expectListOf(page, won);

  await page.goto(`/analytics/revenue?${WIDE}`);
  const forecast = page.getByRole("region", { name: "Forecast" });
  await forecast.getByText("Show the data as a table").click();
  const month = forecast.getByRole("row").filter({ has: page.getByRole("cell").first().getByRole("link") }).first();
  const open = (await month.getByRole("cell").first().textContent())!.trim();
  await month.getByRole("cell").first().getByRole("link").click();
  await expect(page).toHaveURL(/semantics=P.*close(From|To)=/);
  await expectListOf(page, open);
  await page.context().close();
});

test("best-selling products: a product's won deals are listed by the product filter, which the filter panel shows and can drop", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto(`/analytics?${WIDE}`);
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/\/analytics\/products\?period=custom/);
  const table = page.getByRole("region", { name: "Best-selling products" }).getByRole("table");
  // The product's section comes first, then its won deals.
  const row = table.getByRole("row").filter({ has: page.getByRole("cell").nth(1).getByRole("link") }).first();
  const deals = (await row.getByRole("cell").nth(1).textContent())!.trim();
  await row.getByRole("cell").nth(1).getByRole("link").click();
  await expect(page).toHaveURL(/\/deals\?.*product=\d+/);
  await expectListOf(page, deals);
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  const keep = page.getByLabel("Only deals with the product chosen in the report");
  await expect(keep).toBeChecked();
  await keep.uncheck();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).not.toHaveURL(/product=/);
  await page.context().close();
});

test("top customers: a company's and a contact's figures link to lists of exactly their won deals", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto(`/analytics/customers?${WIDE}`);
  for (const [region, param] of [["Companies", "company"], ["Contacts", "contact"]] as const) {
    const row = page.getByRole("region", { name: region }).getByRole("table").getByRole("row").nth(1);
    const deals = (await row.getByRole("cell").first().textContent())!.trim();
    await row.getByRole("cell").first().getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/deals\\?.*${param}=\\d+`));
    await expectListOf(page, deals);
    await page.goBack();
    await page.goBack();
  }
  await page.context().close();
});

test("cycle time: a stage's stays link to the deals that left it, and its stale count to the board's stale filter", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto(`/analytics?${WIDE}`);
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Cycle time" }).click();
  const section = page.getByRole("region", { name: "Cycle time: Bán hàng" });
  await expect(section.getByText(/The slowest stage: .+ days at the median\./)).toBeVisible();
  const row = section.getByRole("row").filter({ has: page.getByRole("cell").first().getByRole("link") }).first();
  const left = (await row.getByRole("cell").first().textContent())!.trim();
  const stale = row.getByRole("cell").nth(3).getByRole("link");
  const staleHref = (await stale.count()) ? await stale.getAttribute("href") : null;
  await row.getByRole("cell").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/deals\?.*left=\d+.*leftFrom=/);
  await expectListOf(page, left);
  if (staleHref) {
    await page.goto(staleHref);
    await expect(page).toHaveURL(/\/deals\/kanban\?.*stale=1/);
  }
  await page.context().close();
});

test("each new report exports its figures to CSV and Excel with the page's filters", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  for (const [path, heading] of [["revenue", "Won deals"], ["products", "Product"], ["customers", "Client"], ["cycle", "Median (days)"]] as const) {
    const csv = await page.request.get(`/analytics/${path}/export?format=csv&${WIDE}`);
    expect(csv.status(), path).toBe(200);
    expect(await csv.text(), path).toContain(heading);
    const xlsx = await page.request.get(`/analytics/${path}/export?format=xlsx&${WIDE}`);
    expect(xlsx.headers()["content-type"], path).toContain("spreadsheetml");
  }
  // The figures are the page's: the first product's won deals appear in its row.
  await page.goto(`/analytics/products?${WIDE}`);
  const first = page.getByRole("region", { name: "Best-selling products" }).getByRole("table").getByRole("row").nth(1);
  const name = (await first.getByRole("rowheader").textContent())!.trim();
  const deals = (await first.getByRole("cell").nth(1).textContent())!.trim().replace(/,/g, "");
  const csv = await (await page.request.get(`/analytics/products/export?format=csv&${WIDE}`)).text();
  expect(csv.split(/\r?\n/).find((line) => line.includes(name))).toContain(`,${deals},`);
  await page.context().close();
});

test.describe("without JavaScript, on a phone", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  test("the revenue report's chart, summary and table are there, the grain applies, and nothing scrolls sideways", async ({ browser }) => {
    const page = await openSession(browser, HEAD, { javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    await page.goto(`/analytics/revenue?period=year`);
    await page.locator(`select[name="grain"]`).selectOption("week");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/grain=week/);
    const revenue = page.getByRole("region", { name: "Won revenue" });
    await expect(revenue.getByRole("group", { name: "Won revenue per week" })).toBeVisible();
    await revenue.getByText("Show the data as a table").click();
    await expect(revenue.getByRole("rowheader", { name: /^Week of / }).first()).toBeVisible();
    for (const path of ["/analytics/revenue", "/analytics/products", "/analytics/customers", "/analytics/cycle"]) {
      await page.goto(`${path}?${WIDE}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
    await page.context().close();
  });
});
