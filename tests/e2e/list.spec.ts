import { expect, test } from "@playwright/test";
import { alertOf, SELLER, dealsMatch } from "./helpers";
import { sessionOf } from "./sessions";

test("filter, search without diacritics, sort and page through the list; the URL keeps it all", async ({ page }) => {
  await page.goto("/deals");
  // The filter form is not sent until asked for.
  await expect(page.getByRole("search", { name: "Filters" })).toHaveCount(0);
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  await expect(page).toHaveURL(/filters=1/);
  const filters = page.getByRole("search", { name: "Filters" });
  await filters.getByRole("combobox", { name: "Pipeline" }).selectOption({ label: "Bán hàng" });
  await filters.getByRole("checkbox", { name: "In progress" }).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/pipeline=\d+.*semantics=P/);
  // Every row is in an in-progress stage of the chosen pipeline: no WON/LOST badges.
  await expect(page.locator(".stage-badge", { hasText: "Thành công" })).toHaveCount(0);

  await page.getByRole("link", { name: /^Amount/ }).click();
  await expect(page).toHaveURL(/sort=amount/);
  const amounts = await page.locator("tbody td.num").allTextContents();
  expect(amounts.length).toBeGreaterThan(1);

  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByTestId("list-total")).toHaveText(/^\d+ (deal matches|deals match)$/);

  await page.goto("/deals?q=CUNG+CAP");
  const titles = await page.locator('tbody tr td[data-label="Title"] a').allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title.toLowerCase()).toContain("cung cấp");

  // Back to page one after paging forward.
  await page.goto("/deals?size=20");
  await expect(page.locator("tbody tr")).toHaveCount(20);
  const first = await page.locator('tbody tr td[data-label="Title"] a').first().textContent();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.locator('tbody tr td[data-label="Title"] a').first()).not.toHaveText(first!);
  await page.goBack();
  await expect(page.locator('tbody tr td[data-label="Title"] a').first()).toHaveText(first!);

  // Show more (JavaScript) appends the next page in place.
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(40);
});

