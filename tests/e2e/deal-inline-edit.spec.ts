import { expect, test, type Page } from "@playwright/test";
import { alertOf, createDeal, uniqueTitle } from "./helpers";

const row = (page: Page, key: string) => page.locator(`#card-field-${key}`);

test.describe("at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("click a value to edit that field in place: Enter saves, Escape cancels", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("Inline"));
    await row(page, "amount").getByRole("link", { name: /^Edit Amount/ }).click();
    const amount = row(page, "amount").getByLabel("Amount", { exact: true });
    await expect(amount).toBeFocused();
    // Only this field's inputs: the title and the rest travel unchanged.
    await expect(row(page, "amount").getByLabel("Title")).toHaveCount(0);
    await amount.fill("30,000,000");
    await amount.press("Enter");
    await expect(page.getByText("Deal saved.")).toBeVisible();
    await expect(row(page, "amount")).toContainText("₫30,000,000");
    await expect(page.getByTestId("deal-title")).toHaveText(/^Inline/);

    await row(page, "probability").getByRole("link", { name: /^Edit Probability/ }).click();
    const probability = row(page, "probability").getByLabel("Probability, %", { exact: true });
    await expect(probability).toBeFocused();
    await probability.fill("45");
    await probability.press("Escape");
    await expect(row(page, "probability").getByLabel("Probability, %", { exact: true })).toHaveCount(0);
    await expect(page).toHaveURL(url);
    await page.reload();
    await expect(row(page, "probability")).not.toContainText("45");

    // A bad value gets the section form's message, in place, and nothing is saved.
    await row(page, "probability").getByRole("link", { name: /^Edit Probability/ }).click();
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).fill("250");
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).press("Enter");
    await expect(row(page, "probability").locator(".field-error")).toBeVisible();
    await page.goto(url);
    await expect(row(page, "probability")).not.toContainText("250");
  });

  test("switching between two deals' inline forms saves each to its own deal; a stale one is refused", async ({ page, context }) => {
    const first = await createDeal(page, uniqueTitle("Inline A"));
    const second = await createDeal(page, uniqueTitle("Inline B"));
    await page.goto(`${first}?edit=probability#card-field-probability`);
    await page.goto(`${second}?edit=probability#card-field-probability`);
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).fill("70");
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).press("Enter");
    await expect(page.getByText("Deal saved.")).toBeVisible();
    await page.goto(first);
    await expect(row(page, "probability")).not.toContainText("70");
    await page.goto(second);
    await expect(row(page, "probability")).toContainText("70");

    // Someone saves the deal while this form is open: the save is refused, naming them.
    await page.goto(`${second}?edit=probability#card-field-probability`);
    const other = await context.newPage();
    await other.goto(`${second}?edit=comments#card-field-comments`);
    await other.locator("#card-field-comments textarea").fill("Đã gọi khách");
    await other.getByRole("button", { name: "Save", exact: true }).click();
    await expect(other.getByText("Deal saved.")).toBeVisible();
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).fill("80");
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).press("Enter");
    await expect(alertOf(page)).toContainText("This deal was changed by Nguyễn Văn An");
    await expect(row(page, "probability").getByLabel("Probability, %", { exact: true })).toHaveValue("80");
    await other.close();
  });
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("a value is a link to its in-place form, which saves with its button", async ({ page, browser }) => {
    const admin = await browser.newPage({ javaScriptEnabled: true });
    const url = await createDeal(admin, uniqueTitle("Inline no-JS"));
    await admin.close();
    await page.goto(url);
    await row(page, "probability").getByRole("link", { name: /^Edit Probability/ }).click();
    await row(page, "probability").getByLabel("Probability, %", { exact: true }).fill("35");
    await row(page, "probability").getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Deal saved.")).toBeVisible();
    await expect(row(page, "probability")).toContainText("35");
    await row(page, "probability").getByRole("link", { name: /^Edit Probability/ }).click();
    await row(page, "probability").getByRole("link", { name: "Cancel" }).click();
    await expect(row(page, "probability").getByLabel("Probability, %", { exact: true })).toHaveCount(0);
  });
});
