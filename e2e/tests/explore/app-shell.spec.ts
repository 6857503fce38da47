import { expect, test } from "../../fixtures.ts";
import { facet, filters, results, searchBox } from "../../support/explore.ts";

const primaryNav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Primary" });

test.describe("app shell as a viewer", () => {
  test("the top bar offers Explore, marked as the current page, and no Register", async ({ page }) => {
    await page.goto("/");
    await expect(primaryNav(page).getByRole("link", { name: "Explore" })).toHaveAttribute("aria-current", "page");
    await expect(primaryNav(page).getByRole("link", { name: "Register" })).toHaveCount(0);
  });

  test("a first visit loads at most 250 KB of compressed JavaScript", async ({ page }) => {
    const scripts: Promise<{ url: string; bytes: number }>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script") scripts.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize })));
    });
    await page.goto("/", { waitUntil: "networkidle" });
    await expect(results(page).getByRole("table")).toBeVisible();
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, s) => sum + s.bytes, 0);
    test.info().annotations.push({ type: "first-load JS", description: `${(total / 1024).toFixed(1)} KB compressed in ${loaded.length} scripts` });
    expect(loaded.length).toBeGreaterThan(0);
    expect(total, loaded.map((s) => `${s.bytes} ${s.url}`).join("\n")).toBeLessThanOrEqual(250 * 1024);
  });

  test("the skip link takes the keyboard past the top bar to the content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(searchBox(page)).toBeFocused();
  });

  test("coming back to Explore from an entity page shows the catalog again", async ({ page }) => {
    await page.goto("/catalog/component/default/checkout-service");
    await primaryNav(page).getByRole("link", { name: "Explore" }).click();
    await expect(page).toHaveURL((u) => u.pathname === "/");
    await expect(results(page).getByRole("table")).toBeVisible();
    await expect(facet(page, "Kind")).toBeVisible();
  });

  test("a long facet lists its top values, and the rest behind Show all with a filter box", async ({ page }) => {
    await page.goto("/");
    const tags = facet(page, "Tag");
    const more = tags.getByText(/^Show all \d+/);
    const box = tags.getByRole("searchbox", { name: "Filter Tag values" });
    await expect(box).toBeHidden();
    await more.click();
    await box.fill("kot");
    await expect(tags.getByRole("checkbox", { name: /^kotlin / })).toBeVisible();
    await expect(tags.getByRole("checkbox").first()).toBeVisible(); // the top values stay
    const hiddenRest = await tags.locator("details li[hidden]").count();
    expect(hiddenRest).toBeGreaterThan(0);
    // Typing in the filter box is not a filter of the catalog.
    await expect(page).toHaveURL((u) => u.search === "");
    await expect(filters(page).getByRole("checkbox", { checked: true })).toHaveCount(0);
  });
});

test.describe("app shell as an editor", () => {
  test.use({ signedInAs: "editor" });

  test("the top bar offers Register", async ({ page }) => {
    await page.goto("/");
    await expect(primaryNav(page).getByRole("link", { name: "Register" })).toHaveAttribute("href", "/register");
  });
});
