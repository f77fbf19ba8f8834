import { expect, test, type Browser, type Page } from "@playwright/test";
import { card, column, columnCount as count, drag, quickAdd } from "./board-helpers";
import { ACCOUNTANT, ADMIN, openSession, SELLER, uniqueTitle } from "./helpers";

const FIRST = "Mới";
const SECOND = "Chuẩn bị tài liệu";
const THIRD = "Hóa đơn tạm ứng";

test("drag a card to another column: it moves at once, totals follow, and it stays there", async ({ page }) => {
  await page.goto("/deals/kanban");
  const title = uniqueTitle("Board drag");
  await quickAdd(page, FIRST, title, "2500000");
  const [first, second] = [await count(page, FIRST), await count(page, SECOND)];

  await drag(page, card(page, title), column(page, SECOND).locator("ul.cards"));
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: title })).toHaveCount(0);
  await expect.poll(() => count(page, SECOND)).toBe(second + 1);
  await expect.poll(() => count(page, FIRST)).toBe(first - 1);

  await page.reload();
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await card(page, title).getByRole("link").click();
  await expect(page.getByTestId("history")).toContainText(SECOND);
});

test("a column shows 20 cards and loads the next ones as it scrolls, each once", async ({ page }) => {
  await page.goto("/deals/kanban");
  const cards = column(page, FIRST).getByTestId("board-card");
  await expect(cards).toHaveCount(20);
  await column(page, FIRST).locator("[data-more]").scrollIntoViewIfNeeded();
  await expect.poll(() => cards.count()).toBeGreaterThan(20);
  const total = await count(page, FIRST);
  // Keep scrolling to the end of the column, until it has no more to load: every deal of the column, none twice.
  const more = column(page, FIRST).locator("[data-more]");
  await expect
    .poll(
      async () => {
        if ((await more.count()) === 0) return "all loaded";
        // The last page may load meanwhile and take the link away: the next look says so.
        await more.scrollIntoViewIfNeeded({ timeout: 1_000 }).catch(() => undefined);
        return "loading";
      },
      { timeout: 20_000 },
    )
    .toBe("all loaded");
  const ids = await cards.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
});

/** Sales people may move deals of "Bán hàng" to any stage, or (`except`) to every stage but one. */
async function salesTransitions(page: Page, except: string | null) {
  await page.goto("/settings/permissions");
  await page.getByRole("link", { name: "Nhân viên kinh doanh" }).click();
  // The administrator's rules show first and have the same controls: act only once the role's page is in.
  await expect(page.getByRole("heading", { name: "Rules of the role “Nhân viên kinh doanh”" })).toBeVisible();
  const sales = page.getByRole("region", { name: "Bán hàng" });
  if (except === null) await sales.getByRole("radio", { name: "any stage" }).check();
  else {
    await sales.getByRole("radio", { name: "only the stages chosen" }).check();
    const list = sales.getByLabel("May move deals to (Bán hàng): only the stages chosen");
    const labels = (await list.locator("option").allTextContents()).filter((label) => label !== except);
    await list.selectOption(labels.map((label) => ({ label })));
  }
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.locator(".alert[role=alert]")).toHaveText("Rules saved.");
}

/**
 * As Đức, a sales person, on a card of his own in the first column, while his role may not move
 * deals of "Bán hàng" to the second stage; the administrator (`admin`) sets that up and puts it back.
 */
async function asSellerBarredFromSecond(admin: Page, browser: Browser, prefix: string, act: (seller: Page, title: string) => Promise<void>) {
  await salesTransitions(admin, SECOND);
  try {
    const seller = await openSession(browser, SELLER);
    await seller.goto("/deals/kanban");
    const title = uniqueTitle(prefix);
    await quickAdd(seller, FIRST, title);
    await act(seller, title);
    await seller.context().close();
  } finally {
    await salesTransitions(admin, null);
  }
}

test("a move the role does not allow snaps back with the reason; a read-only user cannot drag at all", async ({ page: admin, browser }) => {
  await asSellerBarredFromSecond(admin, browser, "Board refused", async (page, title) => {
    await drag(page, card(page, title), column(page, SECOND).locator("ul.cards"));
    await expect(page.getByTestId("board-notice")).toContainText(`Not moved: You may not move deals to the stage “${SECOND}”.`);
    await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
    await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toHaveCount(0);
  });

  // A read-only role's cards do not move, and it gets no "+" and no Delete drop zone.
  const page = await openSession(browser, ACCOUNTANT);
  await page.goto("/deals/kanban");
  const moving = column(page, FIRST).getByTestId("board-card").first();
  const still = (await moving.locator(".card-title").textContent())!;
  await drag(page, moving, column(page, SECOND).locator("ul.cards"));
  await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: still })).toBeVisible();
  await expect(page.getByTestId("board-notice")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Add a deal to/ })).toHaveCount(0);
  await expect(page.getByTestId("drop-zone").filter({ hasText: "Delete" })).toHaveCount(0);
  await page.context().close();
});

