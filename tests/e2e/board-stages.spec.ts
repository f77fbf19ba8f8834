import { expect, test } from "@playwright/test";
import { alertOf, openSession, SELLER } from "./helpers";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("an administrator adds, renames and deletes a stage from the board", async ({ page }) => {
    await page.goto("/deals/kanban?pipeline=0");
    await page.getByRole("link", { name: "Projects" }).first().click();
    await page.getByRole("link", { name: "Edit stages" }).click();
    await expect(page.getByRole("heading", { name: "Stages of Projects" })).toBeVisible();

    const name = `Negotiation ${Date.now().toString(36)}`;
    const renamed = `${name} (renamed)`;
    const add = page.getByRole("form", { name: "Add a stage" });
    await add.getByLabel("Name").fill(name);
    await add.getByLabel("Days to rot").fill("5");
    await add.getByRole("button", { name: "Add a stage" }).click();
    await expect(alertOf(page).filter({ hasText: `Stage “${name}” added.` })).toBeVisible();

    const row = page.getByRole("form", { name, exact: true });
    await row.getByLabel("Name").fill(renamed);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page).filter({ hasText: `Stage “${renamed}” saved.` })).toBeVisible();
    await page.getByRole("button", { name: `Move ${renamed} up` }).click();

    await page.getByRole("link", { name: "Back to the board" }).click();
    const headings = await page.getByTestId("board-column").getByRole("heading").allTextContents();
    expect(headings.indexOf(renamed)).toBe(headings.length - 2);

    // A stage with deals asks where they go.
    await page.getByRole("link", { name: "Edit stages" }).click();
    const target = page.getByRole("form", { name: "Delete Preparing documents" }).getByRole("combobox", { name: /Move its \d+ deals? to/ });
    await expect(target).toHaveAttribute("required", "");
    await target.selectOption({ label: renamed });
    await page.getByRole("form", { name: "Delete Preparing documents" }).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Stage deleted; its deals moved to the stage you chose." })).toBeVisible();
    await expect(page.getByRole("form", { name: "Preparing documents" })).toHaveCount(0);
  });

  test("currency rates are edited in settings; others only read them", async ({ page, browser }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Currency rates" });
    await form.getByLabel("1 USD =").fill("abc");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page)).toContainText("Enter a positive number");
    await page.getByRole("form", { name: "Currency rates" }).getByLabel("1 USD =").fill("25,500");
    await page.getByRole("form", { name: "Currency rates" }).getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page).filter({ hasText: "Currency rates saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("form", { name: "Currency rates" }).getByLabel("1 USD =")).toHaveValue("25500");

    const seller = await openSession(browser, SELLER);
    await seller.goto("/settings");
    await expect(seller.getByRole("form", { name: "Currency rates" })).toHaveCount(0);
    await expect(seller.getByText("25500 VND")).toBeVisible();
    expect((await seller.goto("/deals/kanban/stages"))?.status()).toBe(404);
    await seller.context().close();
  });
});
