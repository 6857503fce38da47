import { expect, sessionFile, test, uniqueName, type CatalogApi } from "../../fixtures.ts";
import { entityCount, facetCount, facetValue, filters, results, rowNames, searchBox, summary, url } from "../../support/explore.ts";

/** Four components found only by searching `prefix`, with lifecycles to filter on. */
async function fourComponents(api: CatalogApi): Promise<string> {
  const prefix = uniqueName("xplr");
  await api.createComponent({ name: `${prefix}-alpha`, lifecycle: "production", description: "The first of four." });
  await api.createComponent({ name: `${prefix}-beta`, lifecycle: "experimental" });
  await api.createComponent({ name: `${prefix}-gamma`, lifecycle: "deprecated" });
  await api.createComponent({ name: `${prefix}-delta`, lifecycle: "experimental" });
  return prefix;
}

test.describe("explore: search", () => {
  test("typing in the search box updates the results and the URL without pressing Enter", async ({ page, api }) => {
    const prefix = await fourComponents(api);
    await page.goto("/?sort=name");
    await searchBox(page).pressSequentially(prefix, { delay: 20 });
    await expect(page).toHaveURL((u) => u.searchParams.get("q") === prefix && u.searchParams.get("sort") === "name");
    await expect(entityCount(page)).toHaveText("4");
    expect(await rowNames(page)).toEqual([`${prefix}-alpha`, `${prefix}-beta`, `${prefix}-delta`, `${prefix}-gamma`]);

    await searchBox(page).pressSequentially("-gam");
    await expect(page).toHaveURL((u) => u.searchParams.get("q") === `${prefix}-gam`);
    await expect(entityCount(page)).toHaveText("1");
    expect(await rowNames(page)).toEqual([`${prefix}-gamma`]);

    // Escape clears the search and shows the whole catalog again.
    await searchBox(page).press("Escape");
    await expect(searchBox(page)).toHaveValue("");
    await expect(page).toHaveURL((u) => !u.searchParams.has("q") && u.searchParams.get("sort") === "name");
    await expect(summary(page)).not.toContainText(/of 1 entity$/);
  });

  test("without JavaScript the search box and the facets are GET forms", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: sessionFile("viewer") });
    try {
      const page = await context.newPage();
      await page.goto("/?kind=api");
      await page.getByRole("searchbox", { name: "Search the catalog" }).fill("orders");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL((u) => u.searchParams.get("q") === "orders" && u.searchParams.get("kind")?.toLowerCase() === "api");
      await expect(results(page).getByRole("rowheader").first()).toBeVisible();

      // The facets are a GET form too: tick, then Apply.
      await facetValue(page, "Lifecycle", "production").check();
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL((u) => u.searchParams.get("lifecycle") === "production" && u.searchParams.get("q") === "orders" && u.searchParams.get("kind")?.toLowerCase() === "api");
      await expect(facetValue(page, "Lifecycle", "production")).toBeChecked();
    } finally {
      await context.close();
    }
  });
});

