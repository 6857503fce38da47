import { BUILTIN_KINDS, canonicalRef, SORT_FIELDS, tryParseRef } from "@cartograph/contracts";

/**
 * The explore page's state lives in its URL so any view can be shared. This module reads it
 * (explaining what it could not use), writes links that change one thing, and knows how the
 * facets map onto the API's filters and facet keys.
 */

export const FACETS = [
  { param: "kind", label: "Kind", apiKey: "kind" },
  { param: "type", label: "Type", apiKey: "spec.type" },
  { param: "lifecycle", label: "Lifecycle", apiKey: "spec.lifecycle" },
  { param: "owner", label: "Owner", apiKey: "relations.ownedby", refKind: "group" },
  { param: "system", label: "System", apiKey: "relations.partof", refKind: "system" },
  { param: "namespace", label: "Namespace", apiKey: "metadata.namespace" },
  { param: "tag", label: "Tag", apiKey: "metadata.tags" },
] as const satisfies readonly { param: string; label: string; apiKey: string; refKind?: string }[];

export type Facet = (typeof FACETS)[number];
export type FacetParam = Facet["param"];
export type Filters = Record<FacetParam, string[]>;

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

export type Sort = (typeof SORT_FIELDS)[number] | `-${(typeof SORT_FIELDS)[number]}`;
const SORTS: readonly string[] = SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

const MAX_Q = 200;
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 512;
const MAX_CURSOR = 1024;

export interface ExploreState {
  /** As typed (not trimmed: the search box compares it with what it sent). */
  q: string;
  filters: Filters;
  sort?: Sort;
  limit: PageSize;
  cursor?: string;
  /** The page number shown ("Showing 26–50"); known only when the link carried it. */
  page?: number;
}

export type SearchParams = Record<string, string | string[] | undefined>;

const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const one = (value: string | string[] | undefined): string | undefined => all(value)[0];

export const emptyFilters = (): Filters => Object.fromEntries(FACETS.map((f) => [f.param, []])) as unknown as Filters;

export function facetOf(param: string): Facet | undefined {
  return FACETS.find((f) => f.param === param);
}

/** The value the catalog compares: refs canonical (`group:default/team-a`), the rest lower-cased. */
export function normalizeValue(facet: Facet, value: string): string {
  if ("refKind" in facet) {
    const ref = tryParseRef(value.trim(), { defaultKind: facet.refKind, defaultNamespace: "default" });
    if (ref) return canonicalRef(ref);
  }
  return value.trim().toLowerCase();
}

const KIND_NAMES = new Map<string, string>(BUILTIN_KINDS.map((k) => [k.toLowerCase(), k]));

/**
 * How a facet value is written in links and shown: refs as short as they stay unambiguous
 * (`team-checkout` for `group:default/team-checkout`, `user:ada` for `user:default/ada`), kinds
 * in their usual casing.
 */
export function displayValue(facet: Facet, value: string): string {
  if ("refKind" in facet) {
    const ref = tryParseRef(value, { defaultKind: facet.refKind, defaultNamespace: "default" });
    if (!ref) return value;
    const kind = ref.kind.toLowerCase() === facet.refKind ? "" : `${ref.kind.toLowerCase()}:`;
    const namespace = ref.namespace.toLowerCase() === "default" ? "" : `${ref.namespace}/`;
    return `${kind}${namespace}${ref.name}`;
  }
  if (facet.param === "kind") return KIND_NAMES.get(value.toLowerCase()) ?? value;
  return value;
}

/** True when the facet's values include `value`, compared as the catalog compares them. */
export function isSelected(state: ExploreState, facet: Facet, value: string): boolean {
  const wanted = normalizeValue(facet, value);
  return state.filters[facet.param].some((v) => normalizeValue(facet, v) === wanted);
}

export interface ParsedExplore {
  state: ExploreState;
  /** What was wrong with the link, one sentence each; the state leaves those parts out. */
  problems: string[];
}

