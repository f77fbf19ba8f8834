import { expect, test, type Page } from "@playwright/test";
import { ADMIN, alertOf, createDeal, openSession, SELLER, uniqueTitle } from "./helpers";
import { SIGNED_OUT } from "./sessions";

async function createDocument(page: Page, dealUrl: string, kind: "quote" | "invoice") {
  await page.goto(`${dealUrl}?tab=${kind}s`);
  await page.getByRole("button", { name: kind === "quote" ? "Create quote" : "Create invoice" }).click();
  await expect(page).toHaveURL(/\/deals\/documents\/\d+\?notice=documentCreated$/);
  return page.url().replace(/\?.*$/, "");
}

async function recordPayment(page: Page, amount: string) {
  const form = page.getByRole("form", { name: "Record payment" });
  await form.getByLabel("Amount").fill(amount);
  await form.getByRole("button", { name: "Record payment" }).click();
}

test("deal → quote → sent → approved by the client through its link → invoice → two payments → paid", async ({ page, browser }) => {
  const title = uniqueTitle("Quote story");
  const dealUrl = await createDeal(page, title, { amount: "1,500,000" });
  const quoteUrl = await createDocument(page, dealUrl, "quote");
  await expect(page.getByTestId("document-title")).toHaveText(/^Quote BG-\d{4}-\d{4}$/);
  await expect(page.getByTestId("document-status")).toHaveText("Draft");
  await expect(page.getByTestId("amount-in-words")).toContainText("One million five hundred thousand dong");

  await page.getByRole("link", { name: "Send by e-mail" }).click();
  const send = page.getByRole("form", { name: "Send by e-mail" });
  await expect(send.getByLabel("To")).toHaveValue(/@example\.vn$/);
  await send.getByRole("button", { name: "Send with the PDF attached" }).click();
  await expect(page.getByText("The e-mail is on its way, with the PDF attached.")).toBeVisible();
  await expect(page.getByTestId("document-status")).toHaveText("Sent");

  await page.getByRole("button", { name: "Make a link for the client" }).click();
  const link = await page.getByTestId("public-link").inputValue();
  expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{32}$/);

  // The client: no account, another browser.
  const client = await (await browser.newContext({ storageState: SIGNED_OUT })).newPage();
  await client.goto(link);
  await expect(client.getByRole("heading", { level: 1 })).toContainText("Quote BG-");
  // The client reads the document, not the CRM: no link into it, no stage, no responsible.
  await expect(client.locator('a[href^="/deals"]')).toHaveCount(0);
  await expect(client.getByText("Nguyễn Văn An")).toHaveCount(0);
  const pdf = await client.request.get(`${link}/pdf`);
  expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  await client.getByLabel("Comment (optional)").fill("Đồng ý, xin giao trong tuần.");
  await client.getByRole("button", { name: "Approve the quote" }).click();
  await expect(client.getByText("Thank you. Your answer was sent: Approved.")).toBeVisible();
  await client.context().close();

  await page.goto(quoteUrl);
  await expect(page.getByTestId("document-status")).toHaveText("Approved");
  await page.getByRole("button", { name: "Make an invoice from this quote" }).click();
  await expect(page.getByTestId("document-title")).toHaveText(/^Invoice HD-\d{4}-\d{4}$/);
  await expect(page.getByTestId("document-status")).toHaveText("New");

  await recordPayment(page, "500,000");
  await expect(page.getByTestId("document-status")).toHaveText("Partly paid");
  await expect(page.getByTestId("balance")).toContainText("Balance: ₫1,000,000");
  await recordPayment(page, "1,000,001");
  await expect(alertOf(page)).toContainText("The payment is above the balance of ₫1,000,000.");
  await expect(page.getByRole("form", { name: "Record payment" }).getByLabel("Amount")).toHaveValue("1,000,001");
  await recordPayment(page, "1,000,000");
  await expect(page.getByTestId("document-status")).toHaveText("Paid");
  await expect(page.getByTestId("payments").locator("li")).toHaveCount(2);
  const invoicePdf = await page.request.get(`${page.url().replace(/\?.*$/, "")}/pdf`);
  expect(invoicePdf.headers()["content-type"]).toBe("application/pdf");

  await page.goto(`${dealUrl}?tab=history`);
  await expect(page.getByTestId("history")).toContainText("Quote");
  await page.goto("/deals/invoices?status=paid");
  await expect(page.getByTestId("document-list")).toContainText(title);
  await page.getByRole("link", { name: "Show the totals per currency" }).click();
  await expect(page.getByTestId("document-totals")).toContainText(/\d+ documents? · ₫/);
});

