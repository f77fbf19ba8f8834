import { expect, test, type Browser } from "@playwright/test";
import { alertOf, uniqueTitle } from "./helpers";
import { SIGNED_OUT } from "./sessions";

/**
 * Triggers with a public web form: an administrator builds a form and a "web form submitted"
 * trigger to "Preparing documents"; a visitor with no session and no JavaScript submits it; the
 * new deal is found in that stage. The public endpoints answer strangers without a session.
 */

async function visitorPage(browser: Browser) {
  // A visitor: no cookies, no JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", storageState: SIGNED_OUT });
  return { context, page: await context.newPage() };
}

test("an administrator's web form and trigger: a visitor without JavaScript submits, the deal lands in Preparing documents", async ({ page, browser }) => {
  const formName = uniqueTitle("Request a quote");

  // Settings → Web forms → New web form, deals starting in Projects / New.
  await page.goto("/settings/web-forms");
  await page.getByRole("link", { name: "New web form" }).click();
  const editor = page.getByRole("form", { name: "New web form" });
  await editor.getByLabel("Name (the visitor sees it)").fill(formName);
  await editor.getByLabel("Deals start in").selectOption({ label: "Projects / New" });
  await editor.getByLabel("Company: On the form").check();
  await editor.getByRole("button", { name: "Save web form" }).click();
  await expect(page.getByText("Web form created.")).toBeVisible();
  const row = page.getByTestId("web-forms").getByRole("row").filter({ hasText: formName });
  const publicUrl = await row.getByTestId("public-form-link").getAttribute("href");
  expect(publicUrl).toMatch(/^\/forms\/[A-Za-z0-9_-]{43}$/);

  // Deals → Automation → Triggers, pipeline Projects: "a web form was submitted" → Preparing documents.
  await page.goto("/deals/automation/triggers");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await page.getByRole("link", { name: "Add trigger" }).click();
  await page.getByRole("link", { name: "A web form was submitted" }).click();
  const triggerForm = page.getByRole("form", { name: "New trigger" });
  await triggerForm.getByLabel("Web form").selectOption({ label: formName });
  await triggerForm.getByLabel("Move to stage").selectOption({ label: "Preparing documents" });
  await triggerForm.getByRole("button", { name: "Save trigger" }).click();
  await expect(page.getByText("Trigger added.")).toBeVisible();
  await expect(page.getByTestId("triggers").getByRole("row").filter({ hasText: formName })).toContainText("Preparing documents");

  // The visitor: a wrong e-mail is refused with what they typed kept; then the form goes through.
  const visitor = await visitorPage(browser);
  const visitorName = uniqueTitle("Trần Văn Khách");
  await visitor.page.goto(publicUrl!);
  await expect(visitor.page.getByRole("heading", { name: formName })).toBeVisible();
  await visitor.page.getByLabel("Your name *").fill(visitorName);
  await visitor.page.getByLabel("E-mail").fill("khach@");
  await visitor.page.getByLabel("Company").fill("Công ty Khách Hàng");
  await visitor.page.getByLabel("Message").fill("Xin báo giá 10 bộ bàn.");
  await visitor.page.getByRole("button", { name: "Send" }).click();
  await expect(alertOf(visitor.page)).toBeVisible();
  await expect(visitor.page.getByText("Enter an e-mail address, e.g. an@example.com.")).toBeVisible();
  await expect(visitor.page.getByLabel("Your name *")).toHaveValue(visitorName);
  await expect(visitor.page.getByLabel("Message")).toHaveValue("Xin báo giá 10 bộ bàn.");
  await visitor.page.getByLabel("E-mail").fill("khach@example.vn");
  await visitor.page.getByRole("button", { name: "Send" }).click();
  await expect(visitor.page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(visitor.page.getByTestId("thanks")).toContainText("We have received your request");
  await visitor.context.close();

  // The administrator finds the new deal, moved by the trigger to Preparing documents.
  const dealTitle = `${formName}: ${visitorName}`;
  await expect
    .poll(
      async () => {
        await page.goto("/deals/automation/triggers");
        await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
        return (await page.getByTestId("trigger-firings").getByRole("row").filter({ hasText: dealTitle }).textContent().catch(() => null)) ?? "";
      },
      { timeout: 20_000 },
    )
    .toContain("moved");
  await page.getByTestId("trigger-firings").getByRole("link", { name: dealTitle }).click();
  await expect(page.getByRole("heading", { name: dealTitle })).toBeVisible();
  await expect(page.locator("main")).toContainText("Preparing documents");
  await expect(page.locator("main")).toContainText("Công ty Khách Hàng");
});

test("the public endpoints answer strangers without a session, and reveal nothing", async ({ playwright, baseURL }) => {
  const stranger = await playwright.request.newContext({ baseURL });
  const hook = await stranger.post("/api/automation/hooks/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { data: { dealId: 1 } });
  expect(hook.status()).toBe(404);
  expect(await hook.json()).toMatchObject({ error: "notFound" });
  const mail = await stranger.post("/api/automation/inbound-email?key=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { headers: { "content-type": "message/rfc822" }, data: "From: a@b.vn\r\n\r\nhi" });
  expect(mail.status()).toBe(404);
  expect((await stranger.post("/api/automation/inbound-email", { headers: { "content-type": "message/rfc822" }, data: "x" })).status()).toBe(400);
  expect((await stranger.get(`/forms/${"B".repeat(43)}`)).status()).toBe(404);
  // Hostile bodies and addresses: a 4xx each, never a 500.
  const hostile = ["", "{", '{"dealId":"2147483648"}', '{"dealId":"a\u0000b"}', "' OR 1=1 --", "x".repeat(70_000), "\u0000".repeat(10)];
  for (const body of hostile) {
    for (const secret of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00", "..%2F..%2Fetc"]) {
      const answer = await stranger.post(`/api/automation/hooks/${secret}`, { headers: { "content-type": "application/json" }, data: body });
      expect(answer.status(), `hook ${secret} ${body.slice(0, 20)}`).toBeLessThan(500);
    }
    const mailAnswer = await stranger.post(`/api/automation/inbound-email?key=${encodeURIComponent(body.slice(0, 100))}`, { headers: { "content-type": "message/rfc822" }, data: body });
    expect(mailAnswer.status()).toBeLessThan(500);
  }
  await stranger.dispose();
});

test("the automation board shows each stage's triggers above its robots, and adds one with that stage chosen", async ({ page }) => {
  const name = uniqueTitle("Website webhook");
  const board = async () => {
    await page.goto("/deals/automation");
    await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
    return page.getByTestId("automation-column").filter({ has: page.getByRole("heading", { name: "In progress", exact: true }) }).getByTestId("stage-triggers");
  };
  await (await board()).getByRole("link", { name: "Add trigger" }).click();
  await page.getByRole("link", { name: "Another system called a webhook" }).click();
  const form = page.getByRole("form", { name: "New trigger" });
  await expect(form.getByLabel("Move to stage").locator("option:checked")).toHaveText("In progress");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Save trigger" }).click();
  await expect(page.getByText("Trigger added.")).toBeVisible();

  const triggers = await board();
  await expect(triggers.getByTestId("stage-trigger").filter({ hasText: name })).toContainText("Another system called a webhook");
  // It leads to its editor; then it is deleted, for whatever runs after.
  await triggers.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/deals\/automation\/triggers\/\d+$/);
  await page.goto("/deals/automation/triggers");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await page.getByTestId("triggers").getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Delete" }).click();
  await page.locator("#delete").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("triggers").getByRole("row").filter({ hasText: name })).toHaveCount(0);
  await expect((await board()).getByTestId("stage-trigger").filter({ hasText: name })).toHaveCount(0);
});
