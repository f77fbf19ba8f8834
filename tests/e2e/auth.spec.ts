import { expect, test } from "@playwright/test";
import { alertOf, PASSWORD, signIn, signOut, submitSignIn } from "./helpers";
import { SIGNED_OUT } from "./sessions";

// Signing in itself: on the form, from a browser nobody signed in to.
test.use({ storageState: SIGNED_OUT });

test("a signed-out visitor is sent to the sign-in page and back after signing in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  await submitSignIn(page);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText("Nguyễn Văn An");
});

test("a session cookie that no longer holds a session leads to the sign-in page too", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: "not-a-token", url: baseURL! }]);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdeals/);
  await submitSignIn(page);
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
});

test("a wrong password shows a clear message; sign-out ends the session", async ({ page }) => {
  // Signing out ends every session of the account: one that no saved session belongs to.
  const email = "bich.tran@example.com";
  await page.goto("/login");
  await submitSignIn(page, email, "not-the-password");
  await expect(alertOf(page)).toHaveText("Wrong e-mail or password.");
  await signIn(page, email);
  await signOut(page);
  await page.goto("/deals");
  await expect(page).toHaveURL(/\/login/);
});

test("after ten wrong passwords the account is throttled, even with the right one", async ({ page }) => {
  const email = "mai.do@example.com";
  for (let i = 0; i < 10; i++) {
    await page.goto("/login");
    await submitSignIn(page, email, `wrong-${i}`);
    await expect(alertOf(page)).toBeVisible();
  }
  await submitSignIn(page, email, PASSWORD);
  await expect(alertOf(page)).toHaveText("Too many failed attempts. Try again in 15 minutes.");
});
