import { expect, test, uniqueName } from "../../fixtures.ts";

test.describe("catalog page", () => {
  test("lists a seeded entity, which links to its entity page", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
    // The demo catalog the pipeline seeds: alerts-api comes first in ref order.
    await expect(page.getByRole("table").getByRole("link", { name: "alerts-api", exact: true })).toBeVisible();

    await page.goto("/?kind=component");
    await page.getByRole("table").getByRole("link", { name: "checkout-service", exact: true }).click();
    await expect(page).toHaveURL(/\/catalog\/component\/default\/checkout-service$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("checkout-service");
    await expect(page.getByRole("region", { name: "About" }).getByText("team-checkout", { exact: true })).toBeVisible();
  });

  test("shows an entity created through the API", async ({ page, api }) => {
    const name = uniqueName("e2e-created");
    await api.createComponent({ name, title: `Created ${name}`, description: "Made by the e2e suite through the public API." });

    await page.goto(`/catalog/component/default/${name}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Created ${name}`);
    const about = page.getByRole("region", { name: "About" });
    await expect(about.getByText("Made by the e2e suite through the public API.")).toBeVisible();
    await expect(about.getByText("group:team-e2e")).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`Created ${name}|${name}`));
  });

  test("pages through the catalog with a cursor", async ({ page, api }) => {
    // More entities than one page holds (25), whatever else the database has.
    for (let i = 0; i < 26; i++) await api.createComponent({ name: uniqueName(`e2e-page-${i}`) });
    await page.goto("/");
    const firstPageNames = await page.getByRole("table").getByRole("row").allTextContents();
    await page.getByRole("link", { name: /next page/i }).click();
    await expect(page).toHaveURL(/cursor=/);
    const secondPageNames = await page.getByRole("table").getByRole("row").allTextContents();
    expect(secondPageNames.slice(1)).not.toEqual(firstPageNames.slice(1));
    await page.getByRole("link", { name: /first page/i }).click();
    await expect(page).not.toHaveURL(/cursor=/);
  });
});
