import { expect, test, uniqueName } from "../../fixtures.ts";
import { expectAccessible, expectNoSidewaysScroll, keepScreenshot } from "../../support/accessibility.ts";
import { createEntity, entityUrl, replaceEntity } from "../../support/entity.ts";

// Every page type of the entity page, scanned in both themes; screenshots are kept in the report (and docs/screenshots when asked).
const PAGES: { name: string; url: string; ready: string }[] = [
  { name: "component", url: entityUrl("component", "checkout-service"), ready: "Relations" },
  { name: "api-definition", url: entityUrl("api", "orders-api", "definition"), ready: "Definition" },
  { name: "group", url: entityUrl("group", "team-checkout"), ready: "Relations" },
  { name: "user", url: entityUrl("user", "bruno.okafor"), ready: "Relations" },
  { name: "system", url: entityUrl("system", "checkout"), ready: "Relations" },
  { name: "yaml", url: entityUrl("component", "checkout-service", "yaml"), ready: "YAML" },
];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility, ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const { name, url, ready } of PAGES) {
      test(`${name}: no serious or critical axe violations`, async ({ page }) => {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 2, name: ready, exact: true })).toBeVisible();
        await expectAccessible(page);
        if (colorScheme === "light") await keepScreenshot(page, test.info(), `entity-${name}`);
        if (colorScheme === "dark" && name === "component") await keepScreenshot(page, test.info(), "entity-component-dark");
      });
    }

    test("history with a diff: no serious or critical axe violations", async ({ page, apiRequest }) => {
      const entity = uniqueName("e2e-a11y-history");
      const descriptor = (description: string) => ({ kind: "Component", metadata: { name: entity, description }, spec: { type: "service", lifecycle: "production", owner: "team-checkout" } });
      const etag = await createEntity(apiRequest, descriptor("Before."));
      await replaceEntity(apiRequest, descriptor("After."), etag);
      await page.goto(entityUrl("component", entity, "history"));
      await expect(page.getByRole("heading", { level: 2, name: "Changes" })).toBeVisible();
      await expectAccessible(page);
      if (colorScheme === "light") await keepScreenshot(page, test.info(), "entity-history");
    });
  });
}

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  for (const { name, url, ready } of PAGES) {
    test(`${name}: the page does not scroll sideways`, async ({ page }) => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 2, name: ready, exact: true })).toBeVisible();
      await expectNoSidewaysScroll(page);
    });
  }
});
