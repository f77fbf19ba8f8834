import { expect, test, type Locator, type Page } from "@playwright/test";
import { createDeal, SELLER, openSession, uniqueTitle } from "./helpers";

/**
 * Deals → Automation: robots added, edited, reordered, switched off, copied and deleted under the
 * stages of the "Projects" pipeline (its stages have English names); the log of their runs.
 */

const column = (page: Page, stage: string) => page.getByTestId("automation-column").filter({ has: page.getByRole("heading", { name: stage, exact: true }) });
const robotCard = (page: Page, name: string) => page.getByTestId("robot").filter({ has: page.getByRole("heading", { name, exact: true }) });
const namesIn = (where: Locator) => where.getByTestId("robot").getByRole("heading").allTextContents();

async function openProjects(page: Page) {
  await page.goto("/deals/automation");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" })).toHaveAttribute("aria-current", "page");
}

/** Adds a robot under a stage of Projects through the kind list and the kind's form; `fill` types its fields. */
async function addRobot(page: Page, stage: string, kind: string, name: string, fill: (form: Locator) => Promise<void>) {
  await openProjects(page);
  await column(page, stage).getByRole("link", { name: "Add robot" }).click();
  await page.getByTestId("robot-kinds").getByRole("link", { name: kind }).click();
  const form = page.getByRole("form", { name: `New robot in “${stage}”` });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await fill(form);
  await form.getByRole("button", { name: "Add robot" }).click();
  await expect(page.getByText("Robot added.")).toBeVisible();
  return robotCard(page, name);
}

const email = (form: Locator) => form.getByLabel("Subject").fill("Xin chào {{contact.name}}").then(() => form.getByLabel("Text of the e-mail").fill("Cảm ơn anh/chị đã quan tâm."));
const comment = (text: string) => (form: Locator) => form.getByLabel("Comment", { exact: true }).fill(text);

async function deleteRobot(page: Page, card: Locator) {
  await card.getByRole("link", { name: "Delete" }).click();
  await card.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Robot deleted.")).toBeVisible();
}

test("an administrator adds an e-mail robot and a task after 1 day, edits, reorders, switches off, copies and deletes them", async ({ page }) => {
  await page.goto("/deals/kanban");
  await page.getByRole("navigation", { name: "Kanban" }).getByRole("link", { name: "Automation" }).click();
  await expect(page.getByRole("heading", { name: "Automation", level: 1 })).toBeVisible();

  const stage = "Prepayment invoice";
  const mail = uniqueTitle("Welcome e-mail");
  const task = uniqueTitle("Call the client");
  const mailCard = await addRobot(page, stage, "Send an e-mail to the client", mail, email);
  await expect(mailCard.getByTestId("robot-timing")).toHaveText("Immediately");
  await expect(mailCard.getByTestId("robot-condition")).toHaveText("Condition: always");
  await expect(mailCard).toContainText("by Nguyễn Văn An");

  const taskCard = await addRobot(page, stage, "Create a task", task, async (form) => {
    await form.getByLabel("Subject").fill("Gọi lại cho khách");
    await form.getByLabel("After a delay").check();
    await form.getByLabel("Delay (or offset from the date): Number").fill("1");
    await form.getByLabel("Delay (or offset from the date): Unit").selectOption("days");
    await form.getByLabel("Field 1", { exact: true }).selectOption({ label: "Amount" });
    await form.getByLabel("Comparison 1").selectOption({ label: "≥" });
    await form.getByLabel("Value 1").fill("1000000");
  });
  await expect(taskCard.getByTestId("robot-timing")).toHaveText("After 1 day");
  await expect(taskCard.getByTestId("robot-condition")).toHaveText("Condition: Amount ≥ 1000000");
  const mine = async () => (await namesIn(column(page, stage))).filter((n) => n === mail || n === task);
  expect(await mine()).toEqual([mail, task]);

  // Reorder: the task runs first.
  await taskCard.getByRole("button", { name: "Move up" }).click();
  await expect.poll(mine).toEqual([task, mail]);
  await expect(robotCard(page, task).getByRole("button", { name: "Move up" })).toBeDisabled();

  // Edit: the form shows what was saved; the new values are saved.
  await robotCard(page, task).getByRole("link", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: `Robot “${task}”` });
  await expect(form.getByLabel("Subject")).toHaveValue("Gọi lại cho khách");
  await expect(form.getByLabel("After a delay")).toBeChecked();
  await expect(form.getByLabel("Value 1")).toHaveValue("1000000");
  const renamed = `${task} (edited)`;
  await form.getByLabel("Name", { exact: true }).fill(renamed);
  await form.getByLabel("Only in working hours").check();
  await form.getByRole("button", { name: "Save robot" }).click();
  await expect(page.getByText("Robot saved.")).toBeVisible();
  await expect(robotCard(page, renamed).getByTestId("robot-timing")).toHaveText("After 1 day, in working hours");

  // Switch off, and on again.
  await robotCard(page, mail).getByRole("button", { name: "Switch off" }).click();
  await expect(robotCard(page, mail).getByTestId("robot-state")).toHaveText("Off");
  await expect(robotCard(page, mail).getByRole("alert")).toHaveText("Robot switched off.");

  // Copy the e-mail robot to another stage: it arrives there, still off, the original stays.
  await robotCard(page, mail).getByRole("link", { name: "Copy" }).click();
  await robotCard(page, mail).getByLabel(`Copy “${mail}” to the stage`).selectOption({ label: "Projects / Final invoice" });
  await robotCard(page, mail).getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Robot copied.")).toBeVisible();
  await expect(column(page, "Final invoice").getByTestId("robot").filter({ hasText: mail }).getByTestId("robot-state")).toHaveText("Off");
  await expect(column(page, stage).getByTestId("robot").filter({ hasText: mail })).toHaveCount(1);

  // Delete, with a confirmation.
  await deleteRobot(page, robotCard(page, renamed));
  await expect(robotCard(page, renamed)).toHaveCount(0);
  await deleteRobot(page, column(page, "Final invoice").getByTestId("robot").filter({ hasText: mail }));
  await deleteRobot(page, robotCard(page, mail));
  await expect(page.getByTestId("robot").filter({ hasText: mail })).toHaveCount(0);
});

