import { GraphQuerySchema, type GraphQuery } from "@cartograph/contracts";

type SearchParams = Record<string, string | string[] | undefined>;

const KEYS = ["depth", "relation", "kind", "direction", "limit"] as const;

export interface GraphUrlState {
  query: GraphQuery;
  /** Whether the URL asked for a node limit (otherwise the API's default applies). */
  limitSet: boolean;
  /** What in the URL could not be used, in words; those parameters fall back to their defaults. */
  problems: string[];
}

/**
 * The graph tab's state from its URL. A bad parameter does not fail the page: it is named and
 * replaced by its default, the rest still apply.
 */
export function readGraphQuery(searchParams: SearchParams): GraphUrlState {
  const picked: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = searchParams[key];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    picked[key] = key === "kind" ? [value].flat().map((k) => k.toLowerCase()) : value;
  }
  const problems: string[] = [];
  for (;;) {
    const parsed = GraphQuerySchema.safeParse(picked);
    if (parsed.success) return { query: parsed.data, limitSet: picked.limit !== undefined, problems };
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")));
    for (const issue of parsed.error.issues) problems.push(issue.message);
    if (![...bad].some((k) => k in picked)) return { query: GraphQuerySchema.parse({}), limitSet: false, problems };
    for (const k of bad) delete picked[k];
  }
}

/** The URL search of a graph view, for links that change one thing (e.g. "show depth 1"). */
export function graphHref(path: string, query: GraphQuery, change: Partial<GraphQuery>, limitSet: boolean): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  params.set("depth", String(next.depth));
  for (const r of next.relation ?? []) params.append("relation", r);
  for (const k of next.kind ?? []) params.append("kind", k);
  if (next.direction !== "both") params.set("direction", next.direction);
  if (limitSet || change.limit !== undefined) params.set("limit", String(next.limit));
  return `${path}?${params}`;
}
