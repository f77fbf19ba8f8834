import { expect, test } from "@playwright/test";
import { createDeal, LAN, openSession, uniqueTitle } from "./helpers";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });
  test("an administrator arranges the card for everyone; a sales person arranges their own and resets it", async ({ page, browser }) => {
    const url = await createDeal(page, uniqueTitle("Layout deal"));
    await page.goto(`${url}?tab=general`);
    await page.getByRole("link", { name: "Arrange the card" }).click();
    await page.getByRole("link", { name: "For everyone" }).click();
    await page.getByLabel("New section: Name").fill("Marketing");
    await page.getByLabel("New section: Order").fill("-10");
    await page.getByLabel("Source: Section", { exact: true }).selectOption({ label: "New section" });
    await page.getByLabel("Source information: Section").selectOption({ label: "New section" });
    await page.getByLabel("Probability, %: Section").selectOption({ label: "Hidden" });
    await page.getByRole("button", { name: "Save layout" }).click();
    await expect(page.getByText("Layout saved.")).toBeVisible();

    await page.goto(url);
    const sections = page.locator(".card-section h2");
    await expect(sections.first()).toHaveText("Marketing");
    await expect(page.locator(".card-section").filter({ has: page.getByRole("heading", { name: "Marketing" }) })).toContainText("Source information");
    await expect(page.locator(".kv dt", { hasText: "Probability, %" })).toHaveCount(0);

    // A sales person sees the common layout, then makes their own and goes back to the common one.
    const seller = await openSession(browser, LAN, { javaScriptEnabled: false });
    await seller.goto(url);
    await expect(seller.locator(".card-section h2").first()).toHaveText("Marketing");
    await seller.getByRole("link", { name: "Arrange the card" }).click();
    await expect(seller.getByRole("link", { name: "For everyone" })).toHaveCount(0);
    await seller.getByLabel("Section 1: Name").fill("My first section");
    await seller.getByRole("button", { name: "Save layout" }).click();
    await expect(seller.getByText("Layout saved.")).toBeVisible();
    await seller.goto(url);
    await expect(seller.locator(".card-section h2").first()).toHaveText("My first section");
    await seller.getByRole("link", { name: "Arrange the card" }).click();
    await seller.getByRole("button", { name: "Reset to the common layout" }).click();
    await expect(seller.getByText("Your layout now follows the common one.")).toBeVisible();
    await seller.goto(url);
    await expect(seller.locator(".card-section h2").first()).toHaveText("Marketing");
    await seller.context().close();

    // Back to the default, so other tests see the card as the reference has it.
    await page.goto("/deals/layout?scope=common");
    await page.getByRole("button", { name: "Back to the default layout" }).click();
    await expect(page.getByText("The default layout: nothing arranged yet.")).toBeVisible();
    await page.goto(url);
    await expect(page.locator(".card-section h2").first()).toHaveText("About the deal");
  });
});

test.describe("with a screen tall enough for the whole editor", () => {
  test.use({ viewport: { width: 1280, height: 2400 } });
  test("fields are dragged between sections in the layout editor", async ({ page }) => {
    await page.goto("/deals/layout?scope=personal");
    const handle = page.locator('[data-field="probability"] .drag-handle');
    const hidden = page.locator('[data-fields="hidden"]');
    const from = (await handle.boundingBox())!;
    const to = (await hidden.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y + 10, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + Math.min(10, to.height / 2), { steps: 20 });
    await page.mouse.up();
    // The drop rewrote the field's own section choice, which the form saves.
    await expect(page.getByLabel("Probability, %: Section")).toHaveValue("hidden");
    await page.getByRole("button", { name: "Save layout" }).click();
    await expect(page.getByText("Layout saved.")).toBeVisible();
    await expect(page.locator('[data-fields="hidden"] [data-field="probability"]')).toHaveCount(1);
    await page.getByRole("button", { name: "Reset to the common layout" }).click();
    await expect(page.getByText("Your layout now follows the common one.")).toBeVisible();
  });
});

test("a card section is edited on its own; a save that comes second says who changed it and offers to reload", async ({ page, context }) => {
  const url = await createDeal(page, uniqueTitle("Section edit"));
  await page.goto(url);
  await page.getByRole("link", { name: "Edit More" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Edit More");
  // Only the section's fields: no title, no amount.
  await expect(page.getByLabel("Title")).toHaveCount(0);
  await expect(page.getByLabel("Amount")).toHaveCount(0);
  await page.getByLabel("Source", { exact: true }).selectOption({ label: "Partner" });

  // Meanwhile the same deal is saved from another tab.
  const other = await context.newPage();
  await other.goto(`${url}/edit`);
  await other.getByLabel("Title").fill(`${await other.getByLabel("Title").inputValue()} (renamed)`);
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByText("Deal saved.")).toBeVisible();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".alert[role=alert]")).toContainText("This deal was changed by Nguyễn Văn An");
  await page.getByRole("link", { name: "Reload the current values" }).click();
  await page.getByLabel("Source", { exact: true }).selectOption({ label: "Partner" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal saved.")).toBeVisible();
  await expect(page.getByTestId("deal-title")).toContainText("(renamed)");
  await expect(page.locator(".card-section").filter({ hasText: "Source information" })).toContainText("Partner");
});