test("selected cards move together, and the Won drop zone closes a deal", async ({ page }) => {
  await page.goto("/deals/kanban");
  const a = uniqueTitle("Board multi A");
  const b = uniqueTitle("Board multi B");
  await quickAdd(page, FIRST, a);
  await quickAdd(page, FIRST, b);
  await card(page, a).getByRole("checkbox").check();
  await card(page, b).getByRole("checkbox").check();
  await expect(page.getByText("2 selected")).toBeVisible();
  const reRead = page.waitForResponse((r) => r.url().includes("/deals/kanban/columns"));
  await drag(page, card(page, a), column(page, THIRD).locator("ul.cards"));
  await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: a })).toBeVisible();
  await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: b })).toBeVisible();
  await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: /Board multi/ })).toHaveCount(0);
  // The first move is answered (selection cleared, board re-read) before the second drag starts.
  await reRead;
  await expect(page.getByText("0 selected")).toBeVisible();

  await drag(page, card(page, a), page.getByTestId("drop-zone").filter({ hasText: "Won" }));
  await expect(card(page, a)).toHaveCount(0);
  await page.reload();
  await expect(card(page, a)).toHaveCount(0);
  await page.goto("/deals/kanban?semantics=S");
  await expect(card(page, a)).toBeVisible();
});

test("drags made while earlier moves are still on their way all land", async ({ page }) => {
  await page.goto("/deals/kanban");
  const [a, b, c] = [uniqueTitle("Board race A"), uniqueTitle("Board race B"), uniqueTitle("Board race C")];
  for (const title of [a, b, c]) await quickAdd(page, FIRST, title);
  await card(page, a).getByRole("checkbox").check();
  await card(page, b).getByRole("checkbox").check();
  // Hold the first move's answer: a slow network, a busy server.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = true;
  await page.route("**/deals/kanban**", async (route) => {
    if (route.request().method() === "POST" && holding) {
      holding = false;
      await held;
    }
    await route.continue();
  });
  await drag(page, card(page, a), column(page, THIRD).locator("ul.cards"));
  await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: b })).toBeVisible();
  // The drop used the selection up: the next drag moves one card.
  await expect(page.getByText("0 selected")).toBeVisible();
  await drag(page, card(page, c), column(page, SECOND).locator("ul.cards"));

  // The first answer arrives in the middle of the next drag.
  const source = card(page, a);
  await source.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const from = (await source.locator(".card-meta").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  // Next runs server actions one at a time: C's move, held back behind the first, leaves once the
  // page has taken the first answer in.
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  const takenIn = page.waitForRequest((r) => r.method() === "POST");
  release();
  await answered;
  await takenIn;
  // To a column near the top: a drop zone at the page's foot would make the test scroll mid-drag.
  const to = (await column(page, SECOND).locator("ul.cards").boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(20, to.height / 2), { steps: 20 });
  await page.mouse.up();

  for (const reload of [false, true]) {
    if (reload) await page.reload();
    await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: a })).toBeVisible();
    await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: b })).toBeVisible();
    await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: c })).toBeVisible();
    await expect(card(page, a)).toHaveCount(1);
  }
});

test("the Delete drop zone asks first, then deletes", async ({ page }) => {
  await page.goto("/deals/kanban");
  const title = uniqueTitle("Board delete");
  await quickAdd(page, FIRST, title);
  page.once("dialog", (dialog) => void dialog.dismiss());
  await drag(page, card(page, title), page.getByTestId("drop-zone").filter({ hasText: "Delete" }));
  await expect(card(page, title)).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Delete the selected deals (1)? This cannot be undone.");
    void dialog.accept();
  });
  await drag(page, card(page, title), page.getByTestId("drop-zone").filter({ hasText: "Delete" }));
  await expect(card(page, title)).toHaveCount(0);
  await page.reload();
  await expect(card(page, title)).toHaveCount(0);
});

test("a second browser sees a move live, without reloading", async ({ page, browser }) => {
  await page.goto("/deals/kanban");
  const title = uniqueTitle("Board live");
  await quickAdd(page, FIRST, title);

  const watcher = await openSession(browser, ADMIN);
  // The server subscribes the stream to the changes before it answers.
  const streaming = watcher.waitForResponse((r) => new URL(r.url()).pathname === "/deals/kanban/events" && r.ok());
  await watcher.goto("/deals/kanban");
  await expect(column(watcher, FIRST).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await streaming;

  // The keyboard way: the card's own "move to stage" form.
  const mover = card(page, title);
  await mover.locator("summary", { hasText: "Move" }).click();
  await mover.getByRole("combobox", { name: "Move to stage" }).selectOption({ label: THIRD });
  await mover.getByRole("button", { name: "Move" }).click();
  await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: title })).toBeVisible();

  await expect(column(watcher, THIRD).getByTestId("board-card").filter({ hasText: title })).toBeVisible({ timeout: 2_500 });
  await expect(column(watcher, FIRST).getByTestId("board-card").filter({ hasText: title })).toHaveCount(0);
  await watcher.context().close();
});

