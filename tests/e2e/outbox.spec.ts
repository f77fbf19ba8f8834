import { expect, test } from "@playwright/test";
import { alertOf, SELLER, openSession } from "./helpers";

// Files run in name order: this one comes before those that send e-mail (quotes-invoices, robots-story).
test("an administrator opens Settings → Outbox, sees it empty, and sets the org's sender", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/settings\/outbox$/);
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(page.getByTestId("outbox-empty")).toHaveText("No messages yet. E-mails and SMS that robots send will be listed here.");

  const sender = page.getByRole("form", { name: "Sender of e-mails" });
  await sender.getByLabel("From").fill("sales at saomai.vn");
  await sender.getByRole("button", { name: "Save" }).click();
  await expect(sender.getByText("Enter an address, e.g. sales@company.vn or Company <sales@company.vn>.")).toBeVisible();
  await sender.getByLabel("From").fill("Công ty Sao Mai <sales@saomai.vn>");
  await sender.getByLabel("Reply-to").fill("hotro@saomai.vn");
  await sender.getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toHaveText("Sender saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Sender of e-mails" }).getByLabel("From")).toHaveValue("Công ty Sao Mai <sales@saomai.vn>");
  // Back to the default for whatever runs after.
  await page.getByRole("form", { name: "Sender of e-mails" }).getByLabel("From").fill("");
  await page.getByRole("form", { name: "Sender of e-mails" }).getByLabel("Reply-to").fill("");
  await page.getByRole("form", { name: "Sender of e-mails" }).getByRole("button", { name: "Save" }).click();
  await expect(alertOf(page)).toHaveText("Sender saved.");

  // In Vietnamese too.
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { name: "Hộp thư đi", level: 1 })).toBeVisible();
  await expect(page.getByTestId("outbox-empty")).toHaveText("Chưa có tin nhắn nào. E-mail và SMS do robot gửi sẽ hiện ở đây.");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
});

test("a sales person has no outbox: not in the settings, and a 404 at its address", async ({ browser }) => {
  const page = await openSession(browser, SELLER);
  await page.goto("/settings");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" })).toHaveCount(0);
  expect((await page.goto("/settings/outbox"))?.status()).toBe(404);
  expect((await page.goto("/settings/outbox/1"))?.status()).toBe(404);
});
