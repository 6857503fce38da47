import { accountMenu, DEMO_ACCOUNTS, expect, sessionFile, signInThroughPage, test as setup, type DemoRole } from "../../fixtures.ts";

// Each demo role signs in once through the real sign-in page; specs reuse the browser state
// (the session cookie) instead of signing in again, which keeps the suite fast and well under
// the API's per-address sign-in limit.
setup.use({ signedInAs: null });

for (const role of Object.keys(DEMO_ACCOUNTS) as DemoRole[]) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    const who = DEMO_ACCOUNTS[role];
    await page.goto("/sign-in");
    await signInThroughPage(page, who);
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
    await expect(accountMenu(page)).toContainText(who.displayName);
    await page.context().storageState({ path: sessionFile(role) });
  });
}
