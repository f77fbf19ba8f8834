import { expect, type Locator, type Page } from "@playwright/test";

/** Page helpers for the Kanban board tests. */
export function column(page: Page, name: string): Locator {
  return page.getByTestId("board-column").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

export function card(page: Page, title: string): Locator {
  return page.getByTestId("board-card").filter({ hasText: title });
}

export async function columnCount(page: Page, name: string): Promise<number> {
  const text = await column(page, name).getByTestId("column-count").textContent();
  return Number(text!.replace(/\D/g, ""));
}

/** Adds a deal with the column's "+" form; it appears at the top of that column. */
export async function quickAdd(page: Page, stage: string, title: string, amount = "") {
  const col = column(page, stage);
  const form = col.getByRole("form", { name: `Add a deal to ${stage}` });
  if (!(await form.isVisible())) await col.getByRole("link", { name: `Add a deal to ${stage}` }).click();
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Amount").fill(amount);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(col.getByTestId("board-card").first()).toContainText(title);
}

/** Drags with the mouse, in small steps, as a person does (sortablejs' fallback mode follows pointer events). */
export async function drag(page: Page, source: Locator, target: Locator) {
  await source.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const from = (await source.locator(".card-meta").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  // Measured once the drag has started (the board may shift as it starts), aiming at a point of
  // the target that is on screen: after scrolling to the card, a long column's top may be above the viewport.
  const to = (await target.boundingBox())!;
  const height = page.viewportSize()?.height ?? 800;
  const y = Math.min(Math.max(to.y + Math.min(20, to.height / 2), 40), Math.min(to.y + to.height - 5, height - 40));
  await page.mouse.move(to.x + to.width / 2, y, { steps: 20 });
  // Rest on the target as a hand does until sortablejs has taken the card there (its placeholder,
  // .drag-ghost, is in the target; it looks every 50 ms): released on the way, the card lands in the
  // last column it crossed. A card that may not move starts no drag: no placeholder anywhere.
  await page.mouse.move(to.x + to.width / 2 + 3, y + 1, { steps: 3 });
  const placeholder = page.locator(".drag-ghost");
  await expect.poll(async () => (await placeholder.count()) === 0 || (await target.locator(".drag-ghost").count()) > 0).toBe(true);
  await page.mouse.up();
}
