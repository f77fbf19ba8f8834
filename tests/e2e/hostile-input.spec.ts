import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createDeal, uniqueTitle } from "./helpers";

/**
 * A small, bounded fuzz: hostile values in every parameter of the main GET routes and in every
 * field of the main forms (posted as a browser without JavaScript posts them). Nothing may answer
 * 500: bad input gets a clear 4xx or a page that ignores it. Deterministic (a seeded generator), so
 * a failure is reproduced by running the test again; it names the request that failed.
 */

function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const forgedCursor = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

const hostile = [
  "",
  " ",
  "0",
  "-1",
  "2147483647",
  "2147483648",
  "99999999999999999999",
  "1e308",
  "NaN",
  "1.5",
  "0x10",
  "null",
  "[]",
  "{}",
  "a\u0000b",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "😀".repeat(40),
  "x".repeat(5000),
  "2026-02-30",
  "9999-12-31",
  "0000-00-00",
  "2026-11-27T25:61",
  "Nguyễn Văn Đức",
  "%",
  "\\",
  forgedCursor("2026-11-27 02:51:00+14:99", 1),
  forgedCursor("2026-11-27", 2 ** 31),
  forgedCursor({ a: 1 }, "1"),
];

/** Tried in every parameter: values that once reached the database and failed there. */
const always = ["2147483648", "a\u0000b", forgedCursor("2026-11-27 02:51:00+14:99", 1)];

const listParams = ["q", "pipeline", "stage", "semantics", "responsible", "company", "contact", "amountFrom", "amountTo", "currency", "source", "createdFrom", "createdTo", "closeFrom", "closeTo", "overdue", "modifiedByMe", "cf.UF_CRM_X", "cf.UF_CRM_X.from", "sort", "dir", "size", "after", "before", "count", "filters", "bulk", "bulkScope", "ids[]", "notice"];

/** Route templates ({id}: a path segment) and the parameters each reads. */
const routes: { path: string; params: string[] }[] = [
  { path: "/deals", params: listParams },
  { path: "/deals/kanban", params: [...listParams, "order", "stale", "add"] },
  { path: "/deals/kanban/cards", params: ["stage", "cursor", "pipeline", "order"] },
  { path: "/deals/kanban/columns", params: ["limits", "pipeline", "q"] },
  { path: "/deals/kanban/stages", params: ["pipeline"] },
  { path: "/deals/export", params: ["format", "after", "sort", "cf.UF_CRM_X", "amountFrom", "createdFrom"] },
  { path: "/deals/new", params: ["copy"] },
  { path: "/deals/layout", params: ["pipeline", "scope", "notice"] },
  { path: "/deals/{id}", params: ["tab", "older", "editActivity", "plan", "confirm", "notice"] },
  { path: "/deals/{id}/edit", params: ["section"] },
  { path: "/deals/{id}/products", params: [] },
  { path: "/deals/{id}/mentions", params: ["q"] },
  { path: "/deals/bulk/{id}", params: [] },
  { path: "/deals/import/{id}", params: ["check"] },
  { path: "/files/{id}", params: [] },
  { path: "/clients/search", params: ["kind", "q"] },
  { path: "/activities", params: ["user"] },
  { path: "/activities/counters", params: ["user"] },
  { path: "/notifications", params: [] },
  { path: "/settings", params: ["notice"] },
  { path: "/settings/permissions", params: ["role", "confirm"] },
  { path: "/settings/fields", params: ["edit"] },
  { path: "/settings/products", params: ["edit"] },
  { path: "/deals/automation", params: ["pipeline", "copy", "delete", "notice"] },
  { path: "/deals/automation/robots/new", params: ["stage", "kind"] },
  { path: "/deals/automation/robots/{id}", params: [] },
  { path: "/settings/automation-log", params: ["pipeline", "status", "after"] },
  { path: "/settings/working-time", params: [] },
  { path: "/settings/outbox", params: ["before"] },
  { path: "/settings/outbox/{id}", params: [] },
  { path: "/settings/web-forms", params: ["delete", "notice"] },
  { path: "/settings/web-forms/{id}", params: [] },
  { path: "/deals/automation/triggers", params: ["pipeline", "delete", "notice"] },
  { path: "/deals/automation/triggers/new", params: ["pipeline", "kind"] },
  { path: "/deals/automation/triggers/{id}", params: ["notice"] },
  { path: "/forms/{id}", params: [] },
  { path: "/forms/{id}/thanks", params: [] },
];

