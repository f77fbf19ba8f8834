import { expect, test, type Page } from "@playwright/test";
import { card, column, drag } from "./board-helpers";
import { createDeal, SELLER, openSession, uniqueTitle } from "./helpers";

/**
 * (Named to run after outbox.spec.ts, which sees the outbox empty.)
 * The story end to end: an administrator builds "on In progress: e-mail the client,
 * then a task for the responsible after 1 day"; a sales person drags a deal there on the board;
 * the e-mail is in the outbox and the pending task in the deal's Automation tab.
 */

// A stage no other test renames or deletes (board-stages.spec.ts edits some of the Projects pipeline).
const STAGE = "In progress";

async function addRobot(page: Page, kind: string, name: string, fill: (page: Page) => Promise<void>) {
  await page.goto("/deals/automation");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await page.getByTestId("automation-column").filter({ has: page.getByRole("heading", { name: STAGE, exact: true }) }).getByRole("link", { name: "Add robot" }).click();
  await page.getByTestId("robot-kinds").getByRole("link", { name: kind }).click();
  const form = page.getByRole("form", { name: `New robot in “${STAGE}”` });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await fill(page);
  await form.getByRole("button", { name: "Add robot" }).click();
  await expect(page.getByText("Robot added.")).toBeVisible();
}

test("robots built by an administrator run when a sales person drags a deal into their stage", async ({ page, browser }) => {
  const mail = uniqueTitle("Thank-you e-mail");
  const task = uniqueTitle("Follow-up task");
  const subject = uniqueTitle("Cảm ơn");
  await addRobot(page, "Send an e-mail to the client", mail, async (p) => {
    await p.getByLabel("Subject").fill(`${subject} {{contact.name}}`);
    await p.getByLabel("Text of the e-mail").fill("Kính gửi {{contact.name}}, cảm ơn anh/chị đã quan tâm tới {{deal.title}}.");
  });
  await addRobot(page, "Create a task", task, async (p) => {
    await p.getByLabel("Subject").fill("Gọi lại cho khách");
    await p.getByLabel("After a delay").check();
    await p.getByLabel("Delay (or offset from the date): Number").fill("1");
    await p.getByLabel("Delay (or offset from the date): Unit").selectOption("days");
  });

  const sellerPage = await openSession(browser, SELLER);
  const seller = sellerPage.context();
  const title = uniqueTitle("Dự án lắp camera");
  const url = await createDeal(sellerPage, title, { stage: "Projects · New" });
  await sellerPage.goto("/deals/kanban");
  await sellerPage.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await drag(sellerPage, card(sellerPage, title), column(sellerPage, STAGE).locator("ul.cards"));
  await expect(column(sellerPage, STAGE).getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await seller.close();

  // The e-mail went to the outbox (no SMTP_URL in the tests), addressed to the deal's contact.
  await expect(async () => {
    await page.goto("/settings/outbox");
    await expect(page.getByText(subject, { exact: false })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // Sent: nothing to send again (a failed one offers it; tests/db/messaging-queue.test.ts).
  await page.getByTestId("outbox-row").filter({ hasText: subject }).getByRole("link", { name: /^Open message/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subject);
  await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);
  const dealId = url.split("/").pop()!;
  await page.goto(`/deals/${dealId}?tab=automation`);
  const log = page.getByTestId("run-log");
  await expect(log.getByTestId("run").filter({ hasText: mail })).toHaveAttribute("data-status", "ran");
  await expect(log.getByTestId("run").filter({ hasText: task })).toContainText(/Pending · due/);

  // The e-mail robot's editor previews its message with this deal, as the client received it.
  await page.goto("/deals/automation");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  await page.getByTestId("robot").filter({ has: page.getByRole("heading", { name: mail, exact: true }) }).getByRole("link", { name: "Edit" }).click();
  const preview = page.getByTestId("robot-preview");
  await preview.getByLabel("Deal number").fill(dealId);
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(preview.getByTestId("preview-deal")).toHaveText(`With deal #${dealId}: ${title}`);
  await expect(preview.getByTestId("preview-subject")).toContainText(subject);
  await expect(preview.getByTestId("preview-subject")).not.toContainText("{{");
  await expect(page.frameLocator('[data-testid="preview-html"]').getByText(`cảm ơn anh/chị đã quan tâm tới ${title}.`, { exact: false })).toBeVisible();
  // A deal nobody has: the same answer as one the viewer may not read.
  await preview.getByLabel("Deal number").fill("99999999");
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(preview.getByRole("status")).toHaveText("No deal #99999999 that you can read.");

  // Leave the stage without robots for whatever runs after.
  await page.goto("/deals/automation");
  await page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: "Projects" }).click();
  for (const name of [mail, task]) {
    const robot = page.getByTestId("robot").filter({ has: page.getByRole("heading", { name, exact: true }) });
    await robot.getByRole("link", { name: "Delete" }).click();
    await robot.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Robot deleted.")).toBeVisible();
  }
});