export function parseExplore(sp: SearchParams): ParsedExplore {
  const problems: string[] = [];
  const filters = emptyFilters();

  let q = one(sp.q) ?? "";
  if (q.length > MAX_Q) {
    problems.push(`The search text is longer than ${MAX_Q} characters.`);
    q = "";
  }

  for (const facet of FACETS) {
    const values = all(sp[facet.param]).map((v) => v.trim()).filter(Boolean);
    const seen = new Set<string>();
    for (const value of values) {
      if (value.length > MAX_VALUE_LENGTH) {
        problems.push(`A ${facet.label.toLowerCase()} value is longer than ${MAX_VALUE_LENGTH} characters.`);
        continue;
      }
      if ("refKind" in facet && !tryParseRef(value, { defaultKind: facet.refKind, defaultNamespace: "default" })) {
        problems.push(`"${value}" is not a valid ${facet.label.toLowerCase()} reference.`);
        continue;
      }
      const key = normalizeValue(facet, value);
      if (seen.has(key)) continue;
      seen.add(key);
      filters[facet.param].push(value);
    }
    if (filters[facet.param].length > MAX_VALUES) {
      problems.push(`At most ${MAX_VALUES} ${facet.label.toLowerCase()} values can be selected at once.`);
      filters[facet.param] = filters[facet.param].slice(0, MAX_VALUES);
    }
  }

  let sort: Sort | undefined;
  const rawSort = one(sp.sort);
  if (rawSort) {
    if (SORTS.includes(rawSort)) sort = rawSort as Sort;
    else problems.push(`"${rawSort}" is not a sort order; use one of ${SORT_FIELDS.join(", ")}, with a leading - for descending.`);
  }

  let limit: PageSize = DEFAULT_PAGE_SIZE;
  const rawLimit = one(sp.limit);
  if (rawLimit) {
    const n = Number(rawLimit);
    if ((PAGE_SIZES as readonly number[]).includes(n)) limit = n as PageSize;
    else problems.push(`"${rawLimit}" is not a page size; choose ${PAGE_SIZES.join(", ")}.`);
  }

  let cursor = one(sp.cursor) || undefined;
  if (cursor && (cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor))) {
    problems.push("The page position (cursor) in this link is not one Cartograph made.");
    cursor = undefined;
  }

  let page: number | undefined = cursor ? undefined : 1;
  const rawPage = one(sp.page);
  if (cursor && rawPage) {
    const n = Number(rawPage);
    if (Number.isInteger(n) && n >= 2 && n <= 100_000) page = n;
    else problems.push(`"${rawPage}" is not a page number.`);
  }

  return { state: { q, filters, sort, limit, cursor, page }, problems };
}

export const hasSearch = (state: ExploreState) => state.q.trim().length > 0;
export const selectedCount = (state: ExploreState) => FACETS.reduce((n, f) => n + state.filters[f.param].length, 0);
export const isNarrowed = (state: ExploreState) => hasSearch(state) || selectedCount(state) > 0;

/** The URL of a state; parameters in a fixed order so equal views have equal links. */
export function exploreHref(state: ExploreState): string {
  const params = new URLSearchParams();
  if (hasSearch(state)) params.set("q", state.q);
  for (const facet of FACETS) for (const v of state.filters[facet.param]) params.append(facet.param, v);
  if (state.sort) params.set("sort", state.sort);
  if (state.limit !== DEFAULT_PAGE_SIZE) params.set("limit", String(state.limit));
  if (state.cursor) {
    params.set("cursor", state.cursor);
    if (state.page && state.page > 1) params.set("page", String(state.page));
  }
  return params.size > 0 ? `/?${params}` : "/";
}

/** Changing what is shown starts again at the first page. */
const firstPageOf = (state: ExploreState): ExploreState => ({ ...state, cursor: undefined, page: 1 });

export function withFilterToggled(state: ExploreState, facet: Facet, value: string): ExploreState {
  const current = state.filters[facet.param];
  const next = isSelected(state, facet, value)
    ? current.filter((v) => normalizeValue(facet, v) !== normalizeValue(facet, value))
    : [...current, value];
  return firstPageOf({ ...state, filters: { ...state.filters, [facet.param]: next } });
}

export const withoutSearch = (state: ExploreState): ExploreState => firstPageOf({ ...state, q: "" });
export const withoutFilters = (state: ExploreState): ExploreState => firstPageOf({ ...state, filters: emptyFilters() });
export const withLimit = (state: ExploreState, limit: PageSize): ExploreState => firstPageOf({ ...state, limit });
export const firstPage = firstPageOf;
export const nextPage = (state: ExploreState, cursor: string): ExploreState => ({ ...state, cursor, page: state.page ? state.page + 1 : undefined });

export type SortableColumn = "name" | "kind" | "updatedAt";

/** A column's state: ascending, descending, or not the sort order. */
export function sortDirection(state: ExploreState, column: SortableColumn): "ascending" | "descending" | "none" {
  if (state.sort === column) return "ascending";
  if (state.sort === `-${column}`) return "descending";
  return "none";
}

/** Clicking a header: ascending first (newest first for dates), then the other way. */
export function withSortBy(state: ExploreState, column: SortableColumn): ExploreState {
  const current = sortDirection(state, column);
  const descendingFirst = column === "updatedAt";
  const descending = current === "none" ? descendingFirst : current === "ascending";
  return firstPageOf({ ...state, sort: (descending ? `-${column}` : column) as Sort });
}

/** The query string the API's GET /entities and /entity-facets take for these filters and search. */
export function apiFilterParams(state: ExploreState, except?: FacetParam): URLSearchParams {
  const params = new URLSearchParams();
  if (hasSearch(state)) params.set("q", state.q.trim());
  for (const facet of FACETS) {
    if (facet.param === except) continue;
    for (const v of state.filters[facet.param]) params.append(facet.param, v);
  }
  return params;
}
