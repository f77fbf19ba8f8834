import { test as setup } from "@playwright/test";
import { signIn } from "./helpers";
import { SAVED_SESSIONS, sessionOf } from "./sessions";

// Each demo account the tests use signs in once, through the real form; the tests start from its cookies.
for (const email of Object.keys(SAVED_SESSIONS)) {
  setup(`sign in as ${email}`, async ({ page }) => {
    await signIn(page, email);
    await page.context().storageState({ path: sessionOf(email) });
  });
}