test("a refused robot keeps what was typed and says why by each field", async ({ page }) => {
  await openProjects(page);
  await column(page, "In progress").getByRole("link", { name: "Add robot" }).click();
  await page.getByRole("link", { name: "Call a webhook" }).click();
  const form = page.getByRole("form", { name: "New robot in “In progress”" });
  const name = uniqueTitle("Hook");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Address (URL)").fill("ftp://example.com/hook");
  await form.getByLabel("Before or after a date of the deal").check();
  await form.getByRole("button", { name: "Add robot" }).click();
  await expect(form.locator("#robot-url-error")).toHaveText("Enter an http:// or https:// address.");
  await expect(form.locator("#robot-dateField-error")).toHaveText("Required.");
  await expect(form.getByLabel("Address (URL)")).toHaveValue("ftp://example.com/hook");
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);
  await form.getByLabel("Address (URL)").fill("https://example.com/hook");
  await form.getByLabel("Date field").selectOption({ label: "Close date" });
  await form.getByLabel("Delay (or offset from the date): Number").fill("2");
  await form.getByRole("button", { name: "Add robot" }).click();
  await expect(page.getByText("Robot added.")).toBeVisible();
  await expect(robotCard(page, name).getByTestId("robot-timing")).toHaveText("2 days before Close date");
  await deleteRobot(page, robotCard(page, name));
});