test.describe("explore: facets", () => {
  test("a facet filter narrows the results, and its count matches the results total", async ({ page, api }) => {
    const prefix = await fourComponents(api);
    await page.goto(`/?q=${prefix}`);
    await expect(entityCount(page)).toHaveText("4");
    expect(await facetCount(page, "Lifecycle", "experimental")).toBe(2);

    await facetValue(page, "Lifecycle", "experimental").check();
    await expect(page).toHaveURL((u) => u.searchParams.getAll("lifecycle").join() === "experimental" && u.searchParams.get("q") === prefix);
    await expect(entityCount(page)).toHaveText("2");
    // The selected value stays listed, ticked, with the same count as the results.
    await expect(facetValue(page, "Lifecycle", "experimental")).toBeChecked();
    expect(await facetCount(page, "Lifecycle", "experimental")).toBe(2);
    expect((await rowNames(page)).sort()).toEqual([`${prefix}-beta`, `${prefix}-delta`]);
  });

  test("two values of one facet mean either of them", async ({ page, api }) => {
    const prefix = await fourComponents(api);
    await page.goto(`/?q=${prefix}`);
    await facetValue(page, "Lifecycle", "experimental").check();
    await expect(entityCount(page)).toHaveText("2");
    await facetValue(page, "Lifecycle", "deprecated").check();
    await expect(page).toHaveURL((u) => u.searchParams.getAll("lifecycle").sort().join() === "deprecated,experimental");
    await expect(entityCount(page)).toHaveText("3");
    expect((await rowNames(page)).sort()).toEqual([`${prefix}-beta`, `${prefix}-delta`, `${prefix}-gamma`]);
  });

  test("removing a chip drops that filter", async ({ page, api }) => {
    const prefix = await fourComponents(api);
    await page.goto(`/?q=${prefix}&lifecycle=experimental&lifecycle=deprecated`);
    await expect(entityCount(page)).toHaveText("3");
    const chips = page.getByRole("list", { name: "Selected filters" });
    await chips.getByRole("link", { name: "Remove filter Lifecycle: deprecated" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.getAll("lifecycle").join() === "experimental");
    await expect(entityCount(page)).toHaveText("2");
    await expect(facetValue(page, "Lifecycle", "deprecated")).not.toBeChecked();
    await expect(facetValue(page, "Lifecycle", "experimental")).toBeChecked();

    await chips.getByRole("link", { name: `Remove search “${prefix}”` }).click();
    await expect(page).toHaveURL((u) => !u.searchParams.has("q") && u.searchParams.get("lifecycle") === "experimental");
    await expect(searchBox(page)).toHaveValue("");
  });

  test("no results says so, and its clear-filters link brings everything back", async ({ page }) => {
    await page.goto(`/?q=${uniqueName("nothing-like-this")}&lifecycle=deprecated`);
    const empty = page.getByTestId("no-results");
    await expect(empty.getByRole("heading", { name: "No entities match" })).toBeVisible();
    await expect(empty.getByRole("link", { name: "Remove lifecycle deprecated" })).toBeVisible();
    await expect(results(page).getByRole("table")).toHaveCount(0);
    await empty.getByRole("link", { name: "clear all filters" }).click();
    await expect(page).toHaveURL((u) => u.pathname === "/" && u.search === "");
    await expect(results(page).getByRole("table")).toBeVisible();
    await expect(filters(page).getByRole("checkbox", { checked: true })).toHaveCount(0);
  });
});

test.describe("explore: table", () => {
  test("sorting by name, both ways", async ({ page, api }) => {
    const prefix = await fourComponents(api);
    await page.goto(`/?q=${prefix}`);
    const nameHeader = results(page).getByRole("columnheader", { name: /^Name/ });
    await expect(nameHeader).toHaveAttribute("aria-sort", "none");

    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL((u) => u.searchParams.get("sort") === "name" && u.searchParams.get("q") === prefix);
    await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    const ascending = [`${prefix}-alpha`, `${prefix}-beta`, `${prefix}-delta`, `${prefix}-gamma`];
    expect(await rowNames(page)).toEqual(ascending);

    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL((u) => u.searchParams.get("sort") === "-name");
    await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
    expect(await rowNames(page)).toEqual([...ascending].reverse());
  });

  test("pages with the cursor and shows page numbers; page size is a choice", async ({ page, api }) => {
    const prefix = uniqueName("xpage");
    const names = Array.from({ length: 27 }, (_, i) => `${prefix}-${String(i).padStart(2, "0")}`);
    for (const name of names) await api.createComponent({ name });
    await page.goto(`/?q=${prefix}&sort=name`);
    await expect(summary(page)).toContainText("Showing 1–25 of 27 entities");
    expect(await rowNames(page)).toEqual(names.slice(0, 25));

    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await pagination.getByRole("link", { name: /Next page/ }).click();
    await expect(page).toHaveURL((u) => u.searchParams.has("cursor") && u.searchParams.get("page") === "2" && u.searchParams.get("q") === prefix);
    await expect(summary(page)).toContainText("Showing 26–27 of 27 entities");
    expect(await rowNames(page)).toEqual(names.slice(25));
    await expect(pagination).toContainText("Page 2");
    await expect(pagination.getByRole("link", { name: /Next page/ })).toHaveCount(0);

    await pagination.getByRole("link", { name: /First page/ }).click();
    await expect(page).toHaveURL((u) => !u.searchParams.has("cursor") && !u.searchParams.has("page"));
    await expect(summary(page)).toContainText("Showing 1–25 of 27 entities");

    await page.getByRole("navigation", { name: "Page size" }).getByRole("link", { name: "50 per page" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("limit") === "50");
    await expect(summary(page)).toContainText("Showing 1–27 of 27 entities");
    await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
  });

  test("a shared URL renders the same view in a new page", async ({ page, context, api }) => {
    const prefix = await fourComponents(api);
    await page.goto("/");
    await searchBox(page).pressSequentially(prefix);
    await expect(entityCount(page)).toHaveText("4");
    await facetValue(page, "Lifecycle", "experimental").check();
    await facetValue(page, "Lifecycle", "production").check();
    await expect(entityCount(page)).toHaveText("3");
    await results(page).getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=name/);
    const shared = page.url();
    const names = await rowNames(page);

    const other = await context.newPage();
    await other.goto(shared);
    await expect(searchBox(other)).toHaveValue(prefix);
    await expect(entityCount(other)).toHaveText("3");
    expect(await rowNames(other)).toEqual(names);
    await expect(facetValue(other, "Lifecycle", "experimental")).toBeChecked();
    await expect(facetValue(other, "Lifecycle", "production")).toBeChecked();
    await expect(facetValue(other, "Lifecycle", "deprecated")).not.toBeChecked();
    await expect(results(other).getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
    expect(url(other).search).toBe(url(page).search);
  });
});

test.describe("explore: links that are not valid", () => {
  test("an invalid cursor explains itself and links back", async ({ page }) => {
    const response = await page.goto("/?kind=component&cursor=bm90LWEtY3Vyc29y&page=3");
    expect(response?.status()).toBe(200);
    const alert = page.getByRole("alert").filter({ hasText: "not valid" });
    await expect(alert).toContainText("cursor");
    await alert.getByRole("link", { name: "Show the first page of this view" }).click();
    await expect(page).toHaveURL((u) => u.searchParams.get("kind") === "component" && !u.searchParams.has("cursor"));
    await expect(results(page).getByRole("table")).toBeVisible();
  });

  test("an unknown sort order or page size explains itself", async ({ page }) => {
    const response = await page.goto("/?sort=colour&limit=7");
    expect(response?.status()).toBe(200);
    const alert = page.getByRole("alert").filter({ hasText: "not valid" });
    await expect(alert).toContainText('"colour" is not a sort order');
    await expect(alert).toContainText('"7" is not a page size');
    await alert.getByRole("link", { name: "Start from the whole catalog" }).click();
    await expect(results(page).getByRole("table")).toBeVisible();
  });
});