async function status(api: APIRequestContext, url: string, failures: string[]) {
  const response = await api.get(url, { maxRedirects: 0 });
  if (response.status() >= 500) failures.push(`GET ${url.slice(0, 300)} → ${response.status()}`);
}

test("no GET route answers 500 to hostile parameters", async ({ page }) => {
  test.setTimeout(180_000);
  const api = page.request;
  // Signed in: the routes answer as they do for a user, not with a redirect to sign in.
  expect((await api.get("/deals", { maxRedirects: 0 })).status()).toBe(200);
  const random = generator(20261202);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const failures: string[] = [];
  let requests = 0;
  const get = async (url: string) => {
    requests++;
    await status(api, url, failures);
  };
  // First, in full: every hostile value in each path, and in every parameter the values that
  // once reached the database.
  for (const route of routes) {
    if (route.path.includes("{id}")) for (const value of hostile) await get(route.path.replace("{id}", encodeURIComponent(value)));
    const base = route.path.replace("{id}", "1");
    for (const param of route.params) for (const value of always) await get(`${base}?${new URLSearchParams([[param, value]])}`);
  }
  // Then random values and combinations, for a bounded time.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const route = pick(routes);
    const params = route.params.length ? route.params : ["x"];
    await get(`${route.path.replace("{id}", "1")}?${new URLSearchParams(Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(params), pick(hostile)]))}`);
  }
  expect(failures).toEqual([]);
  expect(requests).toBeGreaterThan(200);
});

/** The forms a page shows that a browser without JavaScript posts to a server action, except those that delete. */
async function actionForms(page: Page) {
  return page.locator("form").evaluateAll((forms) =>
    forms
      .filter((form) => form.querySelector('input[name^="$ACTION_ID_"]'))
      .filter((form) => ![...form.querySelectorAll("button")].some((b) => /delete|remove|xóa|sign out/i.test(b.textContent ?? "")))
      .map((form) => [...new FormData(form as HTMLFormElement).entries()].filter(([, v]) => typeof v === "string") as [string, string][]),
  );
}

test("no form answers 500 to hostile values, nor a malformed action request", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const random = generator(7);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const failures: string[] = [];
  let posts = 0;
  // A deal of its own to edit; settings forms are left alone (a random mandatory field or role
  // rule would change what every later request may do), their pages' parameters are fuzzed above.
  const deal = new URL(await createDeal(page, uniqueTitle("Fuzz target"))).pathname;
  // The robot editor of two kinds with many fields, posted last: a robot it creates meets no later deal.
  await page.goto("/deals/automation");
  const newRobot = await page.getByRole("link", { name: "Add robot" }).first().getAttribute("href");
  const pages = ["/deals/new", `${deal}/edit`, `${deal}?plan=1`, `${deal}/products`, "/deals/kanban?add=1", "/settings/products", "/deals?bulk=task&bulkScope=selected", `${newRobot}&kind=task`, `${newRobot}&kind=setFields`];
  for (const path of pages) {
    await page.goto(path);
    for (const fields of await actionForms(page)) {
      for (let round = 0; round < 6; round++) {
        const form = new FormData();
        for (const [name, value] of fields) form.append(name, name.startsWith("$ACTION") || random() < 0.4 ? value : pick(hostile));
        const response = await page.request.post(path, { multipart: form, headers: { Origin: baseURL! }, maxRedirects: 0 });
        posts++;
        if (response.status() >= 500) failures.push(`POST ${path} (${fields.map(([n]) => n).join(", ")}) round ${round} → ${response.status()}`);
      }
    }
  }
  // A made-up action, and a real page posted a body no form sends.
  for (const headers of [{ "Next-Action": "0".repeat(42) }, { "Next-Action": "not-an-action" }]) {
    const response = await page.request.post("/deals", { headers: { ...headers, Origin: baseURL!, "Content-Type": "text/plain;charset=UTF-8" }, data: "[garbage", maxRedirects: 0 });
    if (response.status() >= 500) failures.push(`POST /deals with ${JSON.stringify(headers)} → ${response.status()}`);
  }
  expect(failures).toEqual([]);
  expect(posts).toBeGreaterThan(50);
});
