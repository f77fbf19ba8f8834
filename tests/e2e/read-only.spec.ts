import { expect, test } from "@playwright/test";
import { ACCOUNTANT, alertOf, openSession } from "./helpers";
import { sessionOf } from "./sessions";

test.describe("as Ngô Minh Khoa, chief accountant (Read-only role)", () => {
  test.use({ storageState: sessionOf(ACCOUNTANT) });

  test("a read-only user is offered nothing that would be refused: no add, import, bulk, edit, move or delete", async ({ page }) => {
    await page.goto("/deals");
    await expect(page.getByRole("row").nth(1)).toBeVisible();
    await expect(page.getByRole("link", { name: "Add deal" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Import deals" })).toHaveCount(0);
    await expect(page.locator('input[name="ids[]"]')).toHaveCount(0);
    await expect(page.locator(".row-actions a")).toHaveCount(0);

    const first = page.getByRole("row").nth(1).getByRole("link").first();
    const title = await first.textContent();
    await first.click();
    await expect(page.getByTestId("deal-title")).toHaveText(title!);
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Delete", exact: true })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Comment", exact: true })).toHaveCount(0);

    await page.goto("/deals/kanban");
    await expect(page.getByTestId("board-card").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Add deal" })).toHaveCount(0);
    await expect(page.locator(".board-card.movable")).toHaveCount(0);
    await expect(page.getByTestId("board-card").first().locator("summary", { hasText: "Move" })).toHaveCount(0);
    await expect(page.getByTestId("board-card").first().getByRole("checkbox")).toHaveCount(0);

    for (const path of ["/deals/new", "/deals/import"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
  });
});

test("client rights: an administrator takes phones and e-mails away from a role; its users' searches no longer show them", async ({ page, browser }) => {
  await page.goto("/settings/permissions");
  await page.getByRole("link", { name: "Chỉ xem" }).click();
  // The administrator's rules show the same controls: act only once the role's own are shown.
  await expect(page.getByRole("heading", { name: "Rules of the role “Chỉ xem”" })).toBeVisible();
  const details = page.getByLabel("May see their phones and e-mails");
  await expect(page.getByLabel("May create companies and contacts")).not.toBeChecked();
  await expect(details).toBeChecked();
  await details.uncheck();
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(alertOf(page)).toHaveText("Rules saved.");

  const accountant = await openSession(browser, ACCOUNTANT);
  const hits = (await (await accountant.request.get("/clients/search?kind=company&q=c")).json()) as { label: string; detail: string | null }[];
  expect(hits.length).toBeGreaterThan(0);
  expect(hits.every((h) => h.detail === null)).toBe(true);
  await accountant.context().close();

  const adminHits = (await (await page.request.get("/clients/search?kind=company&q=c")).json()) as { detail: string | null }[];
  expect(adminHits.some((h) => h.detail !== null)).toBe(true);
  await page.goto("/settings/permissions");
  await page.getByRole("link", { name: "Chỉ xem" }).click();
  // The administrator's rules show the same controls: act only once the role's own are shown.
  await expect(page.getByRole("heading", { name: "Rules of the role “Chỉ xem”" })).toBeVisible();
  await page.getByLabel("May see their phones and e-mails").check();
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(alertOf(page)).toHaveText("Rules saved.");
});
