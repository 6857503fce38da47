import { expect, type Page } from "@playwright/test";

/** The explore page's parts, by role and label. */
export const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search the catalog" });
export const filters = (page: Page) => page.getByRole("form", { name: "Filter the catalog" });
export const facet = (page: Page, label: string) => filters(page).getByRole("group", { name: label, exact: true });
export const facetValue = (page: Page, label: string, value: string) =>
  facet(page, label).getByRole("checkbox", { name: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} [\\d,]+ entit`) });
export const results = (page: Page) => page.getByRole("region", { name: "Results", exact: true });
/** The table's own box, which scrolls sideways on narrow screens. */
export const resultsTable = (page: Page) => page.getByRole("region", { name: "Results table" });
export const entityCount = (page: Page) => page.getByTestId("entity-count");
export const summary = (page: Page) => page.getByTestId("results-summary");

/** The names in the table's first column, in order. */
export async function rowNames(page: Page): Promise<string[]> {
  return results(page).getByRole("rowheader").getByRole("link").allTextContents();
}

/** The count a facet value shows next to it. */
export async function facetCount(page: Page, label: string, value: string): Promise<number> {
  const name = (await facetValue(page, label, value).getAttribute("value")) ?? value;
  const item = facet(page, label).locator(`li[data-facet-value="${name}"]`);
  const text = (await item.locator("label").innerText()).trim();
  const match = /([\d,]+)\s+entit/.exec(text) ?? /([\d,]+)$/.exec(text);
  if (!match) throw new Error(`no count in "${text}"`);
  return Number(match[1]!.replace(/,/g, ""));
}

/** What has focus, as `tag#id[name=value]`, for comparing without a DOM library in the test's types. */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(`(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[" + el.name + "=" + el.value + "]" : "") : ""; })()`);


export const url = (page: Page) => new URL(page.url());

