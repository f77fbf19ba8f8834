import { expect, test } from "@playwright/test";
import { uniqueTitle } from "./helpers";

test("clients are found without diacritics, created on the spot, and reachable from the card", async ({ page }) => {
  await page.goto("/deals/new");
  const title = uniqueTitle("Picker deal");
  await page.getByLabel("Title").fill(title);

  // A company created from the picker, with a phone.
  const companyName = uniqueTitle("Công ty Đông Á");
  const company = page.getByRole("combobox", { name: "Company", exact: true });
  await company.fill(companyName);
  await page.getByRole("option", { name: `Create “${companyName}”` }).click();
  await page.getByRole("group", { name: "New company" }).getByLabel("Phone").fill("028 3822 1234");
  await page.getByRole("group", { name: "New company" }).getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("button", { name: `Remove ${companyName}` })).toBeVisible();

  // A contact found by typing without diacritics; then a second one created with an e-mail.
  const contacts = page.getByRole("combobox", { name: "Contacts", exact: true });
  await contacts.fill("nguyen");
  const found = page.getByRole("listbox", { name: "Contacts" }).getByRole("option").first();
  await expect(found).toContainText(/Nguyễn/);
  const foundName = (await found.textContent())!.split("·")[0]!.trim();
  await found.click();
  await contacts.fill("Trần Minh Tú");
  await page.getByRole("option", { name: "Create “Trần Minh Tú”" }).click();
  const newContact = page.getByRole("group", { name: "New contact" });
  await expect(newContact.getByLabel("Family name")).toHaveValue("Trần Minh");
  await newContact.getByLabel("E-mail").fill("not-an-email");
  await newContact.getByRole("button", { name: "Create" }).click();
  await expect(newContact.getByRole("alert")).toBeVisible();
  await newContact.getByLabel("E-mail").fill("tu.tran@example.vn");
  await newContact.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("button", { name: "Remove Trần Minh Tú" })).toBeVisible();

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();
  await expect(page.getByRole("link", { name: "028 3822 1234" })).toHaveAttribute("href", "tel:02838221234");
  await expect(page.getByRole("link", { name: "tu.tran@example.vn" })).toHaveAttribute("href", "mailto:tu.tran@example.vn");
  await expect(page.locator(".deal-card")).toContainText(foundName);
  await expect(page.locator(".deal-card")).toContainText(companyName);
});
