import type { Response } from "@playwright/test";
import { accountMenu, DEMO_ACCOUNTS, expect, signInForm, signInThroughPage, test, uniqueName, type DemoRole } from "../../fixtures.ts";

for (const role of Object.keys(DEMO_ACCOUNTS) as DemoRole[]) {
  test.describe(`signed in as the demo ${role}`, () => {
    test.use({ signedInAs: role });

    test("the account menu shows the name and role", async ({ page }) => {
      const who = DEMO_ACCOUNTS[role];
      await page.goto("/");
      const menu = accountMenu(page);
      await expect(menu.getByText(who.displayName, { exact: true })).toBeVisible();
      await expect(menu).toContainText(`role ${role}`);
      await expect(menu.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
      await expect(menu.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
      await expect(menu.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    });
  });
}

test.describe("signing in", () => {
  test.use({ signedInAs: null });

  test("an anonymous visit is sent to sign in, and comes back to the page it asked for", async ({ page }) => {
    await page.goto("/?kind=component");
    await expect(page).toHaveURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/?kind=component");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Cartograph" })).toBeVisible();

    await signInThroughPage(page, DEMO_ACCOUNTS.viewer);
    await expect(page).toHaveURL((url) => url.pathname === "/" && url.searchParams.get("kind") === "component");
    await expect(page.getByRole("table", { name: "Entities of kind component" })).toBeVisible();
    await expect(accountMenu(page)).toContainText(DEMO_ACCOUNTS.viewer.displayName);
  });

  test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
    await page.goto("/sign-in");
    await signInThroughPage(page, DEMO_ACCOUNTS.viewer);
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
    const [cookie] = (await context.cookies()).filter((c) => c.name === "cartograph_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    expect(cookie!.value).toMatch(/^cgs_/);
    // Lives as long as the session (hours), not forever and not just this browser session.
    expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 60 * 60_000);
  });

  test("a wrong password gets the generic error and keeps the email", async ({ page }) => {
    await page.goto("/sign-in");
    await signInThroughPage(page, { email: DEMO_ACCOUNTS.viewer.email, password: "not-the-password-at-all" });
    await expect(signInForm(page).getByRole("alert")).toHaveText("The email or password is not correct.");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_ACCOUNTS.viewer.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("an unknown email gets the very same error", async ({ page }) => {
    await page.goto("/sign-in");
    await signInThroughPage(page, { email: `${uniqueName("nobody")}@e2e.example`, password: "whatever-it-is-here" });
    await expect(signInForm(page).getByRole("alert")).toHaveText("The email or password is not correct.");
  });

  test("missing fields are reported on the fields themselves", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Email is required");
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Password is required");
  });

  test("repeated failures lock the email, and the page says until when", async ({ page }) => {
    // An unknown email locks like a real one (so lock-outs reveal nothing), without locking a demo account.
    const email = `${uniqueName("locked")}@e2e.example`;
    await page.goto("/sign-in");
    const alert = signInForm(page).getByRole("alert");
    const isSignInPost = (r: Response) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in";
    for (let attempt = 1; attempt <= 10; attempt++) {
      await Promise.all([page.waitForResponse(isSignInPost), signInThroughPage(page, { email, password: "wrong-password-again" })]);
      // React resets the form when the action's result commits, which can come after the response:
      // typing the next attempt before that reset would lose the password to it.
      await expect(page.getByLabel("Password")).toHaveValue("");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      await expect(alert).toBeVisible();
      if (/locked/i.test(await alert.innerText())) break;
    }
    await expect(alert).toContainText(/locked/i);
    await expect(alert).toContainText(/try again in \d+ (seconds?|minutes?) \(at \d\d:\d\d UTC\)/);
  });

  test("a `next` that leaves the site is ignored", async ({ page }) => {
    await page.goto("/sign-in?next=//evil.example/steal");
    await signInThroughPage(page, DEMO_ACCOUNTS.viewer);
    await expect(page).toHaveURL((url) => url.origin !== "http://evil.example" && url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  });
});
