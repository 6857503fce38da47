import { expect, test } from "../../fixtures.ts";
import { expectAccessible, expectNoSidewaysScroll, keepScreenshot } from "../../support/accessibility.ts";
import { readyDiagram } from "../../support/graph.ts";

const pages = [
  { name: "graph", url: "/catalog/component/default/checkout-service/graph?depth=2" },
  { name: "architecture", url: "/catalog/system/default/checkout/architecture" },
];

// axe over a diagram of dozens of nodes and its list takes seconds on a loaded machine.
test.describe.configure({ timeout: 60_000 });

for (const { name, url } of pages) {
  for (const scheme of ["light", "dark"] as const) {
    test(`the ${name} tab has no serious accessibility violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await readyDiagram(page);
      await expectAccessible(page);
      await keepScreenshot(page, test.info(), `${name}-${scheme}`);
    });
  }
}

test("the graph tab fits a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/catalog/component/default/checkout-service/graph");
  const canvas = await readyDiagram(page);
  // Nothing wider than the screen: no sideways scrolling of the page.
  await expectNoSidewaysScroll(page);
  expect((await canvas.boundingBox())!.width).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await canvas.scrollIntoViewIfNeeded();
  await keepScreenshot(page, test.info(), "graph-phone");
});
