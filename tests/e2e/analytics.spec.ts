import { expect, test } from "@playwright/test";
import { createDeal, openSession, uniqueTitle, dealsMatch } from "./helpers";

const HEAD = "cuong.le@example.com";

test("a head of sales opens the funnel, changes the period, and a stage's figure drills down to a list of exactly its deals", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  const title = uniqueTitle("Funnel");
  await createDeal(page, title);

  await page.goto("/analytics");
  await expect(page.getByRole("heading", { name: "Sales funnel: Bán hàng" })).toBeVisible();
  await page.locator(`select[name="period"]`).selectOption("year");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]period=year/);

  const funnel = page.getByRole("region", { name: "Sales funnel: Bán hàng" });
  await funnel.getByText("Show the data as a table").click();
  const firstStage = funnel.getByRole("row").nth(1);
  const figure = (await firstStage.getByRole("cell").first().textContent())!.trim();
  expect(Number(figure.replace(/,/g, ""))).toBeGreaterThan(0);
  await firstStage.getByRole("link").click();
  await expect(page).toHaveURL(/\/deals\?.*reached=\d+.*reachedFrom=\d{4}-01-01/);
  const drillDown = page.url();
  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByText(dealsMatch(figure))).toBeVisible();
  // The deal just created entered the funnel this year: it is among them.
  await page.goto(`${drillDown}&q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  await page.context().close();
});

test("a department's funnel links to the list of its deals by department, which the filter panel shows", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await createDeal(page, uniqueTitle("Department funnel"));
  await page.goto("/analytics?period=year");
  await page.locator(`select[name="department"]`).selectOption({ label: "Kinh doanh TP.HCM" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/department=\d+/);
  const funnel = page.getByRole("region", { name: "Sales funnel: Bán hàng" });
  await funnel.getByText("Show the data as a table").click();
  const firstStage = funnel.getByRole("row").nth(1);
  const figure = (await firstStage.getByRole("cell").first().textContent())!.trim();
  await firstStage.getByRole("link").click();
  await expect(page).toHaveURL(/\/deals\?.*department=\d+/);
  expect(page.url()).not.toContain("responsible=");
  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByText(dealsMatch(figure))).toBeVisible();
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  await expect(page.getByLabel("Only deals of the department chosen in the report, and those below it")).toBeChecked();
  await page.context().close();
});

test("the bars of the chart are links to the same lists, and comparing adds the previous period", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto("/analytics?period=year&compare=1");
  await expect(page.getByText(/Previous period: /)).toBeVisible();
  const funnel = page.getByRole("region", { name: "Sales funnel: Bán hàng" });
  const bar = funnel.locator("svg a").first();
  await expect(bar.locator("title")).toHaveText(/deals, .* Open the list$/);
  const href = await bar.getAttribute("href");
  await funnel.getByText("Show the data as a table").click();
  await expect(funnel.getByRole("columnheader", { name: "Before" })).toBeVisible();
  expect(await funnel.getByRole("row").nth(1).getByRole("link").getAttribute("href")).toBe(href);
  await page.context().close();
});

test.describe("without JavaScript", () => {
  test("the chart, its summary and its table are all there, and the filters still apply", async ({ browser }) => {
    const page = await openSession(browser, HEAD, { javaScriptEnabled: false });
    await page.goto("/analytics");
    await page.locator(`select[name="period"]`).selectOption("custom");
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2030-12-31");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/period=custom&from=2020-01-01&to=2030-12-31/);
    const funnel = page.getByRole("region", { name: "Sales funnel: Bán hàng" });
    await expect(funnel.locator("svg a").first()).toBeVisible();
    await expect(funnel.getByText(/deals? entered the funnel, \d+ (was|were) won/)).toBeVisible();
    await funnel.getByText("Show the data as a table").click();
    await expect(funnel.getByRole("columnheader", { name: "Conversion" })).toBeVisible();
    await page.context().close();
  });
});

test("the report exports to CSV and Excel with the page's figures", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  const csv = await page.request.get("/analytics/export?format=csv&period=year");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Reached");
  expect(text).toContain("Bán hàng");
  const xlsx = await page.request.get("/analytics/export?format=xlsx&period=year");
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  await page.context().close();
});

test("a sales person's funnel counts only the deals they may read, and its drill-down lists none of the others", async ({ browser }) => {
  const head = await openSession(browser, HEAD);
  const seller = await openSession(browser, "duc.pham@example.com");
  const title = uniqueTitle("Private funnel");
  await createDeal(head, title, { privateFor: "Lê Hoàng Cường" });
  const all = "/analytics?period=custom&from=2020-01-01&to=2030-12-31";
  const entered = async (p: typeof head) => {
    await p.goto(all);
    const text = await p.getByRole("region", { name: "Sales funnel: Bán hàng" }).locator(".chart-summary").textContent();
    return Number(/^([\d,]+) deals entered/.exec(text!.trim())?.[1]?.replace(/,/g, "") ?? "0");
  };
  expect(await entered(seller)).toBeLessThan(await entered(head));
  await head.goto(all);
  const drillDown = await head.getByRole("region", { name: "Sales funnel: Bán hàng" }).locator("svg a").first().getAttribute("href");
  await head.goto(`${drillDown}&q=${encodeURIComponent(title)}`);
  await expect(head.getByRole("link", { name: title, exact: true })).toBeVisible();
  await seller.goto(`${drillDown}&q=${encodeURIComponent(title)}`);
  await expect(seller.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await head.context().close();
  await seller.context().close();
});

test("the employees report: a person's won deals link to the list of exactly them, and it exports", async ({ browser }) => {
  const page = await openSession(browser, HEAD);
  await page.goto("/analytics?period=custom&from=2020-01-01&to=2030-12-31");
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Employees" }).click();
  await expect(page).toHaveURL(/\/analytics\/employees\?period=custom&from=2020-01-01&to=2030-12-31/);
  const table = page.getByRole("region", { name: "Employees" }).getByRole("table");
  const row = table.getByRole("row").filter({ has: page.getByRole("cell").nth(1).getByRole("link") }).first();
  const name = (await row.getByRole("rowheader").textContent())!.trim();
  const won = (await row.getByRole("cell").nth(1).textContent())!.trim();
  await row.getByRole("cell").nth(1).getByRole("link").click();
  await expect(page).toHaveURL(/\/deals\?.*responsible=\d+.*reached=/);
  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByText(dealsMatch(won))).toBeVisible();
  const csv = await page.request.get("/analytics/employees/export?format=csv&period=custom&from=2020-01-01&to=2030-12-31");
  expect(await csv.text()).toContain(name);
  await page.context().close();
});

test("an activity a sales person completes counts at once among their activities done this month", async ({ browser }) => {
  const admin = await openSession(browser, "admin@example.com");
  const duc = await openSession(browser, "duc.pham@example.com");
  const doneOf = async () => {
    await admin.goto("/analytics/employees");
    const row = admin.getByRole("region", { name: "Employees" }).getByRole("row").filter({ has: admin.getByRole("rowheader", { name: "Phạm Minh Đức" }) });
    return (await row.count()) ? Number((await row.getByTestId("activities-done").textContent())!.replace(/\D/g, "")) : 0;
  };
  const before = await doneOf();
  await duc.goto(await createDeal(duc, uniqueTitle("Done activity")));
  const form = duc.getByRole("form", { name: "Plan an activity" });
  if (!(await form.isVisible())) await duc.getByRole("link", { name: "Plan an activity" }).click();
  await form.getByLabel("Subject").fill("Gọi cho giám đốc");
  await form.getByLabel(/Deadline/).fill(new Date(Date.now() + 10 * 3_600_000).toISOString().slice(0, 16));
  await form.getByRole("button", { name: "Save activity" }).click();
  await duc.getByTestId("planned-activity").filter({ hasText: "Gọi cho giám đốc" }).getByRole("button", { name: "Complete" }).click();
  await expect(duc.getByTestId("done-activity").filter({ hasText: "Gọi cho giám đốc" })).toBeVisible();
  await expect.poll(doneOf).toBe(before + 1);
  const csv = await admin.request.get("/analytics/employees/export?format=csv");
  expect(await csv.text()).toContain("Activities done");
  await admin.context().close();
  await duc.context().close();
});

test("an administrator sets a plan for an employee, who sees its progress on the list and the board; the plans report links to the deals it counts", async ({ browser }) => {
  const admin = await openSession(browser, "admin@example.com");
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);
  await admin.goto("/settings/plans");
  // A plan left by an earlier run of this test would make the new one a duplicate.
  const leftover = admin.getByRole("button", { name: "Delete: Phạm Minh Đức" });
  while (await leftover.count()) {
    await leftover.first().click();
    await expect(admin.getByText("Plan deleted.")).toBeVisible();
  }
  const form = admin.getByRole("form", { name: "Add a plan" });
  await form.getByLabel("For").selectOption({ label: "Responsible · Phạm Minh Đức" });
  await form.getByLabel("Goal in").selectOption({ label: "Won deals" });
  await form.getByLabel("Period").selectOption({ label: "Month" });
  await form.getByLabel(/^Month/).fill(month);
  await form.getByLabel("Goal", { exact: true }).fill("5");
  await form.getByRole("button", { name: "Add a plan" }).click();
  await expect(admin.getByText("Plan saved.")).toBeVisible();
  await expect(admin.getByRole("row", { name: /Phạm Minh Đức/ })).toBeVisible();

  const seller = await openSession(browser, "duc.pham@example.com");
  for (const page of ["/deals", "/deals/kanban"]) {
    await seller.goto(page);
    await expect(seller.getByRole("link", { name: /^My plan for \d\d\/\d{4}: \d+ of 5 \(/ })).toBeVisible();
  }

  await admin.goto("/analytics/plans");
  const row = admin.getByRole("region", { name: "Sales plans" }).getByRole("row", { name: /Phạm Minh Đức/ });
  const won = (await row.getByRole("link").textContent())!.trim();
  await row.getByRole("link").click();
  await expect(admin).toHaveURL(/\/deals\?.*responsible=\d+.*reached=/);
  await admin.getByRole("link", { name: "Count all" }).click();
  await expect(admin.getByText(dealsMatch(won))).toBeVisible();

  // The report's filters narrow its plans: Đức's plan under his department and under him, not under another's.
  await admin.goto("/analytics/plans");
  const plans = admin.getByRole("region", { name: "Sales plans" });
  for (const [label, shown] of [["Kinh doanh Hà Nội", 1], ["Kinh doanh TP.HCM", 0]] as const) {
    await admin.locator(`select[name="department"]`).selectOption({ label });
    await admin.getByRole("button", { name: "Show" }).click();
    await expect(admin).toHaveURL(/department=\d+/);
    await expect(plans.getByRole("row", { name: /Phạm Minh Đức/ })).toHaveCount(shown);
  }
  await admin.goto("/analytics/plans");
  await admin.locator(`select[name="responsible"]`).selectOption({ label: "Phạm Minh Đức" });
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(plans.getByRole("row", { name: /Phạm Minh Đức/ })).toHaveCount(1);
  await expect(plans.getByRole("row", { name: /The company/ })).toHaveCount(0);

  // A sales person may not set plans.
  expect((await seller.goto("/settings/plans"))!.status()).toBe(404);
  await admin.context().close();
  await seller.context().close();
});
