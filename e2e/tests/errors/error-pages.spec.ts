import { E2E } from "../../playwright.config.ts";
import { DEMO_ACCOUNTS, expect, signInForm, signInThroughPage, test } from "../../fixtures.ts";

// Signed in (as the demo viewer, the fixtures' default): the catalog is behind sign-in.
test.describe("error pages", () => {
  test("an unknown entity gives a 404 page that leads back", async ({ page }) => {
    const response = await page.goto("/catalog/component/default/does-not-exist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
    await expect(page.getByText("component:default/does-not-exist")).toBeVisible();
    await page.getByRole("link", { name: /catalog/i }).last().click();
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
  });

  test("an unknown URL gives a 404 page", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
  });

  test("a friendly error page with a 5xx status when the API is down", async ({ page, context }) => {
    // Cookies are per host, not per port: the session from the working replica is sent to this one,
    // so the page really tries the API rather than stopping at sign-in.
    expect((await context.cookies(`http://127.0.0.1:${E2E.webApiDownPort}/`)).map((c) => c.name)).toContain("cartograph_session");
    await page.setExtraHTTPHeaders({ "x-request-id": "e2e-trace-api-down" });
    const response = await page.goto(`http://127.0.0.1:${E2E.webApiDownPort}/`);
    expect(response?.status()).toBeGreaterThanOrEqual(500);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/can.t reach|unavailable|went wrong/i);
    await expect(page.getByText(/request id/i)).toBeVisible();
    await expect(page.getByText("e2e-trace-api-down")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("the web tier's health route reports whether the API answers", async ({ request }) => {
    const up = await request.get("/healthz");
    expect(up.status()).toBe(200);
    expect(await up.json()).toMatchObject({ api: "up" });
    const down = await request.get(`http://127.0.0.1:${E2E.webApiDownPort}/healthz`);
    expect(down.status()).toBe(503);
    expect(await down.json()).toMatchObject({ api: "down" });
  });
});

test.describe("signing in while the API is down", () => {
  test.use({ signedInAs: null });

  test("the sign-in page still renders, and says why signing in fails", async ({ page }) => {
    const response = await page.goto(`http://127.0.0.1:${E2E.webApiDownPort}/`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/sign-in$/);
    await signInThroughPage(page, DEMO_ACCOUNTS.viewer);
    await expect(signInForm(page).getByRole("alert")).toContainText("can't reach its API");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_ACCOUNTS.viewer.email);
  });
});
