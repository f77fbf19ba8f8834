import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTANT, createDeal, openSession, uniqueTitle } from "./helpers";

// The demo pipeline's stages (their names are the org's own, in Vietnamese).
const NEW = "Mới";
const PREPARING = "Chuẩn bị tài liệu";
const EXECUTING = "Đang thực hiện";
const LOST = "Thất bại";
const WON = "Thành công";

const bar = (page: Page) => page.getByRole("form", { name: "Stages of the deal" });
const currentStage = (page: Page) => bar(page).locator('[aria-current="step"]');
const moveTo = (page: Page, stage: string) => bar(page).getByRole("button", { name: `Move the deal to ${stage}`, exact: true });

/** What a stage requires, set the way an administrator does it (Edit stages on the board). */
async function requireOnStage(page: Page, stage: string, field: string, required: boolean) {
  await page.goto("/deals/kanban");
  await page.getByRole("link", { name: "Edit stages" }).click();
  const form = page.getByRole("form", { name: stage, exact: true });
  await form.getByRole("checkbox", { name: field, exact: true }).setChecked(required);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Stage “${stage}” saved.`)).toBeVisible();
}

test.describe("the card's stage bar at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await requireOnStage(page, EXECUTING, "Deal type", false);
    await page.close();
  });

  test("one click moves the deal; a stage's required fields are asked for; closing offers won and lost; a closed deal reopens", async ({ page }) => {
    await requireOnStage(page, EXECUTING, "Deal type", true);
    const url = await createDeal(page, uniqueTitle("Stage bar"));
    await expect(currentStage(page)).toHaveText(NEW);
    // Every stage in progress and "Close deal" sit on one line at this width.
    const tops = await bar(page).locator("li").evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);

    await moveTo(page, PREPARING).click();
    await expect(currentStage(page)).toHaveText(PREPARING);
    await expect(bar(page).locator("li.reached")).toHaveCount(2);
    await page.reload();
    await expect(currentStage(page)).toHaveText(PREPARING);

    // The stage requires the deal type, which the deal lacks: the card asks for exactly that.
    await moveTo(page, EXECUTING).click();
    const needs = page.getByRole("form", { name: `${EXECUTING} needs these fields` });
    await expect(needs.getByRole("alert")).toHaveText(`The stage “${EXECUTING}” needs these fields filled in.`);
    await expect(needs.getByRole("combobox")).toHaveCount(1);
    await expect(currentStage(page)).toHaveText(PREPARING);
    await needs.getByRole("link", { name: "Cancel" }).click();
    await expect(needs).toHaveCount(0);
    await moveTo(page, EXECUTING).click();
    await needs.getByLabel("Deal type").selectOption({ index: 1 });
    await needs.getByRole("button", { name: "Save and move" }).click();
    await expect(currentStage(page)).toHaveText(EXECUTING);
    await expect(needs).toHaveCount(0);

    // "Close deal" offers the won and the lost stages.
    await bar(page).getByText("Close deal").click();
    await expect(bar(page).getByRole("button", { name: WON })).toBeVisible();
    await bar(page).getByRole("button", { name: LOST, exact: true }).click();
    await expect(currentStage(page)).toHaveText(LOST);
    await expect(page.getByText("The deal is closed. Choose a stage to reopen it.")).toBeVisible();
    await moveTo(page, NEW).click();
    await expect(currentStage(page)).toHaveText(NEW);

    // The history records each move.
    await page.goto(`${url}?tab=history`);
    for (const stage of [PREPARING, EXECUTING, LOST]) await expect(page.getByTestId("history")).toContainText(stage);
  });

  test("a deal lost with activities still open offers to complete them", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("Stage bar open work"));
    const plan = page.getByRole("form", { name: "Plan an activity" });
    for (const subject of ["Gọi lại cho khách", "Gửi báo giá"]) {
      if (!(await plan.isVisible())) await page.getByRole("link", { name: "Plan an activity" }).click();
      await plan.getByLabel("Subject").fill(subject);
      await plan.getByRole("button", { name: "Save activity" }).click();
      await expect(page.getByText("Activity planned.")).toBeVisible();
    }
    const offer = page.getByRole("form", { name: "Complete them" });
    await expect(offer).toHaveCount(0); // in progress: nothing to offer
    await bar(page).getByText("Close deal").click();
    await bar(page).getByRole("button", { name: LOST, exact: true }).click();
    await expect(currentStage(page)).toHaveText(LOST);
    await expect(offer).toContainText("This deal is closed, and 2 activities are still open.");
    await offer.getByRole("button", { name: "Complete them" }).click();
    await expect(page.getByText("The open activities are completed.")).toBeVisible();
    await expect(offer).toHaveCount(0);
    await page.goto(url);
    await expect(page.getByRole("form", { name: "Plan an activity" })).toBeVisible(); // nothing planned any more: the form is open
  });

  test("a reader who may not change the deal sees the stages and no buttons", async ({ browser }) => {
    const admin = await browser.newPage();
    const url = await createDeal(admin, uniqueTitle("Stage bar read-only"));
    await admin.close();
    const reader = await openSession(browser, ACCOUNTANT, { viewport: { width: 1440, height: 900 } });
    await reader.goto(url);
    await expect(currentStage(reader)).toHaveText(NEW);
    await expect(bar(reader).getByRole("button")).toHaveCount(0);
    await expect(bar(reader).getByText("Close deal")).toBeVisible();
    await reader.context().close();
  });
});

test.describe("on a phone (375×812, touch)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("the bar fits the screen and a tap moves the deal", async ({ page }) => {
    await createDeal(page, uniqueTitle("Stage bar phone"));
    await expect(currentStage(page)).toHaveText(NEW);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const target = moveTo(page, PREPARING);
    const box = (await target.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    await target.tap();
    await expect(currentStage(page)).toHaveText(PREPARING);
    await bar(page).getByText("Close deal").tap();
    await bar(page).getByRole("button", { name: WON }).tap();
    await expect(currentStage(page)).toHaveText(WON);
  });
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage({ javaScriptEnabled: true });
    await requireOnStage(page, EXECUTING, "Deal type", false);
    await page.close();
  });

  test("each stage is a button of a plain form; the required fields' form completes the move", async ({ page, browser }) => {
    const admin = await browser.newPage({ javaScriptEnabled: true });
    await requireOnStage(admin, EXECUTING, "Deal type", true);
    const url = await createDeal(admin, uniqueTitle("Stage bar no-JS"));
    await admin.close();
    await page.goto(url);
    await moveTo(page, PREPARING).click();
    await expect(currentStage(page)).toHaveText(PREPARING);
    await moveTo(page, EXECUTING).click();
    const needs = page.getByRole("form", { name: `${EXECUTING} needs these fields` });
    await expect(needs.getByRole("alert")).toHaveText(`The stage “${EXECUTING}” needs these fields filled in.`);
    await needs.getByLabel("Deal type").selectOption({ index: 1 });
    await needs.getByRole("button", { name: "Save and move" }).click();
    await expect(currentStage(page)).toHaveText(EXECUTING);
    // "Close deal" is a <details>: it opens without a script.
    await bar(page).getByText("Close deal").click();
    await bar(page).getByRole("button", { name: WON }).click();
    await expect(currentStage(page)).toHaveText(WON);
  });
});
