import { expect, test, type Page } from "@playwright/test";
import { alertOf, createDeal, uniqueTitle } from "./helpers";

async function fillRow(page: Page, n: number, values: { product?: string; name?: string; price?: string; quantity?: string; discount?: string; discountType?: string; tax?: string; included?: boolean }) {
  const at = (what: string) => page.getByLabel(`Row ${n}: ${what}`, { exact: true });
  if (values.product) await at("From the catalogue").selectOption({ label: values.product });
  if (values.name) await at("Name").fill(values.name);
  if (values.price) await at("Price").fill(values.price);
  if (values.quantity) await at("Quantity").fill(values.quantity);
  if (values.discount) await at("Discount").fill(values.discount);
  if (values.discountType) await at("Discount type").selectOption({ label: values.discountType });
  if (values.tax) await at("Tax, %").fill(values.tax);
  if (values.included) await at("Tax included in the price").check();
}

test("products with discount and tax give the expected totals in VND, and the amount follows them", async ({ page }) => {
  const name = uniqueTitle("Router");
  await page.goto("/settings/products");
  const form = page.getByRole("form", { name: "Add a product" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Price").fill("1,234,567");
  await form.getByLabel("Tax, %").fill("10");
  await form.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created.")).toBeVisible();
  await expect(page.getByTestId("catalogue")).toContainText(name);

  const url = await createDeal(page, uniqueTitle("Products VND"));
  await page.goto(url);
  await page.getByRole("navigation", { name: "Deal sections" }).getByRole("link", { name: "Products" }).click();
  await page.getByRole("link", { name: "Edit products" }).click();
  await fillRow(page, 1, { product: name, quantity: "3", discount: "10" });
  await fillRow(page, 2, { name: "Lắp đặt", price: "500,000", quantity: "1" });
  await page.getByLabel("The deal amount follows the products").check();
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(page.getByText("Products saved.")).toBeVisible();
  // 3 × (1,234,567 − 10%) = 3,333,331; VAT 333,333; plus 500,000 without tax.
  await expect(page.getByTestId("total-net")).toHaveText("₫3,833,331");
  await expect(page.getByTestId("total-tax")).toHaveText("₫333,333");
  await expect(page.getByTestId("total-gross")).toHaveText("₫4,166,664");
  await expect(page.locator(".sub .amount")).toHaveText("₫4,166,664");
  await page.getByRole("navigation", { name: "Deal sections" }).getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("history")).toContainText(`Products: — → ${name} × 3 pcs; Lắp đặt × 1 pcs`);
  await page.goto(`${url}?tab=products`);

  // A bad row is refused with its number, and nothing changes.
  await page.getByRole("link", { name: "Edit products" }).click();
  await page.getByLabel("Row 2: Quantity", { exact: true }).fill("-2");
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(alertOf(page)).toContainText("Row 2: Enter a quantity above zero");
  await page.goto(`${url}?tab=products`);
  await expect(page.getByTestId("total-gross")).toHaveText("₫4,166,664");

  // "Copy deal" brings the product rows along.
  await page.goto(`/deals/new?copy=${url.split("/").pop()}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();
  expect(page.url()).not.toContain(url);
  await page.goto(`${page.url().replace(/\?.*$/, "")}?tab=products`);
  await expect(page.getByTestId("product-rows")).toContainText(name);
  await expect(page.getByTestId("total-gross")).toHaveText("₫4,166,664");
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });
  test("USD rows with an amount off and the tax included, from the plain form", async ({ page }) => {
    const url = await createDeal(page, uniqueTitle("Products USD"), { amount: "0" });
    await page.goto(`${url}/edit`);
    await page.getByLabel("Currency", { exact: true }).selectOption("USD");
    await page.getByRole("button", { name: "Save" }).click();
    await page.goto(`${url}/products`);
    await fillRow(page, 1, { name: "Support hours", price: "19.99", quantity: "2.5", discount: "5", discountType: "per unit", tax: "8", included: true });
    await page.getByRole("button", { name: "Save products" }).click();
    // 2.5 × (19.99 − 5) = 37.48 with tax; net 34.70, tax 2.78.
    await expect(page.getByTestId("total-net")).toHaveText("$34.70");
    await expect(page.getByTestId("total-tax")).toHaveText("$2.78");
    await expect(page.getByTestId("total-gross")).toHaveText("$37.48");
  });
});

test("a deal's first products make its amount by default; an amount typed by hand that differs is pointed out", async ({ page }) => {
  const url = await createDeal(page, uniqueTitle("First rows"), { amount: "1,500,000" });
  await page.goto(`${url}/products`);
  await expect(page.getByLabel("The deal amount follows the products")).toBeChecked();
  await fillRow(page, 1, { name: "Camera IP", price: "24,267,500", quantity: "1" });
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(page.getByText("Products saved.")).toBeVisible();
  await expect(page.locator(".sub .amount")).toHaveText("₫24,267,500");
  await expect(page.getByTestId("amount-differs")).toHaveCount(0);

  // Typed by hand from now on: the rows change, the amount does not, and the card says so.
  await page.goto(`${url}/products`);
  await page.getByLabel("The deal amount follows the products").uncheck();
  await page.getByLabel("Row 1: Quantity", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(page.getByText("Products saved.")).toBeVisible();
  await expect(page.locator(".sub .amount")).toHaveText("₫24,267,500");
  await expect(page.getByTestId("amount-differs")).toContainText("₫48,535,000");
});

test("sections of the catalogue: renamed one after the other, a product placed in one, and the products report adds up per section with a link to its won deals", async ({ page }) => {
  const first = uniqueTitle("Camera");
  const second = uniqueTitle("Dịch vụ");
  await page.goto("/settings/products");
  const add = page.getByRole("form", { name: "Add a section" });
  for (const name of [first, second]) {
    await add.getByLabel("Section name").fill(name);
    await add.getByRole("button", { name: "Create section" }).click();
    await expect(page.getByText("Section created.")).toBeVisible();
  }
  // Two sections' forms on one page: renaming the second leaves the first as it was renamed.
  await page.goto("/settings/products#sections");
  await page.getByRole("textbox", { name: `Rename section ${first}`, exact: true }).fill(`${first} IP`);
  await page.getByRole("form", { name: `Rename section ${first}` }).getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Section renamed.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: `Rename section ${first} IP`, exact: true })).toHaveValue(`${first} IP`);
  await page.getByRole("textbox", { name: `Rename section ${second}`, exact: true }).fill(`${second} lắp đặt`);
  await page.getByRole("form", { name: `Rename section ${second}` }).getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("textbox", { name: `Rename section ${second} lắp đặt`, exact: true })).toHaveValue(`${second} lắp đặt`);
  await expect(page.getByRole("textbox", { name: `Rename section ${first} IP`, exact: true })).toHaveValue(`${first} IP`);
  // A name taken whatever its case is refused, and what was typed stays.
  await add.getByLabel("Section name").fill(`${first} ip`.toUpperCase());
  await add.getByRole("button", { name: "Create section" }).click();
  await expect(add.getByText(/There is already a section named/).first()).toBeVisible();

  const product = uniqueTitle("Camera Dome");
  const form = page.getByRole("form", { name: "Add a product" });
  await form.getByLabel("Name").fill(product);
  await form.getByLabel("Price").fill("2,000,000");
  await form.getByLabel("Section").selectOption({ label: `${first} IP` });
  await form.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created.")).toBeVisible();
  await expect(page.getByTestId("catalogue").getByRole("row").filter({ hasText: product })).toContainText(`${first} IP`);

  const url = await createDeal(page, uniqueTitle("Won with a section"), { stage: "Bán hàng · Thành công" });
  await page.goto(url);
  await page.getByRole("navigation", { name: "Deal sections" }).getByRole("link", { name: "Products" }).click();
  await page.getByRole("link", { name: "Edit products" }).click();
  await fillRow(page, 1, { product, quantity: "2" });
  await page.getByRole("button", { name: "Save products" }).click();
  await expect(page.getByText("Products saved.")).toBeVisible();

  await page.goto("/analytics/products");
  const sections = page.getByRole("region", { name: "By section of the catalogue" });
  const row = sections.getByRole("row").filter({ hasText: `${first} IP` });
  await expect(row).toContainText("₫4,000,000");
  await expect(page.getByRole("region", { name: "Best-selling products" }).getByRole("row").filter({ hasText: product })).toContainText(`${first} IP`);
  const csv = await (await page.request.get("/analytics/products/export?format=csv")).text();
  expect(csv.split("\n").find((line) => line.includes(product))).toContain(`${first} IP`);
  await row.getByRole("link", { name: `${first} IP` }).click();
  await expect(page).toHaveURL(/\/deals\?.*section=\d+/);
  await page.getByRole("link", { name: "Count all" }).click();
  await expect(page.getByText("1 deal matches")).toBeVisible();
  await page.getByRole("link", { name: "Filters", exact: true }).click();
  await expect(page.getByLabel("Only deals with a product of the catalogue section chosen in the report")).toBeChecked();
});
