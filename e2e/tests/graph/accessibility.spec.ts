import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "../../fixtures.ts";
import { expectNoSeriousA11yViolations, readyDiagram } from "../../support/graph.ts";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

const pages = [
  { name: "graph", url: "/catalog/component/default/checkout-service/graph?depth=2" },
  { name: "architecture", url: "/catalog/system/default/checkout/architecture" },
];

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

test("the graph tab is usable on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(pages[0]!.url);
  await readyDiagram(page);
  await expectNoSeriousA11yViolations(page);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "graph-phone.png"), fullPage: true });
});