test("touch drag moves a card", async ({ browser }) => {
  const page = await openSession(browser, ADMIN, { hasTouch: true, viewport: { width: 1280, height: 800 } });
  const context = page.context();
  await page.goto("/deals/kanban");
  const title = uniqueTitle("Board touch");
  await quickAdd(page, FIRST, title);
  await card(page, title).evaluate((el) => el.scrollIntoView({ block: "center" }));
  const from = (await card(page, title).locator(".card-amount").boundingBox())!;
  const to = (await column(page, SECOND).locator("ul.cards").boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  await touch("touchStart", x0, y0);
  // A press, not a scroll: held until sortablejs takes the card (after its 150 ms touch delay).
  await expect(card(page, title)).toHaveClass(/sortable-chosen/);
  const [x1, y1] = [to.x + to.width / 2, to.y + 20];
  for (let i = 1; i <= 20; i++) await touch("touchMove", x0 + ((x1 - x0) * i) / 20, y0 + ((y1 - y0) * i) / 20);
  await touch("touchEnd", x1, y1);
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await page.reload();
  await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await context.close();
});

test("on a phone the board scrolls one column at a time", async ({ browser }) => {
  const page = await openSession(browser, ADMIN, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const context = page.context();
  await page.goto("/deals/kanban");
  const board = page.getByTestId("board");
  expect(await board.evaluate((el) => getComputedStyle(el).scrollSnapType)).toContain("x mandatory");
  const width = (await page.getByTestId("board-column").first().boundingBox())!.width;
  expect(width).toBeGreaterThan(300);
  expect(width).toBeLessThanOrEqual(375);
  expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await context.close();
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("quick add, then move a card with its form", async ({ page }) => {
    await page.goto("/deals/kanban");
    const title = uniqueTitle("Board no-JS");
    await quickAdd(page, FIRST, title);
    const moving = card(page, title);
    await moving.locator("summary", { hasText: "Move" }).click();
    await moving.getByRole("combobox", { name: "Move to stage" }).selectOption({ label: SECOND });
    await moving.getByRole("button", { name: "Move" }).click();
    await expect(column(page, SECOND).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
    await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: title })).toHaveCount(0);
    // A quick-added deal is open to everyone, as one made with the full form is.
    await card(page, title).getByRole("link").click();
    await expect(page.locator(".kv", { hasText: "Available to everyone" }).locator("dd")).toHaveText("Yes");
  });
});

test.describe("with JavaScript disabled, the filter panel", () => {
  test.use({ javaScriptEnabled: false });

  test("opens on request and filters the board; then says how many filters are on, and clears them", async ({ page }) => {
    await page.goto("/deals/kanban");
    await expect(page.getByRole("search")).toHaveCount(0);
    await page.getByRole("link", { name: "Filters", exact: true }).click();
    const filters = page.getByRole("search");
    await filters.getByLabel("Search").fill("zzz-no-such-deal");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=zzz-no-such-deal/);
    await expect(page.getByTestId("board-card")).toHaveCount(0);
    await expect(page.getByRole("search")).toHaveCount(0);
    await expect(page.getByTestId("filters-on")).toHaveText("1 on");
    await page.getByRole("link", { name: "Filters", exact: true }).click();
    await expect(page.getByRole("search").getByLabel("Search")).toHaveValue("zzz-no-such-deal");
    await page.goBack();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page.getByTestId("board-card").first()).toBeVisible();
    await expect(page.getByTestId("filters-on")).toHaveCount(0);
  });
});

test.describe("with JavaScript disabled, selected cards", () => {
  test.use({ javaScriptEnabled: false });

  test("move together with the selection form", async ({ page }) => {
    await page.goto("/deals/kanban");
    const a = uniqueTitle("No-JS multi A");
    const b = uniqueTitle("No-JS multi B");
    await quickAdd(page, FIRST, a);
    await quickAdd(page, FIRST, b);
    await card(page, a).getByRole("checkbox").check();
    await card(page, b).getByRole("checkbox").check();
    const selection = page.getByRole("form", { name: "Move selected" });
    await selection.getByRole("combobox", { name: "Move to stage" }).selectOption({ label: THIRD });
    await selection.getByRole("button", { name: "Move selected" }).click();
    await expect(page.getByText("2 deals moved.")).toBeVisible();
    await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: a })).toBeVisible();
    await expect(column(page, THIRD).getByTestId("board-card").filter({ hasText: b })).toBeVisible();
  });
});

test.describe("with JavaScript disabled, a refused move", () => {
  test.use({ javaScriptEnabled: false });

  test("says why on the card, which stays where it was", async ({ page: admin, browser }) => {
    await asSellerBarredFromSecond(admin, browser, "No-JS refused", async (page, title) => {
      const moving = card(page, title);
      await moving.locator("summary", { hasText: "Move" }).click();
      await moving.getByRole("combobox", { name: "Move to stage" }).selectOption({ label: SECOND });
      await moving.getByRole("button", { name: "Move" }).click();
      const same = column(page, FIRST).getByTestId("board-card").filter({ hasText: title });
      await expect(same.getByRole("alert")).toHaveText(`You may not move deals to the stage “${SECOND}”.`);
    });
  });
});
