import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * axe on the pages people spend their day on, at a desktop's and a phone's size: no critical or
 * serious violation (contrast, names, ARIA references). Moderate and minor findings are not gated.
 */
const SIZES = [
  { name: "desktop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: { width: 375, height: 812 } },
] as const;

async function firstDealPath(page: Page): Promise<string> {
  await page.goto("/deals");
  const href = await page.locator("table tbody tr a[href^='/deals/']").first().getAttribute("href");
  expect(href).toMatch(/^\/deals\/\d+/);
  return href!;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 12).map((n) => `  ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 2).join("")}`).join("\n")}`);
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({ viewport: size.viewport });

    for (const path of ["/deals", "/deals/kanban", "/deals/new", "/activities", "/settings", "/settings/permissions", "/settings/fields", "/analytics"]) {
      test(`${path} has no serious accessibility violation`, async ({ page }) => {
        await page.goto(path);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test("the deal card has no serious accessibility violation", async ({ page }) => {
      const card = await firstDealPath(page);
      await page.goto(card);
      expect(await seriousViolations(page)).toEqual([]);
      // A field opened for editing in place.
      await page.goto(`${card}?edit=amount`);
      expect(await seriousViolations(page)).toEqual([]);
      // Its product rows editor.
      await page.goto(`${card}/products`);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