test("someone who may not read the deal gets a 404 for its documents and their PDFs; a wrong link says only that it is not valid", async ({ page, browser }) => {
  // Đặng Thu Lan works in TP.HCM; Phạm Minh Đức in Hà Nội: not his department.
  const dealUrl = await createDeal(page, uniqueTitle("Private quote"), { privateFor: "Đặng Thu Lan" });
  const quoteUrl = await createDocument(page, dealUrl, "quote");
  const seller = await openSession(browser, SELLER);
  expect((await seller.goto(quoteUrl))?.status()).toBe(404);
  expect((await seller.request.get(`${quoteUrl}/pdf`)).status()).toBe(404);
  expect((await seller.goto("/deals/documents/999999"))?.status()).toBe(404);
  await seller.goto("/deals/quotes");
  await expect(seller.getByText("Private quote")).toHaveCount(0);
  await seller.context().close();
  const stranger = await (await browser.newContext({ storageState: SIGNED_OUT })).newPage();
  await stranger.goto(`/p/${"A".repeat(32)}`);
  await expect(stranger.getByTestId("public-invalid")).toBeVisible();
  await expect(stranger).toHaveTitle("Document · Deals CRM");
  expect((await stranger.request.get(`/p/${"A".repeat(32)}/pdf`)).status()).toBe(404);
  expect((await stranger.request.get(`${quoteUrl}/pdf`, { maxRedirects: 0 })).status()).toBe(303);
  await stranger.context().close();
  // A Vietnamese client's browser gets the page, its tab title too, in Vietnamese.
  const client = await (await browser.newContext({ storageState: SIGNED_OUT, locale: "vi-VN" })).newPage();
  await client.goto(`/p/${"A".repeat(32)}`);
  await expect(client).toHaveTitle("Tài liệu · Deals CRM");
  await client.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("create a quote, make the invoice, and record a payment (a refused one keeps what was typed)", async ({ browser }) => {
    const page = await openSession(browser, ADMIN, { javaScriptEnabled: false });
    const withJs = await openSession(browser, ADMIN);
    const dealUrl = await createDeal(withJs, uniqueTitle("No-JS quote"), { amount: "2,000,000" });
    await withJs.context().close();
    await createDocument(page, dealUrl, "quote");
    await page.getByRole("button", { name: "Make an invoice from this quote" }).click();
    await expect(page.getByTestId("document-title")).toHaveText(/^Invoice /);
    await recordPayment(page, "2,000,001");
    await expect(page.getByText("The payment is above the balance of ₫2,000,000.").first()).toBeVisible();
    await expect(page.getByRole("form", { name: "Record payment" }).getByLabel("Amount")).toHaveValue("2,000,001");
    await recordPayment(page, "2,000,000");
    await expect(page.getByTestId("document-status")).toHaveText("Paid");
    await page.context().close();
  });
});

test("an administrator adds a quote status, which quotes then take, and removes it", async ({ page }) => {
  const name = uniqueTitle("Negotiation");
  await page.goto("/settings/companies#statuses");
  const add = page.getByRole("form", { name: "Add status: Quotes" });
  await add.getByLabel("Name").fill(name);
  await add.getByRole("button", { name: "Add status" }).click();
  await expect(page.getByText("Status saved.")).toBeVisible();
  await expect(page.getByTestId("statuses-quote")).toContainText(name);
  const dealUrl = await createDeal(page, uniqueTitle("Custom status"), { amount: "900,000" });
  const quoteUrl = await createDocument(page, dealUrl, "quote");
  await page.getByRole("button", { name }).click();
  await expect(page.getByTestId("document-status")).toHaveText(name);
  await page.goto("/settings/companies#statuses");
  await page.getByRole("form", { name }).locator("..").getByRole("button", { name: "Delete" }).click();
  await expect(alertOf(page)).toContainText("Documents have this status");
  await page.goto(quoteUrl);
  await page.getByRole("button", { name: "Draft" }).click();
  await expect(page.getByTestId("document-status")).toHaveText("Draft");
  await page.goto("/settings/companies#statuses");
  await page.getByRole("form", { name }).locator("..").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Status removed.")).toBeVisible();
  await expect(page.getByTestId("statuses-quote")).not.toContainText(name);
});
