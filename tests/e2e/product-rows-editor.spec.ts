import { expect, test, type Page } from "@playwright/test";
import { createDeal, uniqueTitle } from "./helpers";

/**
 * The product rows editor as a person uses it: a catalogue product fills its price (converted to
 * the deal's currency), unit and tax at once; totals follow the typing; rows are added and
 * removed in place; what is saved is the server's result, the same figures.
 */
let product: string;
/** The product's $100 in đồng at the org's rate when the tests run (another test may have changed it). */
let price: number;
const vnd = (n: number) => `₫${n.toLocaleString("en-US")}`;
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto("/settings");
  const rate = Number((await page.getByRole("form", { name: "Currency rates" }).getByLabel("1 USD =").inputValue()).replace(/,/g, ""));
  expect(Number.isInteger(rate) && rate > 0).toBe(true);
  price = 100 * rate;
  product = uniqueTitle("Editor switch");
  await page.goto("/settings/products");
  const form = page.getByRole("form", { name: "Add a product" });
  await form.getByLabel("Name").fill(product);
  await form.getByLabel("Price").fill("100");
  await form.getByLabel("Currency").selectOption("USD");
  await form.getByLabel("Unit").fill("box");
  await form.getByLabel("Tax, %").fill("10");
  await form.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created.")).toBeVisible();
  await page.close();
});

const at = (page: Page, n: number, what: string) => page.getByLabel(`Row ${n}: ${what}`, { exact: true });
const rows = (page: Page) => page.getByTestId("product-row");

test("at 1440×900: a product fills its row, totals follow the typing, rows come and go in place, and the saved totals are the ones shown", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const url = await createDeal(page, uniqueTitle("Editor deal"), { amount: "0" });
  await page.goto(`${url}/products`);
  await expect(rows(page)).toHaveCount(3);

  // $100 at the org's rate.
  await at(page, 1, "From the catalogue").selectOption({ label: product });
  await expect(at(page, 1, "Name")).toHaveValue(product);
  await expect(at(page, 1, "Price")).toHaveValue(String(price));
  await expect(at(page, 1, "Unit")).toHaveValue("box");
  await expect(at(page, 1, "Tax, %")).toHaveValue("10");
  await at(page, 1, "Quantity").fill("3");
  // 3 × price, and 10 % tax on it.
  await expect(rows(page).nth(0).getByTestId("row-total")).toHaveText(vnd((33 * price) / 10));
  await expect(page.getByTestId("editor-gross")).toHaveText(vnd((33 * price) / 10));

  // A fourth row, added without leaving the page; a blank one removed.
  const path = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add a row" }).click();
  await expect(rows(page)).toHaveCount(4);
  await at(page, 4, "Name").fill("Lắp đặt");
  await at(page, 4, "Price").fill("500,000");
  await expect(page.getByTestId("editor-net")).toHaveText(vnd(3 * price + 500_000));
  await expect(page.getByTestId("editor-tax")).toHaveText(vnd((3 * price) / 10));
  await expect(page.getByTestId("editor-gross")).toHaveText(vnd((33 * price) / 10 + 500_000));
  await page.getByRole("button", { name: "Row 2: Remove" }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId("editor-gross")).toHaveText(vnd((33 * price) / 10 + 500_000));
  expect(new URL(page.url()).pathname).toBe(path);

  // A price that is not a number yet: no total pretends otherwise.
  await at(page, 3, "Price").fill("5x");
  await expect(page.getByTestId("editor-gross")).toHaveText("—");
  await at(page, 3, "Price").fill("500,000");

  // The table fits the desktop without a sideways scroll.
  expect(await page.locator(".table-scroll").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.getByLabel("The deal amount follows the products").check();
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(page.getByText("Products saved.")).toBeVisible();
  await expect(page.getByTestId("total-gross")).toHaveText(vnd((33 * price) / 10 + 500_000));
  await expect(page.locator(".sub .amount")).toHaveText(vnd((33 * price) / 10 + 500_000));
});

test.describe("on a phone (375×812)", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

  test("each row is a stacked card; a product fills it and its total shows", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("Editor phone"), { amount: "0" });
    await page.goto(`${url}/products`);
    await at(page, 1, "From the catalogue").selectOption({ label: product });
    await expect(at(page, 1, "Price")).toHaveValue(String(price));
    await expect(rows(page).nth(0).getByTestId("row-total")).toHaveText(vnd((11 * price) / 10));
    await expect(page.locator(".product-editor thead")).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.locator(".table-scroll").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.getByRole("button", { name: "Add a row" }).tap();
    await expect(rows(page)).toHaveCount(4);
    await page.getByRole("button", { name: "Save products" }).tap();
    await expect(page.getByText("Products saved.")).toBeVisible();
    await expect(page.getByTestId("total-gross")).toHaveText(vnd((11 * price) / 10));
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain form fills the price from the catalogue on the server and removes a row by its checkbox", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("Editor plain"), { amount: "0" });
    await page.goto(`${url}/products`);
    await at(page, 1, "From the catalogue").selectOption({ label: product });
    await at(page, 2, "Name").fill("Lắp đặt");
    await at(page, 2, "Price").fill("500,000");
    await page.getByRole("button", { name: "Save products" }).click();
    await expect(page.getByTestId("total-gross")).toHaveText(vnd((11 * price) / 10 + 500_000));
    await page.goto(`${url}/products`);
    await expect(at(page, 1, "Price")).toHaveValue(String(price));
    await at(page, 2, "Remove").check();
    await page.getByRole("button", { name: "Save products" }).click();
    await expect(page.getByTestId("total-gross")).toHaveText(vnd((11 * price) / 10));
  });
});
