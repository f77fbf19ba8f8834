import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn, uniqueTitle } from "./helpers";

const FIRST = "Mới";
const TARGET = "Hóa đơn cuối";

function column(page: Page, name: string): Locator {
  return page.getByTestId("board-column").filter({ has: page.getByRole("heading", { name, exact: true }) });
}
function card(page: Page, title: string): Locator {
  return page.getByTestId("board-card").filter({ hasText: title });
}
async function quickAdd(page: Page, title: string) {
  const col = column(page, FIRST);
  const form = col.getByRole("form", { name: `Add a deal to ${FIRST}` });
  if (!(await form.isVisible())) await col.getByRole("group").getByText("+").click();
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(col.getByTestId("board-card").first()).toContainText(title);
}
async function drag(page: Page, source: Locator, target: Locator) {
  await source.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const from = (await source.locator(".card-meta").boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 20, { steps: 20 });
  await page.mouse.up();
}

test.use({ viewport: { width: 1700, height: 900 } });

test("a stage's required fields: set by the admin, asked for on drop, and the move completes", async ({ page }) => {
  await signIn(page);
  await page.goto("/deals/kanban");
  await page.getByRole("link", { name: "Edit stages" }).click();
  const stage = page.getByRole("form", { name: TARGET, exact: true });
  await stage.getByRole("checkbox", { name: "Company" }).check();
  await stage.getByRole("checkbox", { name: "Source", exact: true }).check();
  await stage.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Stage “${TARGET}” saved.`)).toBeVisible();

  await page.goto("/deals/kanban");
  const title = uniqueTitle("Required drop");
  await quickAdd(page, title);
  await drag(page, card(page, title), column(page, TARGET).locator("ul.cards"));
  const dialog = page.getByRole("dialog", { name: `Move “${title}” to ${TARGET}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("alert")).toHaveText(`The stage “${TARGET}” needs these fields filled in.`);
  await expect(dialog.getByRole("combobox")).toHaveCount(2); // Company and Source, nothing else
  await expect(column(page, FIRST).getByTestId("board-card").filter({ hasText: title })).toBeVisible(); // snapped back

  await dialog.getByLabel("Company").selectOption({ index: 1 });
  await dialog.getByLabel("Source", { exact: true }).selectOption("WEB");
  await dialog.getByRole("button", { name: "Save and move" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(column(page, TARGET).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await page.reload();
  await expect(column(page, TARGET).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the card's move form asks for the required fields and completes the move", async ({ page }) => {
    await signIn(page);
    await page.goto("/deals/kanban");
    const title = uniqueTitle("Required no-JS");
    await quickAdd(page, title);
    const moving = card(page, title);
    await moving.locator("summary", { hasText: "Move" }).click();
    await moving.getByRole("combobox", { name: "Move to stage" }).selectOption({ label: TARGET });
    await moving.getByRole("button", { name: "Move" }).click();
    const again = column(page, FIRST).getByTestId("board-card").filter({ hasText: title });
    await expect(again.getByRole("alert")).toHaveText(`The stage “${TARGET}” needs these fields filled in.`);
    await again.getByLabel("Company").selectOption({ index: 1 });
    await again.getByLabel("Source", { exact: true }).selectOption("CALL");
    await again.getByRole("button", { name: "Move" }).click();
    await expect(column(page, TARGET).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  });
});
