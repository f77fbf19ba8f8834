import { expect, test } from "@playwright/test";
import { openSession, uniqueTitle } from "./helpers";

test("an administrator adds a pipeline, renames it, sees it on the board, and deletes it", async ({ browser }) => {
  const page = await openSession(browser, "admin@example.com");
  const name = uniqueTitle("Pipeline");
  await page.goto("/settings/pipelines");
  const add = page.getByRole("form", { name: "Add a pipeline" });
  await add.getByLabel("Name").fill(name);
  await add.getByRole("button", { name: "Add a pipeline" }).click();
  await expect(page.getByText("Pipeline created.")).toBeVisible();

  const renamed = `${name} (B2B)`;
  const form = page.getByRole("form", { name });
  await form.getByLabel("Name").fill(renamed);
  await form.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Pipeline saved.")).toBeVisible();

  await page.goto("/deals/kanban");
  const tab = page.getByRole("navigation", { name: "Pipeline" }).getByRole("link", { name: renamed });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-current", "page");

  await page.goto("/settings/pipelines");
  await page.getByRole("link", { name: `Delete ${renamed}` }).click();
  await page.getByRole("form", { name: `Delete ${renamed}` }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Pipeline deleted.")).toBeVisible();
  await expect(page.getByRole("form", { name: renamed })).toHaveCount(0);
  await page.context().close();
});

test("two pipelines' forms each save their own pipeline: renaming the second leaves the first as it was", async ({ browser }) => {
  const page = await openSession(browser, "admin@example.com");
  const [first, second] = [uniqueTitle("First"), uniqueTitle("Second")];
  await page.goto("/settings/pipelines");
  for (const name of [first, second]) {
    const add = page.getByRole("form", { name: "Add a pipeline" });
    await add.getByLabel("Name").fill(name);
    await add.getByRole("button", { name: "Add a pipeline" }).click();
    await expect(page.getByRole("form", { name })).toBeVisible();
  }
  const form = page.getByRole("form", { name: second });
  await form.getByLabel("Name").fill(`${second} renamed`);
  await form.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Pipeline saved.")).toBeVisible();
  await expect(page.getByRole("form", { name: first }).getByLabel("Name")).toHaveValue(first);
  await expect(page.getByRole("form", { name: `${second} renamed` }).getByLabel("Name")).toHaveValue(`${second} renamed`);
  for (const name of [first, `${second} renamed`]) {
    await page.getByRole("link", { name: `Delete ${name}` }).click();
    await page.getByRole("form", { name: `Delete ${name}` }).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Pipeline deleted.")).toBeVisible();
  }
  await page.context().close();
});

test("a sales person has no pipeline settings", async ({ browser }) => {
  const page = await openSession(browser, "duc.pham@example.com");
  expect((await page.goto("/settings/pipelines"))!.status()).toBe(404);
  await page.context().close();
});
