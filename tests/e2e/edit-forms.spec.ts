import { expect, test, type Locator, type Page } from "@playwright/test";
import { alertOf, uniqueTitle } from "./helpers";

/**
 * Edit forms that a client-side navigation takes from one record to another (a role in the
 * sidebar, "Edit" on another row, another pipeline's tab) must show the new record's own values
 * and write exactly those; after a save they show what was saved.
 */

/** What the form would send now: its fields as [name, value] pairs, React's own keys left out. */
function sent(form: Locator) {
  return form.evaluate((element) =>
    [...new FormData(element as HTMLFormElement)].filter(([name]) => !name.startsWith("$ACTION")).map(([name, value]) => [name, String(value)]),
  );
}

/** The form as a fresh page load shows it. */
async function freshState(page: Page, url: string, form: (page: Page) => Locator) {
  await page.goto(url);
  await expect(form(page)).toBeVisible();
  return sent(form(page));
}

/** The form shows exactly `expected` (waiting for the navigation's render to land). */
async function expectShows(form: Locator, expected: string[][]) {
  await expect.poll(() => sent(form)).toEqual(expected);
}

test.describe("edit forms follow the record they edit", () => {
  test("access permissions: another role in the sidebar shows its own rules and assignees, and saving writes only them", async ({ page }) => {
    const newRole = async (name: string) => {
      await page.goto("/settings/permissions");
      const form = page.getByRole("form", { name: "New role" });
      await form.getByLabel("Role name").fill(name);
      await form.getByRole("button", { name: "Create" }).click();
      await expect(page).toHaveURL(/role=\d+/);
      await expect(page.getByRole("heading", { name: `Rules of the role “${name}”` })).toBeVisible();
      return new URL(page.url()).searchParams.get("role")!;
    };
    const nameA = uniqueTitle("Role A");
    const nameB = uniqueTitle("Role B");
    const roleA = await newRole(nameA);
    const roleB = await newRole(nameB);
    const rules = (name: string) => (p: Page) => p.getByRole("form", { name: `Rules of the role “${name}”` });
    const assignees = (p: Page) => p.getByRole("form", { name: "Who has this role" });
    const urlA = `/settings/permissions?role=${roleA}`;
    const urlB = `/settings/permissions?role=${roleB}`;

    // A reads all deals of the first pipeline, and Vũ Quốc Huy has it; B starts with no access.
    await page.goto(urlA);
    await rules(nameA)(page).getByLabel("Bán hàng: Read", { exact: true }).selectOption("all");
    await rules(nameA)(page).getByRole("button", { name: "Save rules" }).click();
    await expect(rules(nameA)(page).getByRole("alert")).toHaveText("Rules saved.");
    await assignees(page).getByRole("checkbox", { name: "Vũ Quốc Huy" }).check();
    await assignees(page).getByRole("button", { name: "Save assignments" }).click();
    await expect(assignees(page).getByRole("alert")).toHaveText("Assignments saved.");

    const rulesA = await freshState(page, urlA, rules(nameA));
    const assigneesA = await sent(assignees(page));
    const rulesB = await freshState(page, urlB, rules(nameB));
    const assigneesB = await sent(assignees(page));

    // Changes on A, not saved; then B from the sidebar.
    await page.goto(urlA);
    await rules(nameA)(page).getByLabel("Projects: Add", { exact: true }).selectOption("own");
    await assignees(page).getByRole("checkbox", { name: "Đỗ Thị Mai" }).check();
    await page.getByRole("link", { name: nameB, exact: true }).click();
    await expect(page.getByRole("heading", { name: `Rules of the role “${nameB}”` })).toBeVisible();
    await expectShows(rules(nameB)(page), rulesB);
    await expectShows(assignees(page), assigneesB);

    // B saved as shown.
    await rules(nameB)(page).getByLabel("Bán hàng: Edit", { exact: true }).selectOption("own");
    const shownRules = await sent(rules(nameB)(page));
    await rules(nameB)(page).getByRole("button", { name: "Save rules" }).click();
    await expect(rules(nameB)(page).getByRole("alert")).toHaveText("Rules saved.");
    await assignees(page).getByRole("checkbox", { name: "Lê Hoàng Cường" }).check();
    const shownAssignees = await sent(assignees(page));
    await assignees(page).getByRole("button", { name: "Save assignments" }).click();
    await expect(assignees(page).getByRole("alert")).toHaveText("Assignments saved.");

    expect(await freshState(page, urlB, rules(nameB))).toEqual(shownRules);
    expect(await sent(assignees(page))).toEqual(shownAssignees);
    expect(await freshState(page, urlA, rules(nameA))).toEqual(rulesA);
    expect(await sent(assignees(page))).toEqual(assigneesA);

    for (const [role, name] of [
      [roleA, nameA],
      [roleB, nameB],
    ]) {
      await page.goto(`/settings/permissions?role=${role}&confirm=delete`);
      await page.locator(".confirm-delete").getByRole("button", { name: "Delete role" }).click();
      await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
    }
  });

  test("product catalogue: editing product B after A shows B's values and saves only B", async ({ page }) => {
    const create = async (values: { name: string; price: string; currency: string; unit: string; taxRate: string }) => {
      await page.goto("/settings/products");
      const form = page.getByRole("form", { name: "Add a product" });
      await form.getByLabel("Name").fill(values.name);
      await form.getByLabel("Price").fill(values.price);
      await form.getByLabel("Currency").selectOption(values.currency);
      await form.getByLabel("Unit").fill(values.unit);
      await form.getByLabel("Tax, %").fill(values.taxRate);
      await form.getByRole("button", { name: "Create product" }).click();
      await expect(page.getByText("Product created.")).toBeVisible();
    };
    const nameA = uniqueTitle("Product A");
    const nameB = uniqueTitle("Product B");
    await create({ name: nameA, price: "120.50", currency: "USD", unit: "box", taxRate: "5" });
    await create({ name: nameB, price: "2,000,000", currency: "VND", unit: "pcs", taxRate: "10" });

    const row = (name: string) => page.getByTestId("catalogue").getByRole("row").filter({ hasText: name });
    const idOf = async (name: string) => new URL((await row(name).getByRole("link", { name: "Edit" }).getAttribute("href"))!, "http://x").searchParams.get("edit")!;
    const urlA = `/settings/products?edit=${await idOf(nameA)}`;
    const urlB = `/settings/products?edit=${await idOf(nameB)}`;
    const editForm = (name: string) => (p: Page) => p.getByRole("form", { name: `Edit: ${name}` });
    const productA = await freshState(page, urlA, editForm(nameA));
    const productB = await freshState(page, urlB, editForm(nameB));

    await page.goto(urlA);
    await editForm(nameA)(page).getByLabel("Price").fill("999");
    await row(nameB).getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: `Edit: ${nameB}` })).toBeVisible();
    await expectShows(editForm(nameB)(page), productB);

    await editForm(nameB)(page).getByLabel("Unit").fill("set");
    const shown = await sent(editForm(nameB)(page));
    await editForm(nameB)(page).getByRole("button", { name: "Save product" }).click();
    await expect(page.getByText("Product saved.")).toBeVisible();
    expect(await freshState(page, urlB, editForm(nameB))).toEqual(shown);
    expect(await freshState(page, urlA, editForm(nameA))).toEqual(productA);
  });

  test("custom fields: editing field B after A shows B's settings and saves only B", async ({ page }) => {
    const create = async (label: string, target: string) => {
      await page.goto("/settings/fields");
      const form = page.getByRole("form", { name: "Add a field" });
      await form.getByLabel("Name", { exact: true }).fill(label);
      await form.getByLabel("Type", { exact: true }).selectOption({ label: "CRM record" });
      await form.getByLabel("Links to (CRM record)").selectOption(target);
      await form.getByRole("button", { name: "Create field" }).click();
      await expect(page.getByText("Field created.")).toBeVisible();
    };
    const labelA = uniqueTitle("Field A");
    const labelB = uniqueTitle("Field B");
    await create(labelA, "deal");
    await create(labelB, "company");

    const row = (label: string) => page.getByTestId("custom-fields").getByRole("row").filter({ hasText: label });
    const idOf = async (label: string) => new URL((await row(label).getByRole("link", { name: "Edit" }).getAttribute("href"))!, "http://x").searchParams.get("edit")!;
    const urlA = `/settings/fields?edit=${await idOf(labelA)}`;
    const urlB = `/settings/fields?edit=${await idOf(labelB)}`;
    const editForm = (label: string) => (p: Page) => p.getByRole("form", { name: `Edit: ${label}` });
    const fieldA = await freshState(page, urlA, editForm(labelA));
    const fieldB = await freshState(page, urlB, editForm(labelB));

    await page.goto(urlA);
    await editForm(labelA)(page).getByLabel("Name", { exact: true }).fill("Not saved");
    await editForm(labelA)(page).getByLabel("In the list's filter").check();
    await row(labelB).getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: `Edit: ${labelB}` })).toBeVisible();
    await expectShows(editForm(labelB)(page), fieldB);

    await editForm(labelB)(page).getByLabel("Sort").fill("250");
    const shown = await sent(editForm(labelB)(page));
    await editForm(labelB)(page).getByRole("button", { name: "Save field" }).click();
    await expect(page.getByText("Field saved.")).toBeVisible();
    expect(await freshState(page, urlB, editForm(labelB))).toEqual(shown);
    expect(await freshState(page, urlA, editForm(labelA))).toEqual(fieldA);

    for (const label of [labelA, labelB]) {
      await row(label).getByRole("link", { name: "Delete field" }).click();
      await page.getByRole("form", { name: "Delete field" }).getByRole("button", { name: "Delete field" }).click();
      await expect(page.getByText("Field deleted.")).toBeVisible();
      await expect(row(label)).toHaveCount(0);
    }
  });

  test("card layout: another pipeline's tab shows its own layout; a saved new section leaves the new-section input empty", async ({ page }) => {
    await page.goto("/deals/layout?scope=personal");
    const tabs = page.getByRole("navigation", { name: "Card layout" });
    const pipelineOf = async (name: string) => new URL((await tabs.getByRole("link", { name }).getAttribute("href"))!, "http://x").searchParams.get("pipeline")!;
    const urlA = `/deals/layout?pipeline=${await pipelineOf("Bán hàng")}&scope=personal`;
    const urlB = `/deals/layout?pipeline=${await pipelineOf("Projects")}&scope=personal`;
    const form = (p: Page) => p.getByRole("form", { name: "Card layout" });
    const layoutA = await freshState(page, urlA, form);
    const layoutB = await freshState(page, urlB, form);

    await page.goto(urlA);
    await form(page).getByLabel("Section 1: Name").fill("Not saved");
    await form(page).getByLabel("Probability, %: Section").selectOption({ label: "Hidden" });
    await tabs.getByRole("link", { name: "Projects" }).click();
    await expect(page.getByRole("heading", { name: "Card layout: Projects" })).toBeVisible();
    await expectShows(form(page), layoutB);

    await form(page).getByLabel("Section 1: Name").fill("Projects first");
    await form(page).getByLabel("New section: Name").fill("Projects extra");
    await form(page).getByRole("button", { name: "Save layout" }).click();
    await expect(page.getByText("Layout saved.")).toBeVisible();
    // The new section is now a section of the layout, and the input for another one is empty again.
    await expect(form(page).getByLabel("New section: Name")).toHaveValue("");
    const shown = await sent(form(page));
    expect(shown).toContainEqual(["section.0.name", "Projects first"]);
    expect(await freshState(page, urlB, form)).toEqual(shown);
    expect(await freshState(page, urlA, form)).toEqual(layoutA);

    await page.goto(urlB);
    await page.getByRole("button", { name: "Reset to the common layout" }).click();
    await expect(page.getByText("Your layout now follows the common one.")).toBeVisible();
  });

  test("stages: another pipeline's editor starts with an empty add form, and the stage is added there only", async ({ page }) => {
    await page.goto("/deals/kanban/stages");
    const pipelines = page.getByRole("navigation", { name: "Pipeline" });
    const pipelineOf = async (name: string) => new URL((await pipelines.getByRole("link", { name }).getAttribute("href"))!, "http://x").searchParams.get("pipeline")!;
    const urlA = `/deals/kanban/stages?pipeline=${await pipelineOf("Bán hàng")}`;
    const urlB = `/deals/kanban/stages?pipeline=${await pipelineOf("Projects")}`;
    const addForm = (p: Page) => p.getByRole("form", { name: "Add a stage" });
    const emptyB = await freshState(page, urlB, addForm);

    await page.goto(urlA);
    await addForm(page).getByLabel("Name").fill("Not saved");
    await addForm(page).getByLabel("Kind").selectOption({ label: "Lost" });
    await pipelines.getByRole("link", { name: "Projects" }).click();
    await expect(page.getByRole("heading", { name: "Stages of Projects" })).toBeVisible();
    await expectShows(addForm(page), emptyB);

    const name = uniqueTitle("Review");
    await addForm(page).getByLabel("Name").fill(name);
    await addForm(page).getByRole("button", { name: "Add a stage" }).click();
    await expect(alertOf(page).filter({ hasText: `Stage “${name}” added.` })).toBeVisible();
    const stageForm = page.getByRole("form", { name, exact: true });
    await page.goto(urlB);
    await expect(stageForm.getByLabel("Name")).toHaveValue(name);
    await page.goto(urlA);
    await expect(stageForm).toHaveCount(0);

    await page.goto(urlB);
    await page.getByRole("form", { name: `Delete ${name}`, exact: true }).getByRole("button", { name: "Delete" }).click();
    await expect(stageForm).toHaveCount(0);
  });

  test("currency rates: a refused rate stays as typed; a saved one is shown as it was stored", async ({ page }) => {
    const form = (p: Page) => p.getByRole("form", { name: "Currency rates" });
    await page.goto("/settings");
    const before = await form(page).getByLabel("1 USD =").inputValue();
    await form(page).getByLabel("1 USD =").fill("26,1x");
    await form(page).getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page)).toContainText("Enter a positive number");
    await expect(form(page).getByLabel("1 USD =")).toHaveValue("26,1x");

    await form(page).getByLabel("1 USD =").fill("26,100");
    await form(page).getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page).filter({ hasText: "Currency rates saved." })).toBeVisible();
    const shown = await sent(form(page));
    expect(shown).toContainEqual(["rate_USD", "26100"]);
    expect(await freshState(page, "/settings", form)).toEqual(shown);

    await form(page).getByLabel("1 USD =").fill(before);
    await form(page).getByRole("button", { name: "Save" }).click();
    await expect(alertOf(page).filter({ hasText: "Currency rates saved." })).toBeVisible();
  });
});
