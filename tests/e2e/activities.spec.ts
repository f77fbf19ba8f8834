import { expect, test, type Page } from "@playwright/test";
import { createDeal, HEAD_HCM, HUY, LAN, openSession, uniqueTitle, dealsMatch } from "./helpers";
import { sessionOf } from "./sessions";

// Đặng Thu Lan, a sales person, unless a test says otherwise.
test.use({ storageState: sessionOf(LAN) });

/** The value of one counter in the bar above the list (every counter is shown there, zero too). */
async function counter(page: Page, kind: "overdue" | "pending" | "idle" | "incoming"): Promise<number> {
  await page.goto("/deals");
  const text = await page.getByTestId("counters-bar").locator(`[data-counter=${kind}] .counter-value`).textContent();
  return Number(text);
}

function localInput(offsetMs: number): string {
  // The demo org's zone is Asia/Ho_Chi_Minh (+07, no daylight saving).
  return new Date(Date.now() + offsetMs + 7 * 3_600_000).toISOString().slice(0, 16);
}

async function planActivity(page: Page, subject: string, deadline: string, type = "Call") {
  const form = page.getByRole("form", { name: "Plan an activity" });
  if (!(await form.isVisible())) await page.getByRole("link", { name: "Plan an activity" }).click();
  await form.getByLabel("Type").selectOption({ label: type });
  await form.getByLabel("Subject").fill(subject);
  await form.getByLabel(/Deadline/).fill(deadline);
  await form.getByRole("button", { name: "Save activity" }).click();
  await expect(page.getByText("Activity planned.")).toBeVisible();
}

test("an overdue call shows in the badge, the counter filters the list, completing it clears the badge", async ({ page }) => {
  const title = uniqueTitle("Counter call");
  const url = await createDeal(page, title);
  const before = await counter(page, "overdue");

  await page.goto(url);
  await planActivity(page, "Call the director", localInput(-2 * 3_600_000));
  const planned = page.getByTestId("planned-activity").filter({ hasText: "Call the director" });
  await expect(planned).toHaveClass(/overdue/);
  await expect(planned).toContainText("Overdue");
  // The navigation's badge and the bar above the list both count it at once.
  await expect(page.getByTestId("counters-nav").locator("[data-counter=overdue]")).toHaveText(String(before + 1));
  expect(await counter(page, "overdue")).toBe(before + 1);

  // The counter is a filter: the deals it counts, this one among them.
  await page.getByTestId("counters-bar").locator("[data-counter=overdue]").click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
  // Its row carries the badge too.
  await expect(page.getByRole("row").filter({ hasText: title }).getByTestId("row-overdue")).toBeVisible();
  await page.getByTestId("list-total").getByRole("link").click();
  await expect(page.getByTestId("list-total")).toHaveText(dealsMatch(before + 1));

  await page.goto(url);
  await planned.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByTestId("done-activity").filter({ hasText: "Call the director" })).toBeVisible();
  expect(await counter(page, "overdue")).toBe(before);
  // Nothing is planned on it any more: the list marks it so.
  await page.goto(`/deals?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("row").filter({ hasText: title }).getByTestId("row-idle")).toBeVisible();
});

test("the timeline: comments with an @mention notify the colleague; My activities completes with one click", async ({ page, browser }) => {
  const title = uniqueTitle("Timeline");
  const url = await createDeal(page, title);
  await page.goto(url);

  // Autocomplete: "@vu q" offers Vũ Quốc Huy (without diacritics); Enter writes the full name.
  const box = page.getByRole("textbox", { name: "Comment", exact: true });
  await box.click();
  await box.pressSequentially("Anh @vu q");
  await expect(page.getByRole("listbox").getByRole("option", { name: "Vũ Quốc Huy" })).toBeVisible();
  await box.press("Enter");
  await box.pressSequentially("xem giúp báo giá");
  await expect(box).toHaveValue("Anh @Vũ Quốc Huy xem giúp báo giá");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("history").locator("li.comment").first()).toContainText("Anh @Vũ Quốc Huy xem giúp báo giá");
  // The History tab is the changes alone.
  await page.goto(`${url}?tab=history`);
  await expect(page.getByTestId("history")).toContainText("created the deal");
  await expect(page.getByTestId("history")).not.toContainText("xem giúp báo giá");

  const huy = await openSession(browser, HUY);
  await huy.goto("/deals");
  await expect(huy.getByTestId("bell")).toContainText(/\d/);
  await huy.getByTestId("bell").click();
  await expect(huy.getByTestId("notifications")).toContainText(`Đặng Thu Lan mentioned you on ${title}`);
  // Opening it from the list marks it read and opens the deal.
  const unreadBefore = Number((await huy.getByTestId("bell").textContent())!.replace(/\D/g, "") || 0);
  const mention = huy.getByTestId("notifications").locator("li.unread").filter({ hasText: title });
  const openHref = (await mention.getByRole("link").getAttribute("href"))!;
  await mention.getByRole("link").click();
  await expect(huy).toHaveURL(new RegExp(`${url.replace(/^.*(\/deals\/\d+)$/, "$1")}#timeline$`));
  await huy.goto("/notifications");
  await expect(huy.getByTestId("notifications").locator("li.done").filter({ hasText: title })).toHaveCount(1);
  expect(Number((await huy.getByTestId("bell").textContent())!.replace(/\D/g, "") || 0)).toBe(unreadBefore - 1);
  // Someone else's notification, by its address, opens nothing.
  const lan = await openSession(browser, LAN);
  expect((await lan.request.get(openHref, { maxRedirects: 0 })).status()).toBe(404);
  await lan.context().close();
  if (await huy.getByRole("button", { name: "Mark all as read" }).count()) await huy.getByRole("button", { name: "Mark all as read" }).click();
  await expect(huy.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await huy.context().close();

  // A task due later today is in "Today" on My activities, and completes there.
  await page.goto(url);
  await planActivity(page, "Send the contract", localInput(5 * 60_000), "Task");
  await page.getByRole("link", { name: "Activities", exact: true }).click();
  const item = page.getByTestId("my-activity").filter({ hasText: "Send the contract" });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByTestId("my-activity").filter({ hasText: "Send the contract" })).toHaveCount(0);
});

