import { describe, expect, it } from "vitest";
import {
  apiFilterParams,
  displayValue,
  exploreHref,
  facetOf,
  isSelected,
  nextPage,
  normalizeValue,
  parseExplore,
  sortDirection,
  withFilterToggled,
  withLimit,
  withoutFilters,
  withSortBy,
  type Facet,
} from "./explore-params";

const facet = (param: string) => facetOf(param) as Facet;

describe("parseExplore", () => {
  it("reads search, repeated filters, sort, page size, cursor and page", () => {
    const { state, problems } = parseExplore({ q: "pay", kind: ["component", "api"], owner: "team-a", sort: "-name", limit: "50", cursor: "eyJvZmZzZXQiOjUwfQ", page: "2" });
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ q: "pay", sort: "-name", limit: 50, cursor: "eyJvZmZzZXQiOjUwfQ", page: 2 });
    expect(state.filters.kind).toEqual(["component", "api"]);
    expect(state.filters.owner).toEqual(["team-a"]);
    expect(state.filters.tag).toEqual([]);
  });

  it("defaults to the first page of 25 in the catalog's order", () => {
    expect(parseExplore({}).state).toMatchObject({ q: "", limit: 25, page: 1, sort: undefined, cursor: undefined });
  });

  it("keeps the search text as typed, spaces included", () => {
    expect(parseExplore({ q: "pay " }).state.q).toBe("pay ");
  });

  it("drops duplicate values, compared as the catalog compares them", () => {
    expect(parseExplore({ kind: ["Component", "component"], owner: ["team-a", "group:default/team-a"] }).state.filters).toMatchObject({
      kind: ["Component"],
      owner: ["team-a"],
    });
  });

  it.each([
    [{ sort: "colour" }, /"colour" is not a sort order/],
    [{ limit: "7" }, /"7" is not a page size/],
    [{ limit: "abc" }, /"abc" is not a page size/],
    [{ cursor: "not a cursor!" }, /cursor/],
    [{ cursor: "abc", page: "0" }, /"0" is not a page number/],
    [{ q: "x".repeat(201) }, /longer than 200/],
    [{ owner: "group:" }, /not a valid owner reference/],
  ])("explains %j and leaves it out", (params, message) => {
    const { state, problems } = parseExplore(params);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(exploreHref(state)).not.toContain("colour");
  });

  it("has no page number for a cursor link without one", () => {
    expect(parseExplore({ cursor: "abc" }).state.page).toBeUndefined();
  });
});

describe("facet values", () => {
  it("normalizes references with the facet's default kind and namespace", () => {
    expect(normalizeValue(facet("owner"), "team-a")).toBe("group:default/team-a");
    expect(normalizeValue(facet("owner"), "User:ops/Ada")).toBe("user:ops/ada");
    expect(normalizeValue(facet("system"), "checkout")).toBe("system:default/checkout");
    expect(normalizeValue(facet("kind"), "API")).toBe("api");
  });

  it("shows references as short as they stay unambiguous, and kinds in their usual casing", () => {
    expect(displayValue(facet("owner"), "group:default/team-a")).toBe("team-a");
    expect(displayValue(facet("owner"), "user:default/ada")).toBe("user:ada");
    expect(displayValue(facet("owner"), "group:ops/sre")).toBe("ops/sre");
    expect(displayValue(facet("system"), "system:default/checkout")).toBe("checkout");
    expect(displayValue(facet("kind"), "api")).toBe("API");
    expect(displayValue(facet("kind"), "component")).toBe("Component");
    expect(displayValue(facet("tag"), "java")).toBe("java");
  });

  it("knows a value is selected whichever way it was written", () => {
    const { state } = parseExplore({ owner: "team-a", kind: "Component" });
    expect(isSelected(state, facet("owner"), "group:default/team-a")).toBe(true);
    expect(isSelected(state, facet("kind"), "component")).toBe(true);
    expect(isSelected(state, facet("kind"), "api")).toBe(false);
  });
});

describe("links", () => {
  const base = parseExplore({ q: "pay", kind: "component", sort: "name", limit: "50", cursor: "abc", page: "3" }).state;

  it("writes parameters in a fixed order, leaving out defaults", () => {
    expect(exploreHref(base)).toBe("/?q=pay&kind=component&sort=name&limit=50&cursor=abc&page=3");
    expect(exploreHref(parseExplore({}).state)).toBe("/");
    expect(exploreHref(parseExplore({ limit: "25", page: "4" }).state)).toBe("/");
  });

  it("toggling a filter adds or removes it and goes back to the first page", () => {
    expect(exploreHref(withFilterToggled(base, facet("kind"), "api"))).toBe("/?q=pay&kind=component&kind=api&sort=name&limit=50");
    expect(exploreHref(withFilterToggled(base, facet("kind"), "Component"))).toBe("/?q=pay&sort=name&limit=50");
  });

  it("the next page carries the cursor and the next page number", () => {
    expect(exploreHref(nextPage(base, "def"))).toBe("/?q=pay&kind=component&sort=name&limit=50&cursor=def&page=4");
    const first = parseExplore({}).state;
    expect(exploreHref(nextPage(first, "n1"))).toBe("/?cursor=n1&page=2");
  });

  it("a new page size or cleared filters start again at the first page", () => {
    expect(exploreHref(withLimit(base, 100))).toBe("/?q=pay&kind=component&sort=name&limit=100");
    expect(exploreHref(withoutFilters(base))).toBe("/?q=pay&sort=name&limit=50");
  });

  it("sorting a column goes ascending, then descending; dates newest first", () => {
    const unsorted = parseExplore({}).state;
    expect(sortDirection(unsorted, "name")).toBe("none");
    const asc = withSortBy(unsorted, "name");
    expect(asc.sort).toBe("name");
    expect(sortDirection(asc, "name")).toBe("ascending");
    expect(withSortBy(asc, "name").sort).toBe("-name");
    expect(withSortBy(withSortBy(asc, "name"), "name").sort).toBe("name");
    expect(withSortBy(unsorted, "updatedAt").sort).toBe("-updatedAt");
    expect(withSortBy(base, "kind")).toMatchObject({ sort: "kind", cursor: undefined, page: 1 });
  });

  it("the API gets the search trimmed and every filter, or all but one facet's", () => {
    const { state } = parseExplore({ q: " pay ", kind: ["component", "api"], lifecycle: "production" });
    expect(apiFilterParams(state).toString()).toBe("q=pay&kind=component&kind=api&lifecycle=production");
    expect(apiFilterParams(state, "kind").toString()).toBe("q=pay&lifecycle=production");
  });
});
