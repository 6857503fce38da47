import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export { keepScreenshot } from "./screenshots.ts";

/** The bar for every page type: zero serious or critical WCAG 2.1 A/AA violations on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
