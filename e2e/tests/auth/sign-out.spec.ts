import { accountMenu, DEMO_ACCOUNTS, expect, signInThroughPage, test } from "../../fixtures.ts";

// These sessions are the tests' own: signing out must not end the shared demo sessions.
test.use({ signedInAs: null });

const sessionCookie = async (context: import("@playwright/test").BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "cartograph_session")?.value;

test("signing out ends the session: pages send you to sign in again", async ({ page, context, playwright }) => {
  await page.goto("/sign-in");
  await signInThroughPage(page, DEMO_ACCOUNTS.viewer);
  await expect(accountMenu(page)).toContainText(DEMO_ACCOUNTS.viewer.displayName);
  const token = await sessionCookie(context);
  expect(token).toBeTruthy();

  await accountMenu(page).getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  await expect(accountMenu(page)).toHaveCount(0);
  expect(await sessionCookie(context)).toBeUndefined();

  await page.goto("/catalog/component/default/checkout-service");
  await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/catalog/component/default/checkout-service");

  // Ended in the API too, not just forgotten by this browser.
  const api = await playwright.request.newContext({ baseURL: process.env.E2E_API_URL });
  const me = await api.get("/api/v1/auth/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(401);
  await api.dispose();
});

test("signing out everywhere ends the account's session in another browser too", async ({ page, browser, api, baseURL }) => {
  const account = await api.createAccount("viewer");
  await page.goto("/sign-in");
  await signInThroughPage(page, account);
  await expect(accountMenu(page)).toContainText(account.displayName);

  const elsewhere = await browser.newContext({ baseURL });
  const other = await elsewhere.newPage();
  await other.goto("/sign-in");
  await signInThroughPage(other, account);
  await expect(accountMenu(other)).toContainText(account.displayName);

  await accountMenu(page).getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("status")).toHaveText("You are signed out on every device and browser.");

  // The other browser still holds its cookie; the API refuses it, so the web clears it and asks to sign in.
  await other.goto("/?kind=component");
  await expect(other).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/?kind=component");
  await expect(other.getByRole("status")).toHaveText("Your session has ended. Sign in again to continue.");
  expect(await sessionCookie(elsewhere)).toBeUndefined();
  await elsewhere.close();
});
