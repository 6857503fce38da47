import { E2E } from "../../playwright.config.ts";
import { expect, test, uniqueName } from "../../fixtures.ts";
import { resultsTable, facet, filters, focused, results, searchBox } from "../../support/explore.ts";
import { expectAccessible, expectNoSidewaysScroll, keepScreenshot } from "../../support/accessibility.ts";

test.describe("explore: keyboard only", () => {
  test("Tab to the search box, type, Tab to a facet and tick it with Space", async ({ page, api }) => {
    const prefix = uniqueName("xkey");
    await api.createComponent({ name: `${prefix}-one`, lifecycle: "experimental" });
    await api.createComponent({ name: `${prefix}-two`, lifecycle: "production" });
    await page.goto("/");
    await expect(results(page).getByRole("table")).toBeVisible();

    // From the top of the page: skip link, brand, navigation, account menu, then the search box.
    for (let i = 0; i < 12 && (await focused(page)) !== "input#explore-q[q=]"; i++) await page.keyboard.press("Tab");
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type(prefix);
    await expect(page).toHaveURL((u) => u.searchParams.get("q") === prefix);
    await expect(page.getByTestId("entity-count")).toHaveText("2");
    // The results changed under the box, and typing goes on where it was.
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page)).toHaveValue(prefix);

    await page.keyboard.press("Tab");
    const focusedBox = filters(page).locator("input[type=checkbox]:focus");
    await expect(focusedBox).toHaveCount(1);
    const name = await focusedBox.getAttribute("name");
    const value = await focusedBox.getAttribute("value");
    await page.keyboard.press("Space");
    await expect(page).toHaveURL((u) => u.searchParams.getAll(name!).includes(value!) && u.searchParams.get("q") === prefix);
    // Still in place after the results updated: the same box, ticked and focused.
    await expect(filters(page).locator(`input[name="${name}"][value="${value}"]`)).toBeChecked();
    await expect(filters(page).locator(`input[name="${name}"][value="${value}"]`)).toBeFocused();

    // The Lifecycle facet by keyboard: Tab onwards to "experimental", Space again.
    const experimental = facet(page, "Lifecycle").getByRole("checkbox", { name: /^experimental / });
    for (let i = 0; i < 30 && (await focused(page)) !== "input[lifecycle=experimental]"; i++) await page.keyboard.press("Tab");
    await expect(experimental).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL((u) => u.searchParams.get("lifecycle") === "experimental");
    await expect(page.getByTestId("entity-count")).toHaveText("1");
  });
});

test.describe("explore on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("nothing overflows the page; the filters sit behind a disclosure; the table scrolls inside itself", async ({ page }) => {
    await page.goto("/?q=service");
    await expect(results(page).getByRole("table")).toBeVisible();
    await expectNoSidewaysScroll(page);

    const disclosure = page.getByRole("group", { name: "Filters" });
    const toggle = disclosure.locator(":scope > summary");
    await expect(toggle).toBeVisible();
    await expect(facet(page, "Kind")).toBeHidden();
    await toggle.click();
    await expect(facet(page, "Kind")).toBeVisible();
    await expectNoSidewaysScroll(page);

    // The table's region scrolls sideways and keeps the name column in view.
    const region = resultsTable(page);
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const firstName = region.getByRole("rowheader").first();
    const before = await firstName.boundingBox();
    await region.evaluate((el) => el.scrollBy(300, 0));
    const after = await firstName.boundingBox();
    expect(after?.x).toBeCloseTo(before!.x, 0);
  });
});

test.describe("explore: accessibility and screenshots", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`the explore page has no serious or critical axe violations on a desktop (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/?lifecycle=production&sort=name");
      await expect(results(page).getByRole("table")).toBeVisible();
      await expectAccessible(page);
      await keepScreenshot(page, test.info(), `explore-${colorScheme}-desktop`);
    });

    test(`the explore page has no serious or critical axe violations on a phone (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto("/");
      await expect(results(page).getByRole("table")).toBeVisible();
      await expectAccessible(page);
      await keepScreenshot(page, test.info(), `explore-${colorScheme}-phone`);
    });
  }

  test("the empty and invalid-link states have no serious or critical axe violations", async ({ page }) => {
    await page.goto(`/?q=${uniqueName("nothing-like-this")}&kind=api`);
    await expect(page.getByTestId("no-results")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/?sort=colour");
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the not-found page shows the request id and passes axe", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-request-id": "e2e-trace-not-found" });
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByTestId("request-id")).toHaveText("e2e-trace-not-found");
    await expectAccessible(page);
    await keepScreenshot(page, test.info(), "not-found");
  });

  test("the error page (API down) passes axe in light and dark", async ({ page }) => {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(`http://127.0.0.1:${E2E.webApiDownPort}/`);
      expect(response?.status()).toBeGreaterThanOrEqual(500);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
    }
    await keepScreenshot(page, test.info(), "error-api-down");
  });
});
