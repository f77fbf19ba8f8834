import { expect, test, type Page } from "@playwright/test";
import { alertOf, openSession, SELLER, uniqueTitle } from "./helpers";

const PIPELINES = ["Bán hàng", "Projects"];

async function openSalesPersonRules(page: Page) {
  await page.goto("/settings/permissions");
  await page.getByRole("link", { name: "Nhân viên kinh doanh" }).click();
  await expect(page.getByRole("heading", { name: "Rules of the role “Nhân viên kinh doanh”" })).toBeVisible();
}

test("in Vietnamese at 1440×900 the rules table fits without a sideways scroll", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().addCookies([{ name: "locale", value: "vi", url: baseURL! }]);
  await page.goto("/settings/permissions");
  await page.getByRole("link", { name: "Nhân viên kinh doanh" }).click();
  await expect(page.getByRole("heading", { name: /Nhân viên kinh doanh/ })).toBeVisible();
  const scrolls = page.locator(".table-scroll");
  expect(await scrolls.count()).toBeGreaterThan(0);
  for (const fits of await scrolls.evaluateAll((els) => els.map((el) => el.scrollWidth <= el.clientWidth))) expect(fits).toBe(true);
});

async function saveRules(page: Page) {
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(alertOf(page)).toHaveText("Rules saved.");
}

test("an admin restricts sales people to their own deals and forbids WON; the rule holds everywhere", async ({ page, browser }) => {
  // An open deal of someone else: visible to sales people until the restriction.
  await page.goto("/deals/new");
  const othersTitle = uniqueTitle("Lan's open deal");
  await page.getByLabel("Title").fill(othersTitle);
  await page.getByLabel("Responsible").selectOption({ label: "Đặng Thu Lan" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();
  const othersUrl = page.url().replace(/\?.*$/, "");
  // And one of Đức's own (other tests may have handed his deals to someone else).
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill(uniqueTitle("Đức's private deal"));
  await page.getByLabel("Responsible").selectOption({ label: "Phạm Minh Đức" });
  await page.getByLabel("Available to everyone").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Deal created.")).toBeVisible();

  await openSalesPersonRules(page);
  for (const pipeline of PIPELINES) await page.getByLabel(`${pipeline}: Read`, { exact: true }).selectOption("own");
  const sales = page.getByRole("region", { name: "Bán hàng" });
  await sales.getByRole("radio", { name: "only the stages chosen" }).check();
  await sales.getByLabel("May move deals to (Bán hàng): only the stages chosen").selectOption([
    { label: "Mới" },
    { label: "Chuẩn bị tài liệu" },
    { label: "Hóa đơn tạm ứng" },
    { label: "Đang thực hiện" },
    { label: "Hóa đơn cuối" },
    { label: "Thất bại" },
  ]);
  await saveRules(page);
  await page.getByRole("link", { name: "Change log" }).click();
  await expect(page.getByTestId("permission-log")).toContainText("changed the rules of Nhân viên kinh doanh");

  const seller = await openSession(browser, SELLER);
  await seller.goto("/deals");
  // The list shows only deals Phạm Minh Đức is responsible for.
  const responsible = seller.locator('tbody tr td[data-label="Responsible"]');
  await expect(responsible.first()).toBeVisible();
  expect(new Set(await responsible.allTextContents())).toEqual(new Set(["Phạm Minh Đức"]));
  expect((await seller.goto(othersUrl))?.status()).toBe(404);

  // His own new deal may move to "Chuẩn bị tài liệu" but not to WON.
  await seller.goto("/deals/new");
  await seller.getByLabel("Title").fill(uniqueTitle("Đức's deal"));
  await seller.getByRole("button", { name: "Save" }).click();
  await expect(seller.getByText("Deal created.")).toBeVisible();
  await seller.getByRole("link", { name: "Edit", exact: true }).click();
  await seller.getByLabel("Pipeline / Stage").selectOption({ label: "Bán hàng · Thành công" });
  await seller.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(seller)).toHaveText("You may not move deals to the stage “Thành công”.");
  await seller.getByLabel("Pipeline / Stage").selectOption({ label: "Bán hàng · Chuẩn bị tài liệu" });
  await seller.getByRole("button", { name: "Save" }).click();
  await expect(seller.getByText("Deal saved.")).toBeVisible();

  // The settings pages are not his.
  expect((await seller.goto("/settings/permissions"))?.status()).toBe(404);
  await seller.context().close();

  // Put the defaults back for anything that runs after.
  await openSalesPersonRules(page);
  for (const pipeline of PIPELINES) await page.getByLabel(`${pipeline}: Read`, { exact: true }).selectOption("open");
  await page.getByRole("region", { name: "Bán hàng" }).getByRole("radio", { name: "any stage" }).check();
  await saveRules(page);
});

test("roles can be created by cloning, renamed and deleted; departments edited", async ({ page }) => {
  await page.goto("/settings/permissions");
  const name = uniqueTitle("Interns");
  await page.getByLabel("Role name").first().fill(name);
  await page.getByLabel("Start from the rules of").selectOption({ label: "Chỉ xem" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Role created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: `Rules of the role “${name}”` })).toBeVisible();
  await expect(page.getByLabel("Bán hàng: Read", { exact: true })).toHaveValue("all");
  await expect(page.getByLabel("Bán hàng: Edit", { exact: true })).toHaveValue("none");

  const renameForm = page.getByRole("form", { name: "Rename" });
  await renameForm.getByLabel("Role name").fill("Trưởng phòng kinh doanh");
  await renameForm.getByRole("button", { name: "Rename" }).click();
  await expect(alertOf(page)).toContainText("A role with this name exists already.");
  await expect(renameForm.getByLabel("Role name")).toHaveValue("Trưởng phòng kinh doanh");
  await renameForm.getByLabel("Role name").fill(`${name} 2`);
  await renameForm.getByRole("button", { name: "Rename" }).click();
  await expect(alertOf(page)).toHaveText("Role renamed.");

  await page.getByRole("link", { name: "Delete role" }).click();
  await page.locator("form.confirm-delete").getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByText("Role deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: `${name} 2` })).toHaveCount(0);

  await page.getByRole("link", { name: "Departments" }).click();
  const add = page.getByRole("form", { name: "Add department" });
  await add.getByLabel("Name").fill("Đà Nẵng");
  await add.getByLabel("Parent department").selectOption({ label: "— Khối kinh doanh" });
  await add.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Department created.")).toBeVisible();
  const danang = page.getByRole("form", { name: "Đà Nẵng" });
  await danang.getByLabel("Head").selectOption({ label: "Lê Hoàng Cường" });
  await danang.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toHaveText("Department saved.");
});