test("presets, saved presets and columns", async ({ page }) => {
  await page.goto("/deals");
  await page.getByRole("link", { name: "Won", exact: true }).click();
  await expect(page.locator(".stage-badge").first()).toHaveText(/Thành công|Deal won/);
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  const save = page.getByRole("form", { name: "Save this filter as" });
  await save.getByRole("textbox").fill("Thắng lớn");
  await save.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("link", { name: "Thắng lớn" })).toBeVisible();
  await page.goto("/deals");
  await page.getByRole("link", { name: "Thắng lớn" }).click();
  await expect(page).toHaveURL(/semantics=S/);

  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Pipeline" }).check();
  await page.getByRole("checkbox", { name: "Company" }).uncheck();
  await page.getByRole("button", { name: "Show these columns" }).click();
  await expect(page.getByRole("columnheader", { name: "Pipeline" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Company" })).toHaveCount(0);
  await page.getByRole("button", { name: "Delete preset “Thắng lớn”" }).click();
  await expect(page.getByRole("link", { name: "Thắng lớn" })).toHaveCount(0);
});

test("bulk: change the responsible of every deal matching the filter (hundreds), then of ticked rows", async ({ page }) => {
  await page.goto("/deals?count=1");
  const total = Number((await page.getByTestId("list-total").textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(250);
  await page.getByText("With the selected deals").click();
  await page.getByRole("radio", { name: "all deals matching the filter" }).check();
  await page.getByLabel("Action").selectOption("responsible");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Change responsible: every deal matching the filter" })).toBeVisible();
  await page.locator("#bulk-form").getByRole("combobox", { name: "Responsible" }).selectOption({ label: "John Carter" });
  await page.locator("#bulk-form").getByRole("button", { name: "Apply" }).click();
  // More than the request limit: it runs on the job queue, with a progress page.
  await expect(page).toHaveURL(/\/deals\/bulk\/\d+$/);
  await expect(page.getByTestId("bulk-status")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-result")).toHaveText(/^\d+ changed, \d+ already so, 0 refused\.$/);
  const [changed, unchanged] = (await page.getByTestId("bulk-result").textContent())!.match(/\d+/g)!.map(Number);
  expect(changed! + unchanged!).toBe(total);
  expect(changed).toBeGreaterThan(200);
  await page.goto("/deals?bulk=responsible&bulkScope=filter");
  const johnId = await page.locator("#bulk-form select[name=assignedById] option", { hasText: "John Carter" }).getAttribute("value");
  await page.goto(`/deals?count=1&responsible=${johnId}`);
  await expect(page.getByTestId("list-total")).toHaveText(dealsMatch(total));

  // Ticked rows: move two deals of "Bán hàng" to "Projects"; the card shows the new pipeline.
  await page.goto("/deals");
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  await page.getByRole("search", { name: "Filters" }).getByRole("combobox", { name: "Pipeline" }).selectOption({ label: "Bán hàng" });
  await page.getByRole("search", { name: "Filters" }).getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/pipeline=\d+/);
  const rows = page.locator("tbody tr");
  await rows.nth(0).locator("td.select input").check();
  await rows.nth(1).locator("td.select input").check();
  const firstHref = await rows.nth(0).locator('td[data-label="Title"] a').getAttribute("href");
  await page.getByText("With the selected deals").click();
  await page.getByLabel("Action").selectOption("pipeline");
  await page.getByRole("button", { name: "Continue" }).click();
  // The second step keeps the filter and names what it will change; the rows are no longer tickable.
  await expect(page).toHaveURL(/pipeline=\d+.*bulk=pipeline/);
  await expect(page.getByRole("heading", { name: "Move to pipeline: the ticked deals (2)" })).toBeVisible();
  await expect(page.locator("tbody td.select")).toHaveCount(0);
  await page.locator("#bulk-form").getByRole("combobox", { name: "Pipeline" }).selectOption({ label: "Projects" });
  await page.locator("#bulk-form").getByRole("button", { name: "Apply" }).click();
  await expect(alertOf(page)).toHaveText("2 changed, 0 already so, 0 refused.");
  await page.goto(firstHref!);
  await expect(page.locator(".kv", { hasText: "Pipeline" }).first()).toContainText("Projects");
});

test("the header checkbox ticks every row of the page for a bulk action", async ({ page }) => {
  await page.goto("/deals?size=20&semantics=P");
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  const boxes = page.locator("tbody td.select input");
  await expect(boxes).toHaveCount(20);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await page.getByText("With the selected deals").click();
  await page.getByLabel("Action").selectOption("open");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Make open to everyone: the ticked deals (20)" })).toBeVisible();
  await page.locator("#bulk-form").getByRole("button", { name: "Apply" }).click();
  await expect(alertOf(page)).toHaveText(/^(\d+) changed, (\d+) already so, 0 refused\.$/);
  const [changed, unchanged] = (await alertOf(page).textContent())!.match(/\d+/g)!.map(Number);
  expect(changed! + unchanged!).toBe(20);
});

test.describe("as Phạm Minh Đức, a sales person", () => {
  test.use({ storageState: sessionOf(SELLER) });

  test("a sales person's bulk action reports the deals he may not change instead of changing them", async ({ page }) => {
    await page.goto("/deals");
    await page.getByText("With the selected deals").click();
    await page.getByRole("radio", { name: "all deals on this page" }).check();
    await page.getByLabel("Action").selectOption("delete");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.locator("#bulk-form").getByRole("button", { name: "Apply" }).click();
    await expect(alertOf(page)).toHaveText(/^\d+ changed, 0 already so, [1-9]\d* refused\.$/);
    await expect(page.getByTestId("action-details").locator("li").first()).toContainText("You do not have permission to do this.");
  });
});

test("export the filtered list as CSV with a BOM", async ({ page }) => {
  await page.goto("/deals?semantics=S");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const text = (await (await file.createReadStream()).toArray()).map((b: Buffer) => b.toString("utf8")).join("");
  expect(text.startsWith("\uFEFFID,Title,Stage,Amount,Currency")).toBe(true);
  const lines = text.trim().split("\r\n");
  expect(lines.length).toBeGreaterThan(5);
  for (const line of lines.slice(1)) expect(line).toMatch(/Thành công|Deal won/);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("filter through the GET form and run a bulk action on ticked rows", async ({ page }) => {
    await page.goto("/deals?semantics=P");
    const search = page.getByRole("search", { name: "Search deals" });
    await search.getByRole("searchbox", { name: "Search" }).fill("nguyen");
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/semantics=P/);
    await expect(page).toHaveURL(/q=nguyen/);
    await expect(page.locator("tbody tr").first()).toBeVisible();
    await page.locator("tbody tr").first().locator("td.select input").check();
    await page.getByText("With the selected deals").click();
    await page.getByLabel("Action").selectOption("close");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Make closed to others: the ticked deals (1)" })).toBeVisible();
    await page.locator("#bulk-form").getByRole("button", { name: "Apply" }).click();
    await expect(alertOf(page)).toHaveText(/^(1 changed, 0|0 changed, 1) already so, 0 refused\.$/);
    // Nothing ticked: the first step says so and stays open.
    await page.getByRole("link", { name: "Back to deals" }).click();
    await page.getByText("With the selected deals").click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".bulk-panel").getByRole("alert")).toHaveText("Tick at least one deal, or choose the page or the filter.");
  });
});
