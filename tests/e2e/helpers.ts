import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { SAVED_SESSIONS, sessionOf } from "./sessions";

export const PASSWORD = "demo1234";
export const ADMIN = "admin@example.com";
export const SELLER = "duc.pham@example.com";
export const LAN = "lan.dang@example.com";
export const HUY = "huy.vu@example.com";
export const HEAD_HCM = "cuong.le@example.com";
export const ACCOUNTANT = "khoa.ngo@example.com"; // the Read-only role: reads every deal, changes none

/** Fills and sends the sign-in form the page shows; the caller checks where it leads. */
export async function submitSignIn(page: Page, email = ADMIN, password = PASSWORD) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in through the real form; works with JavaScript on or off. Tests that are not about signing
 * in start from a saved session instead (sessions.ts).
 */
export async function signIn(page: Page, email = ADMIN, password = PASSWORD) {
  await page.goto("/login");
  await submitSignIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
}

/** Signs out; refuses for an account whose saved session other tests start from, which it would end. */
export async function signOut(page: Page) {
  const name = (await page.getByTestId("current-user").textContent())?.trim();
  if (Object.values(SAVED_SESSIONS).includes(name ?? "")) {
    throw new Error(`Signing ${name} out would end the saved session other tests share: sign out an account that is not in SAVED_SESSIONS`);
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * A second person's browser beside the test's own, signed in from their saved session. The context
 * takes the test's options (JavaScript, locale, time zone) unless `options` says otherwise; close it
 * with `page.context().close()`.
 */
export async function openSession(browser: Browser, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, storageState: sessionOf(email) });
  return context.newPage();
}

/** A title no other test uses, so tests never depend on each other's data. */
export function uniqueTitle(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** The list's total as it reads for `n` deals ("1 deal matches", "2 deals match"). */
export function dealsMatch(n: number | string): string {
  return Number(String(n).replace(/\D/g, "")) === 1 ? `${n} deal matches` : `${n} deals match`;
}

/** The page's own message box (Next.js adds a second, empty role="alert" for route announcements). */
export function alertOf(page: Page) {
  return page.locator(".alert[role=alert]");
}

/** Creates a deal through the "New deal" form; returns the card's URL. */
export async function createDeal(page: Page, title: string, options: { amount?: string; currency?: string; stage?: string; privateFor?: string } = {}) {
  await page.goto("/deals");
  await page.getByRole("link", { name: "Add deal" }).click();
  await expect(page.getByRole("heading", { name: "New deal" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Amount").fill(options.amount ?? "25,000,000");
  if (options.currency) await page.getByLabel("Currency").selectOption(options.currency);
  if (options.stage) await page.getByLabel("Pipeline / Stage").selectOption({ label: options.stage });
  await pickClient(page, "Company");
  await pickClient(page, "Contacts");
  if (options.privateFor) {
    await page.getByLabel("Responsible").selectOption({ label: options.privateFor });
    await page.getByLabel("Available to everyone").uncheck();
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/deals\/\d+\?notice=created$/);
  await expect(page.getByText("Deal created.")).toBeVisible();
  return page.url().replace(/\?.*$/, "");
}

/** Picks the first client the picker offers (with JavaScript), or the first in the plain select (without). */
export async function pickClient(page: Page, label: "Company" | "Contacts", search = "") {
  // A plain <select> is a combobox too: the picker is the text input.
  const picker = page.locator(`input[role="combobox"][aria-label="${label}"]`);
  if (await picker.count()) {
    await picker.click();
    if (search) await picker.fill(search);
    const first = page.getByRole("listbox", { name: label }).getByRole("option").first();
    await first.click();
    return;
  }
  await page.getByLabel(label, { exact: true }).selectOption({ index: label === "Company" ? 1 : 0 });
}
