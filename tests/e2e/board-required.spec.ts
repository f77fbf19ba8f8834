import { expect, test } from "@playwright/test";
import { card, column, drag, quickAdd } from "./board-helpers";
import { uniqueTitle } from "./helpers";

const FIRST = "Mới";
const TARGET = "Hóa đơn cuối";

test.use({ viewport: { width: 1700, height: 900 } });

test("a stage's required fields: set by the admin, asked for on drop, and the move completes", async ({ page }) => {
  await page.goto("/deals/kanban");
  await page.getByRole("link", { name: "Edit stages" }).click();
  const stage = page.getByRole("form", { name: TARGET, exact: true });
  await stage.getByRole("checkbox", { name: "Company" }).check();
  await stage.getByRole("checkbox", { name: "Source", exact: true }).check();
  await stage.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Stage “${TARGET}” saved.`)).toBeVisible();

  await page.goto("/deals/kanban");
  const title = uniqueTitle("Required drop");
  await quickAdd(page, FIRST, title);
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
    await page.goto("/deals/kanban");
    const title = uniqueTitle("Required no-JS");
    await quickAdd(page, FIRST, title);
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
