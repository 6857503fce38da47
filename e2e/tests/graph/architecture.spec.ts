import { expect, test, uniqueName } from "../../fixtures.ts";
import { diagramEdge, diagramNode, openLists, readyDiagram } from "../../support/graph.ts";

test.describe("architecture tab", () => {
  test("the seeded checkout system shows its parts and an outside dependency as outside", async ({ page }) => {
    const response = await page.goto("/catalog/system/default/checkout/architecture");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 2, name: "Architecture" })).toBeVisible();
    const canvas = await readyDiagram(page);

    await expect(canvas.getByText("Outside checkout", { exact: true })).toBeVisible();
    await expect(diagramNode(canvas, "Component checkout-service")).toBeVisible();
    await expect(diagramNode(canvas, "API orders-api")).toBeVisible();
    // payments-api belongs to the payments system: drawn outside, with the arrow to it.
    await expect(diagramNode(canvas, "API payments-api, outside")).toBeVisible();
    await expect(diagramEdge(canvas, "component:default/checkout-service", "consumes API", "api:default/payments-api")).toHaveCount(1);

    const lists = await openLists(page);
    await expect(lists.getByRole("row", { name: /payments-api/ })).toContainText("Outside checkout");
    await expect(lists.getByRole("row", { name: /^checkout-service/ })).toContainText("checkout");
    await expect(lists.getByRole("row", { name: /^checkout-service/ })).not.toContainText("outside");
  });

  test("a domain groups its systems with their parts", async ({ page }) => {
    await page.goto("/catalog/domain/default/commerce/architecture");
    const canvas = await readyDiagram(page);
    await expect(canvas.getByText("System checkout", { exact: true })).toBeVisible();
    await expect(canvas.getByText("System storefront", { exact: true })).toBeVisible();
    const lists = await openLists(page);
    await expect(lists.getByRole("row", { name: /^checkout-service/ })).toContainText("System checkout");
  });

  test("only systems and domains have one", async ({ page }) => {
    const response = await page.goto("/catalog/component/default/checkout-service/architecture");
    expect(response?.status()).toBe(404);
    const missing = await page.goto(`/catalog/system/default/${uniqueName("e2e-nope")}/architecture`);
    expect(missing?.status()).toBe(404);
  });
});
