import { expect, test, type Page } from "@playwright/test";
import { createDeal, uniqueTitle } from "./helpers";

const searchBox = (page: Page) => page.getByRole("search", { name: "Search deals" });
const chips = (page: Page) => page.getByTestId("filter-chips");

test.describe("the list at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the search box is in sight; applied filters are chips that each remove themselves; the total stays on every page", async ({ page }) => {
    const title = uniqueTitle("Chip search");
    await createDeal(page, title);
    await page.goto("/deals?semantics=P");
    await expect(searchBox(page)).toBeVisible();
    await expect(chips(page).getByRole("link", { name: "Remove the filter Status: In progress" })).toBeVisible();

    // Searching keeps the filter that is on.
    await searchBox(page).getByRole("searchbox").fill(title.toUpperCase());
    await searchBox(page).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/semantics=P/);
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody")).toContainText(title);
    await expect(chips(page).getByRole("link")).toHaveText([`Search: “${title.toUpperCase()}” ×`, "Status: In progress ×", "Clear filters"]);

    // Dropping the status keeps the search, and the other way round.
    await chips(page).getByRole("link", { name: "Remove the filter Status: In progress" }).click();
    await expect(page).not.toHaveURL(/semantics/);
    await expect(searchBox(page).getByRole("searchbox")).toHaveValue(title.toUpperCase());
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await chips(page).getByRole("link", { name: /^Remove the filter Search/ }).click();
    await expect(page).not.toHaveURL(/q=/);
    await expect(chips(page)).toHaveCount(0);

    // The total, once asked for, stays on the next page and after sorting.
    await page.goto("/deals?size=10");
    await page.getByRole("link", { name: "Count all" }).click();
    await expect(page.getByTestId("list-total")).toHaveText(/^[\d,]+ deals match$/);
    const total = (await page.getByTestId("list-total").textContent())!;
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page.getByTestId("list-total")).toHaveText(total);
    await page.getByTitle("Sort by Title").click();
    await expect(page).toHaveURL(/sort=title/);
    await expect(page.getByTestId("list-total")).toHaveText(total);
  });
});

test.describe("on a phone (375×812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the search box and the chips fit the screen", async ({ page }) => {
    await page.goto("/deals?semantics=P&overdue=1");
    await expect(searchBox(page)).toBeInViewport();
    await expect(chips(page).getByRole("link")).toHaveCount(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await chips(page).getByRole("link", { name: "Remove the filter With overdue activities" }).tap();
    await expect(page).not.toHaveURL(/overdue/);
  });
});

test.describe("the list on a phone (375×812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the first deal is on the first screen, Add deal in reach, nothing scrolls sideways; Delete stands apart from Copy", async ({ page }) => {
    await page.goto("/deals");
    await expect(page.locator("tbody tr").first()).toBeInViewport();
    await expect(page.getByRole("link", { name: "Add deal" })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Import and export fold under More.
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeHidden();
    await page.getByText("More", { exact: true }).tap();
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Import" })).toBeVisible();

    const actions = page.locator("tbody tr").first().locator("td.row-actions a");
    await expect(actions).toHaveText(["Edit", "Copy", "Quote", "Delete"]);
    for (const box of await actions.evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(24);
    const [copy, del] = await Promise.all([actions.nth(1).boundingBox(), actions.nth(3).boundingBox()]);
    const apart = copy!.y !== del!.y || del!.x - (copy!.x + copy!.width) >= 24;
    expect(apart).toBe(true);
  });
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the search box is a plain GET form and a chip a plain link", async ({ page }) => {
    await page.goto("/deals?semantics=S");
    await searchBox(page).getByRole("searchbox").fill("zzz-no-such-deal");
    await searchBox(page).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=zzz-no-such-deal/);
    await expect(page).toHaveURL(/semantics=S/);
    await expect(page.getByText("No deals match this filter.")).toBeVisible();
    await chips(page).getByRole("link", { name: /^Remove the filter Search/ }).click();
    await expect(page).toHaveURL(/semantics=S/);
    await expect(page.locator("tbody tr").first()).toBeVisible();
  });
});