test("a reminder arrives in the bell from the job queue", async ({ page }) => {
  const url = await createDeal(page, uniqueTitle("Reminder"));
  await page.goto(url);
  const form = page.getByRole("form", { name: "Plan an activity" });
  if (!(await form.isVisible())) await page.getByRole("link", { name: "Plan an activity" }).click();
  await form.getByLabel("Subject").fill("Chuẩn bị demo");
  await form.getByLabel(/Deadline/).fill(localInput(10 * 60_000));
  await form.getByLabel("15 minutes before").check();
  await form.getByRole("button", { name: "Save activity" }).click();
  await expect(page.getByText("Activity planned.")).toBeVisible();
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByTestId("notifications")).toContainText("Reminder: Chuẩn bị demo", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
});

test("a bad deadline is refused with a message and nothing is saved", async ({ page }) => {
  const url = await createDeal(page, uniqueTitle("Bad deadline"));
  await page.goto(url);
  const form = page.getByRole("form", { name: "Plan an activity" });
  if (!(await form.isVisible())) await page.getByRole("link", { name: "Plan an activity" }).click();
  await form.getByLabel("Subject").fill("x".repeat(10));
  await form.getByLabel(/Deadline/).evaluate((el) => {
    (el as HTMLInputElement).type = "text";
    (el as HTMLInputElement).value = "tomorrow";
  });
  await form.getByRole("button", { name: "Save activity" }).click();
  await expect(form.locator(".alert[role=alert]")).toContainText("Enter a date and time.");
  await page.reload();
  await expect(page.getByTestId("planned-activity")).toHaveCount(0);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });
  test("plan, edit and complete an activity with plain forms", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("No-JS activity"));
    await page.goto(url);
    const form = page.getByRole("form", { name: "Plan an activity" });
    await form.getByLabel("Subject").fill("Gặp khách hàng");
    await form.getByLabel("Type").selectOption({ label: "Meeting" });
    await form.getByRole("button", { name: "Save activity" }).click();
    const planned = page.getByTestId("planned-activity").filter({ hasText: "Gặp khách hàng" });
    await expect(planned).toBeVisible();
    await planned.getByRole("link", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit" });
    await edit.getByLabel("Subject").fill("Gặp khách hàng lần 2");
    await edit.getByRole("button", { name: "Save activity" }).click();
    await expect(page.getByText("Activity saved.")).toBeVisible();
    const renamed = page.getByTestId("planned-activity").filter({ hasText: "lần 2" });
    await renamed.getByRole("button", { name: "Complete" }).click();
    await expect(page.getByTestId("done-activity").filter({ hasText: "lần 2" })).toBeVisible();
    await expect(page.getByTestId("planned-activity")).toHaveCount(0);
  });
});

test("the counters as JSON: one's own, a subordinate's for a department head, nobody else's", async ({ page }) => {
  const own = await page.request.get("/activities/counters");
  expect(own.status()).toBe(200);
  expect(Object.keys(await own.json()).sort()).toEqual(["idle", "incoming", "overdue", "pending"]);
  expect((await page.request.get("/activities/counters?user=1")).status()).toBe(404);
  expect((await page.request.get("/activities/counters?user=abc")).status()).toBe(400);
  await page.goto("/activities?user=1");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
});

test.describe("as Lê Hoàng Cường, head of sales TP.HCM", () => {
  test.use({ storageState: sessionOf(HEAD_HCM) });

  test("a department head opens the activities and counters of someone in the department", async ({ page }) => {
    await page.goto("/activities");
    await page.getByLabel("Activities of").selectOption({ label: "Đặng Thu Lan" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "Activities of Đặng Thu Lan" })).toBeVisible();
    await expect(page.getByTestId("counters-bar")).toBeVisible();
    // Someone outside the department is not offered.
    await expect(page.getByLabel("Activities of").locator("option", { hasText: "Vũ Quốc Huy" })).toHaveCount(0);
  });
});
