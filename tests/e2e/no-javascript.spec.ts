import { expect, test } from "@playwright/test";
import { signIn, uniqueTitle } from "./helpers";
import { SIGNED_OUT } from "./sessions";

test.describe("with JavaScript disabled", () => {
  // Signing in without JavaScript too: on the form.
  test.use({ javaScriptEnabled: false, storageState: SIGNED_OUT });

  test("sign in, create a deal (after fixing an error), edit it and switch language", async ({ page }) => {
    await signIn(page);
    await page.getByRole("link", { name: "Add deal" }).click();
    const title = uniqueTitle("No-JS deal");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Amount").fill("12.5");
    await page.getByLabel("Currency").selectOption("VND");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("VND has no fractional part.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);

    await page.getByLabel("Amount").fill("12,500,000");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Deal created.")).toBeVisible();
    await expect(page.getByTestId("deal-title")).toHaveText(title);
    await expect(page.locator(".sub .amount")).toHaveText("₫12,500,000");

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Amount").fill("13,000,000");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Deal saved.")).toBeVisible();
    await expect(page.getByTestId("history")).toContainText("Amount: ₫12,500,000 → ₫13,000,000");

    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByText("Đã lưu giao dịch.")).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();

    await page.getByRole("link", { name: "Delete" }).click();
    await page.locator("form.confirm-delete").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Deal deleted.")).toBeVisible();
  });
});