test("switching between two robots' edit forms shows and saves each one's own values", async ({ page }) => {
  const first = uniqueTitle("Robot A");
  const second = uniqueTitle("Robot B");
  await addRobot(page, "New", "Add a comment", first, comment("Comment of A"));
  await addRobot(page, "New", "Add a comment", second, comment("Comment of B"));
  await robotCard(page, first).getByRole("link", { name: "Edit" }).click();
  const formA = page.getByRole("form", { name: `Robot “${first}”` });
  await expect(formA.getByLabel("Comment", { exact: true })).toHaveValue("Comment of A");

  // A refused save on A (a comparison without a value), then on to B by the link: B's own values, no message.
  await formA.getByLabel("Comment", { exact: true }).fill("Unsaved text of A");
  await formA.getByLabel("Field 1", { exact: true }).selectOption({ label: "Title" });
  await formA.getByRole("button", { name: "Save robot" }).click();
  await expect(formA.locator("#robot-condValue1-error")).toHaveText("Enter a value, or choose “is empty”.");
  await page.getByRole("link", { name: new RegExp(`Next robot: ${second}`) }).click();
  const formB = page.getByRole("form", { name: `Robot “${second}”` });
  await expect(formB.getByLabel("Comment", { exact: true })).toHaveValue("Comment of B");
  await expect(formB.getByLabel("Field 1", { exact: true })).toHaveValue("");
  await expect(formB.getByRole("alert")).toHaveCount(0);

  await formB.getByLabel("Comment", { exact: true }).fill("Comment of B, edited");
  await formB.getByRole("button", { name: "Save robot" }).click();
  await expect(page.getByText("Robot saved.")).toBeVisible();
  for (const [name, text] of [
    [first, "Comment of A"],
    [second, "Comment of B, edited"],
  ] as const) {
    await openProjects(page);
    await robotCard(page, name).getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("form", { name: `Robot “${name}”` }).getByLabel("Comment", { exact: true })).toHaveValue(text);
  }
  await openProjects(page);
  await deleteRobot(page, robotCard(page, first));
  await deleteRobot(page, robotCard(page, second));
});

