import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { card, column, drag, quickAdd } from "./board-helpers";
import { ADMIN, alertOf, openSession, PASSWORD, signIn, signOut, submitSignIn, uniqueTitle } from "./helpers";
import { SIGNED_OUT } from "./sessions";

// Mostly signing in: from a browser nobody signed in to.
test.use({ storageState: SIGNED_OUT });

/** The same server under other names: 127.0.0.1 is a direct client, [::1] a trusted proxy (playwright.config.ts). */
function at(baseURL: string | undefined, host: "127.0.0.1" | "[::1]") {
  return baseURL!.replace("localhost", host);
}

/** One sign-in attempt posted straight to next-auth, as a script would; returns where it leads. */
async function attempt(api: APIRequestContext, origin: string, email: string, password: string, forwardedFor: string) {
  const headers = { "X-Forwarded-For": forwardedFor };
  const { csrfToken } = await (await api.get(`${origin}/api/auth/csrf`, { headers })).json();
  const response = await api.post(`${origin}/api/auth/callback/credentials`, { headers, form: { email, password, csrfToken, callbackUrl: "/deals" }, maxRedirects: 0 });
  return response.headers()["location"] ?? "";
}

/** Collects the page's Content-Security-Policy violations from the first script on. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test("sign-in works at 127.0.0.1 although the tests' address is localhost (no NEXTAUTH_URL)", async ({ page, baseURL }) => {
  await page.goto(`${at(baseURL, "127.0.0.1")}/login`);
  await submitSignIn(page);
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(at(baseURL, "127.0.0.1")).host);
});

test("a client's own X-Forwarded-For does not spread its guesses over many addresses", async ({ page, baseURL }) => {
  const email = "lan.dang@example.com";
  const direct = at(baseURL, "127.0.0.1");
  for (let i = 0; i < 10; i++) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i}` });
    await page.goto(`${direct}/login`);
    await submitSignIn(page, email, `wrong-${i}`);
    await expect(alertOf(page)).toHaveText("Wrong e-mail or password.");
  }
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.99" });
  await page.goto(`${direct}/login`);
  await submitSignIn(page, email, PASSWORD);
  await expect(alertOf(page)).toHaveText("Too many failed attempts. Try again in 15 minutes.");
});

test("behind a trusted proxy, an account hammered from many addresses still lets its owner in and only slows the guessers", async ({ page, baseURL }) => {
  const email = "long.bui@example.com";
  const proxied = at(baseURL, "[::1]");
  const api = await playwrightRequest.newContext();
  for (let i = 0; i < 20; i++) expect(await attempt(api, proxied, email, `guess-${i}`, `203.0.113.${i}`)).toContain("error=CredentialsSignin");
  // An address that guessed must now wait, right password or not; the page says how long.
  const slowed = await attempt(api, proxied, email, PASSWORD, "203.0.113.0");
  expect(slowed).toMatch(/error=SlowDown\.\d+/);
  await page.goto(slowed);
  await expect(alertOf(page)).toHaveText(/^This account has had many failed sign-ins, so attempts are slowed down\. Try again in \d+ seconds\.$/);
  // The owner, from an address that made no failures, signs in at once.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "192.0.2.10" });
  await page.goto(`${proxied}/login`);
  await submitSignIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
  await api.dispose();
});

test("one address spraying passwords over many accounts is stopped, in the user's language", async ({ page, baseURL }) => {
  const proxied = at(baseURL, "[::1]");
  const api = await playwrightRequest.newContext();
  for (let i = 0; i < 50; i++) expect(await attempt(api, proxied, `spray-${i}@example.com`, "123456", "203.0.113.200")).toContain("error=CredentialsSignin");
  const refused = await attempt(api, proxied, "ha.hoang@example.com", PASSWORD, "203.0.113.200");
  expect(refused).toMatch(/error=TooManyFromAddress\.\d+/);
  await page.context().addCookies([{ name: "locale", value: "vi", url: proxied }]);
  await page.goto(refused);
  await expect(alertOf(page)).toHaveText("Có quá nhiều lần đăng nhập sai từ mạng của bạn. Vui lòng thử lại sau 15 phút.");
  // Another address signs the same account in.
  expect(await attempt(api, proxied, "ha.hoang@example.com", PASSWORD, "203.0.113.201")).toMatch(/\/deals$/);
  await api.dispose();
});

test("signing out ends the session on the server: a copied cookie no longer works", async ({ page, browser, baseURL }) => {
  // Signing out ends every session of the account: one that no saved session belongs to.
  await signIn(page, "john.carter@example.com");
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name === "next-auth.session-token")).toBe(true);
  await signOut(page);

  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(copied);
  const stranger = await replay.newPage();
  await stranger.goto("/deals");
  await expect(stranger).toHaveURL(/\/login/);
  expect(await (await stranger.request.get("/api/auth/session")).json()).toEqual({});
  await replay.close();
});

test("every response forbids framing and carries the security headers; a page cannot be framed", async ({ page, request, baseURL }) => {
  for (const path of ["/login", "/api/auth/csrf", "/deals"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
  }
  const refused = page.waitForEvent("console", (m) => m.type() === "error" && m.text().includes("frame-ancestors"));
  await page.setContent(`<iframe src="${baseURL}/login" title="framed"></iframe>`);
  await refused;
  await expect(page.frameLocator("iframe").getByRole("heading", { name: "Sign in" })).toHaveCount(0);
});

test("a server action posted from another site is refused with 403, with or without JavaScript", async ({ browser }) => {
  const page = await openSession(browser, ADMIN);
  await page.goto("/deals");
  // The signed-in visitor's own cookies go along, as they would from a sibling site.
  const fetched = await page.request.post("/deals", {
    headers: { Origin: "https://evil.example", "Next-Action": "7f00000000000000000000000000000000000000aa", "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(fetched.status()).toBe(403);
  const form = await page.request.post("/deals/new", { headers: { Origin: "https://evil.example" }, multipart: { $ACTION_ID_7f00000000000000000000000000000000000000aa: "" } });
  expect(form.status()).toBe(403);
  // The same post from the site itself is not refused by the origin check.
  const own = await page.request.post("/deals", {
    headers: { Origin: new URL(page.url()).origin, "Next-Action": "7f00000000000000000000000000000000000000aa", "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(own.status()).not.toBe(403);
  await page.context().close();
});

test("every page works under the Content-Security-Policy, the board's drag and drop included", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page);
  const dealHref = await page.locator("a[href^='/deals/']").filter({ hasText: /\S/ }).evaluateAll((links) => links.map((a) => a.getAttribute("href")!).find((href) => /^\/deals\/\d+$/.test(href))!);
  const pages = ["/deals", "/deals?filters=1", "/deals/new", dealHref, `${dealHref}/edit`, `${dealHref}/products`, "/deals/import", "/deals/layout", "/deals/kanban/stages", "/activities", "/notifications", "/analytics", "/settings", "/settings/fields", "/settings/products", "/settings/permissions", "/settings/permissions/departments", "/settings/permissions/log"];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("h1").first(), path).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
  await page.goto("/deals/kanban");
  const title = uniqueTitle("CSP drag");
  await quickAdd(page, "Mới", title);
  await drag(page, card(page, title), column(page, "Chuẩn bị tài liệu").locator("ul.cards"));
  await expect(column(page, "Chuẩn bị tài liệu").getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  await page.reload();
  await expect(column(page, "Chuẩn bị tài liệu").getByTestId("board-card").filter({ hasText: title })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("every route answers a signed-out request one way: JSON 401 to scripts, the sign-in page for links a person opens", async ({ request }) => {
  for (const path of ["/deals/1/mentions?q=a", "/deals/kanban/cards?stage=1&cursor=x", "/deals/kanban/columns", "/deals/kanban/events", "/activities/counters", "/clients/search?kind=company&q=a"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
    expect(await response.json(), path).toEqual({ error: "unauthorized" });
  }
  for (const path of ["/deals/export?format=xlsx", "/files/1"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(303);
    const location = new URL(response.headers()["location"] ?? "", "http://any");
    expect(location.pathname + location.search).toBe(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
});

test("a route refuses bad input with a JSON 400 or 404, never a database error", async ({ page }) => {
  await signIn(page);
  const bad = await page.request.get("/clients/search?kind=nobody&q=a");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: "invalid", fields: ["kind"] });
  const huge = await page.request.get("/deals/99999999999/mentions?q=a");
  expect(huge.status()).toBe(404);
  expect(await huge.json()).toMatchObject({ error: "notFound" });
  const limits = await page.request.get("/deals/kanban/columns?limits=%7Bnot-json");
  expect(limits.status()).toBe(400);
});
