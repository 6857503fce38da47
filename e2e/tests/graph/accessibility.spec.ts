import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "../../fixtures.ts";
import { expectNoSeriousA11yViolations, readyDiagram } from "../../support/graph.ts";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

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
      await expectNoSeriousA11yViolations(page);
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, `${name}-${scheme}.png`), fullPage: true });
    });
  }
}

test("the graph tab fits a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/catalog/component/default/checkout-service/graph");
  const canvas = await readyDiagram(page);
  // Nothing wider than the screen: no sideways scrolling of the page.
  expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
  expect((await canvas.boundingBox())!.width).toBeLessThanOrEqual(375);
  await expectNoSeriousA11yViolations(page);
  mkdirSync(screenshots, { recursive: true });
  await canvas.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshots, "graph-phone.png") });
});
