import { expect, test } from "@playwright/test";
import { card, column, columnCount, quickAdd } from "./board-helpers";
import { uniqueTitle } from "./helpers";

const FIRST = "Mới";
const SECOND = "Chuẩn bị tài liệu";

test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

test("stage tabs with their counts: a tap shows that stage, a swipe marks the stage shown", async ({ page }) => {
  await page.goto("/deals/kanban");
  const tabs = page.getByRole("navigation", { name: "Stages" });
  const board = page.getByTestId("board");
  await expect(tabs.getByRole("link")).toHaveCount(await page.getByTestId("board-column").count());
  await expect(tabs.getByRole("link", { name: new RegExp(`^${SECOND} \\d+$`) })).toContainText(String(await columnCount(page, SECOND)));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expect(tabs.getByRole("link").first()).toHaveAttribute("aria-current", "true");

  // A tap on the third tab brings the third stage into view.
  const third = tabs.getByRole("link").nth(2);
  await third.tap();
  await expect(third).toHaveAttribute("aria-current", "true");
  const thirdColumn = page.getByTestId("board-column").nth(2);
  await expect.poll(async () => Math.abs((await thirdColumn.boundingBox())!.x - (await board.boundingBox())!.x)).toBeLessThan(4);

  // Swiping the board back a column (the board scrolls and snaps) marks the second stage.
  await board.evaluate((el) => el.scrollBy({ left: -el.clientWidth / 2 - 20 }));
  await expect(tabs.getByRole("link").nth(1)).toHaveAttribute("aria-current", "true");
});

test("a card dragged to the board's edge scrolls the board on to the next stage, and drops there", async ({ page }) => {
  await page.goto("/deals/kanban");
  const title = uniqueTitle("Phone drag");
  await quickAdd(page, FIRST, title);
  const board = page.getByTestId("board");
  const moving = card(page, title);
  await moving.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const from = (await moving.locator(".card-meta").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  // Held at the right edge, the board scrolls on by itself.
  const edge = (await board.boundingBox())!;
  await page.mouse.move(edge.x + edge.width - 8, from.y + 8, { steps: 10 });
  await expect.poll(async () => board.evaluate((el) => el.scrollLeft), { timeout: 5_000 }).toBeGreaterThan(100);
  // Into the second stage's list, now on screen.
  const target = column(page, SECOND).locator("ul.cards");
  await page.mouse.move(edge.x + edge.width / 2, from.y + 10, { steps: 6 });
  await expect.poll(async () => (await target.locator(".drag-ghost").count()) > 0).toBe(true);
  await page.mouse.up();
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await page.reload();
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toHaveCount(1);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("each tab is a link to its stage's column, and the card's Move form stays", async ({ page }) => {
    await page.goto("/deals/kanban");
    const tabs = page.getByRole("navigation", { name: "Stages" });
    await expect(tabs.getByRole("link").nth(1)).toHaveAttribute("href", /^#stage-\d+$/);
    const id = (await tabs.getByRole("link").nth(1).getAttribute("href"))!.slice(1);
    await expect(page.locator(`section#${id}`)).toHaveCount(1);
    await expect(page.getByTestId("board-card").first().locator("summary", { hasText: "Move" })).toHaveCount(1);
  });
});
