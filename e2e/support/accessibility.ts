import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export { keepScreenshot } from "./screenshots.ts";

/** The bar for every page type: zero serious or critical WCAG 2.1 A/AA violations on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Elements that reach past the right edge of the viewport without a scrolling box around them. */
export const overflowing = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    const clipped = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true; } return false; };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && !clipped(el)) out.push(el.tagName.toLowerCase() + "." + el.className + " right=" + Math.round(r.right));
    }
    return out.slice(0, 10);
  })()`);

/** The page does not scroll sideways (wide content scrolls in its own box); names the culprits when it does. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = () => page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  try {
    await expect.poll(overflow).toBeLessThanOrEqual(0);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nreaching past the right edge: ${(await overflowing(page)).join(", ")}`);
  }
}

/** At a phone's width (375 px) nothing makes the whole page scroll sideways. */
export async function expectFitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 375, height: 740 });
  await expectNoSidewaysScroll(page);
}