test("a robot's runs show on the deal's Automation tab and in Settings → Automation log", async ({ page }) => {
  const note = uniqueTitle("Auto comment");
  const later = uniqueTitle("Task tomorrow");
  await addRobot(page, "Final invoice", "Add a comment", note, comment("Robot đã ghi chú"));
  await addRobot(page, "Final invoice", "Create a task", later, async (form) => {
    await form.getByLabel("Subject").fill("Nhắc thanh toán");
    await form.getByLabel("After a delay").check();
    await form.getByLabel("Delay (or offset from the date): Number").fill("1");
  });
  const title = uniqueTitle("Automated deal");
  const url = await createDeal(page, title, { stage: "Projects · Final invoice" });
  await page.goto(`${url}?tab=automation`);
  const log = page.getByTestId("run-log");
  // The job worker runs the comment robot at once; the task waits a day.
  await expect(async () => {
    await page.reload();
    await expect(log.getByTestId("run").filter({ hasText: note })).toHaveAttribute("data-status", "ran", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(log.getByTestId("run").filter({ hasText: note })).toContainText("Comment added");
  await expect(log.getByTestId("run").filter({ hasText: note })).toContainText("Nguyễn Văn An");
  await expect(log.getByTestId("run").filter({ hasText: later })).toContainText(/Pending · due/);

  await page.goto("/settings/automation-log");
  await page.getByLabel("Pipeline").selectOption({ label: "Projects" });
  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("run").filter({ hasText: title })).toContainText(later);
  await expect(page.getByTestId("run").filter({ hasText: note })).toHaveCount(0);

  await openProjects(page);
  await deleteRobot(page, robotCard(page, note));
  await deleteRobot(page, robotCard(page, later));
});

test("a sales person without the automation permission gets 404 and no link", async ({ page, browser }) => {
  const name = uniqueTitle("Admin's robot");
  const card = await addRobot(page, "New", "Add a comment", name, comment("x"));
  const editHref = await card.getByRole("link", { name: "Edit" }).getAttribute("href");
  const stageHref = await column(page, "New").getByRole("link", { name: "Add robot" }).getAttribute("href");

  const sellerPage = await openSession(browser, SELLER);
  const seller = sellerPage.context();
  await sellerPage.goto("/deals");
  await expect(sellerPage.getByRole("navigation", { name: "Kanban" }).getByRole("link", { name: "Automation" })).toHaveCount(0);
  for (const path of ["/deals/automation", editHref!, stageHref!, `${stageHref}&kind=email`, "/settings/automation-log", "/settings/working-time"]) {
    expect((await sellerPage.goto(path))?.status(), path).toBe(404);
  }
  await seller.close();
  await deleteRobot(page, robotCard(page, name));
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("add (after an error), reorder, switch off and delete robots", async ({ page }) => {
    const stage = "Preparing documents";
    const first = uniqueTitle("No-JS e-mail");
    const second = uniqueTitle("No-JS task");
    await addRobot(page, stage, "Send an e-mail to the client", first, email);

    await openProjects(page);
    await column(page, stage).getByRole("link", { name: "Add robot" }).click();
    await page.getByRole("link", { name: "Create a task" }).click();
    const form = page.getByRole("form", { name: `New robot in “${stage}”` });
    await form.getByLabel("Name", { exact: true }).fill(second);
    await form.getByLabel("Subject").fill("Gọi khách");
    await form.getByLabel("After a delay").check();
    await form.getByLabel("Delay (or offset from the date): Number").fill("soon");
    await form.getByRole("button", { name: "Add robot" }).click();
    await expect(form.locator("#robot-delayAmount-error")).toHaveText("Enter a whole number from 0 to 10,000.");
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue(second);
    await expect(form.getByLabel("After a delay")).toBeChecked();
    await form.getByLabel("Delay (or offset from the date): Number").fill("1");
    await form.getByRole("button", { name: "Add robot" }).click();
    await expect(page.getByText("Robot added.")).toBeVisible();
    await expect(robotCard(page, second).getByTestId("robot-timing")).toHaveText("After 1 day");

    const mine = async () => (await namesIn(column(page, stage))).filter((n) => n === first || n === second);
    expect(await mine()).toEqual([first, second]);
    await robotCard(page, second).getByRole("button", { name: "Move up" }).click();
    await expect.poll(mine).toEqual([second, first]);
    await robotCard(page, first).getByRole("button", { name: "Switch off" }).click();
    await expect(robotCard(page, first).getByTestId("robot-state")).toHaveText("Off");
    await robotCard(page, first).getByRole("button", { name: "Switch on" }).click();
    await expect(robotCard(page, first).getByTestId("robot-state")).toHaveText("On");

    await robotCard(page, second).getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Subject").fill("Gọi khách lần 2");
    await page.getByRole("button", { name: "Save robot" }).click();
    await expect(page.getByText("Robot saved.")).toBeVisible();

    await deleteRobot(page, robotCard(page, first));
    await deleteRobot(page, robotCard(page, second));
    await expect(page.getByTestId("robot").filter({ hasText: first })).toHaveCount(0);
  });

  test("working time is saved and validated", async ({ page }) => {
    await page.goto("/settings/working-time");
    const form = page.getByRole("form", { name: "Working time" });
    await form.getByLabel("Starts at").fill("18:00");
    await form.getByLabel("Ends at").fill("08:00");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toContainText("The end must be after the start.");
    await form.getByLabel("Starts at").fill("08:00");
    await form.getByLabel("Ends at").fill("17:30");
    await form.getByLabel("Saturday").check();
    await form.getByLabel("Holidays").fill("2026-09-02\n2026-04-30");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toHaveText("Working time saved.");
    await page.reload();
    await expect(form.getByLabel("Ends at")).toHaveValue("17:30");
    await expect(form.getByLabel("Saturday")).toBeChecked();
    await expect(form.getByLabel("Holidays")).toHaveValue("2026-04-30\n2026-09-02");

    // Back to the default (Monday to Friday, 9:00–18:00), which other tests may count on.
    await form.getByLabel("Starts at").fill("09:00");
    await form.getByLabel("Ends at").fill("18:00");
    await form.getByLabel("Saturday").uncheck();
    await form.getByLabel("Holidays").fill("");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toHaveText("Working time saved.");
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the automation board scrolls a column at a time and its robots can be added and used", async ({ page }) => {
    await openProjects(page);
    const board = page.getByTestId("automation-board");
    expect(await board.evaluate((el) => getComputedStyle(el).scrollSnapType)).toContain("x mandatory");
    const width = (await page.getByTestId("automation-column").first().boundingBox())!.width;
    expect(width).toBeGreaterThan(300);
    expect(width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const name = uniqueTitle("Phone robot");
    const card = await addRobot(page, "New", "Add a comment", name, comment("Từ điện thoại"));
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await card.getByRole("button", { name: "Switch off" }).tap();
    await expect(card.getByTestId("robot-state")).toHaveText("Off");
    await deleteRobot(page, card);
  });
});
