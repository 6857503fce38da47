import "server-only";

import { FacetResponseSchema } from "@cartograph/contracts";
import { z } from "zod";
import { send } from "./api";
import { apiFilterParams, FACETS, isSelected, normalizeValue, type ExploreState, type Facet, type FacetParam } from "./explore-params";

/** Only what the table shows: a page of 100 rows stays a few kilobytes. */
const ROW_FIELDS = [
  "kind",
  "metadata.name",
  "metadata.namespace",
  "metadata.title",
  "metadata.description",
  "metadata.updatedAt",
  "spec.type",
  "spec.lifecycle",
  "spec.owner",
  "spec.system",
].join(",");

const optionalText = z.string().optional().catch(undefined);

const RowSchema = z.object({
  kind: z.string(),
  metadata: z.object({
    name: z.string(),
    namespace: z.string(),
    title: optionalText,
    description: optionalText,
    updatedAt: optionalText,
  }),
  // A projected spec holds only the fields asked for, any of which a descriptor may lack or misuse.
  spec: z
    .object({ type: z.unknown(), lifecycle: z.unknown(), owner: z.unknown(), system: z.unknown() })
    .partial()
    .optional(),
});
export type ExploreRow = z.infer<typeof RowSchema>;

const PageSchema = z.object({
  items: z.array(RowSchema),
  totalItems: z.number().int(),
  pageInfo: z.object({ nextCursor: z.string().optional() }),
});
export type ExplorePage = z.infer<typeof PageSchema>;

export function exploreEntities(state: ExploreState): Promise<ExplorePage> {
  const params = apiFilterParams(state);
  params.set("limit", String(state.limit));
  params.set("fields", ROW_FIELDS);
  if (state.sort) params.set("sort", state.sort);
  if (state.cursor) params.set("cursor", state.cursor);
  return send(`/api/v1/entities?${params}`, PageSchema);
}

export interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
}

export type FacetCounts = Record<FacetParam, FacetValue[]>;

/**
 * Counts per facet value, "multi-select" style: a facet's counts apply every other filter but
 * not its own, so each count says how many results that value adds (values of one facet are
 * alternatives) and a selected value keeps its count. One request for the facets nothing is
 * selected in, one per facet with a selection, all in parallel (the API remembers each until
 * the catalog changes).
 */
export async function exploreFacets(state: ExploreState): Promise<FacetCounts> {
  const selected = FACETS.filter((f) => state.filters[f.param].length > 0);
  const unselected = FACETS.filter((f) => state.filters[f.param].length === 0);
  const groups: { facets: Facet[]; except?: FacetParam }[] = [
    ...(unselected.length > 0 ? [{ facets: unselected }] : []),
    ...selected.map((f) => ({ facets: [f], except: f.param })),
  ];
  const answers = await Promise.all(
    groups.map(async ({ facets, except }) => {
      const params = apiFilterParams(state, except);
      for (const f of facets) params.append("facet", f.apiKey);
      const { facets: counts } = await send(`/api/v1/entity-facets?${params}`, FacetResponseSchema);
      return facets.map((f) => [f, counts[f.apiKey] ?? []] as const);
    }),
  );
  const result = Object.fromEntries(FACETS.map((f) => [f.param, [] as FacetValue[]])) as unknown as FacetCounts;
  for (const [facet, counts] of answers.flat()) result[facet.param] = withSelection(state, facet, counts);
  return result;
}

function withSelection(state: ExploreState, facet: Facet, counts: { value: string; count: number }[]): FacetValue[] {
  // Relations to a domain are partOf too; the System facet lists systems only.
  const relevant = facet.param === "system" ? counts.filter((c) => c.value.startsWith("system:")) : counts;
  const values = relevant.map((c) => ({ ...c, selected: isSelected(state, facet, c.value) }));
  // A selected value the catalog has no entity for (a typo, a removed team) still shows, with 0.
  for (const v of state.filters[facet.param]) {
    if (!values.some((c) => c.selected && isSameValue(facet, c.value, v))) values.push({ value: v, count: 0, selected: true });
  }
  return values;
}

const isSameValue = (facet: Facet, a: string, b: string) => normalizeValue(facet, a) === normalizeValue(facet, b);
