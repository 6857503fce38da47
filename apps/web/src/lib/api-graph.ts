import "server-only";

import { ArchitectureResponseSchema, GraphResponseSchema, type GraphQuery, type GraphResponse } from "@cartograph/contracts";
import { entityApiPath, send } from "./api";

type Ref = { kind: string; namespace: string; name: string };

/** The query string for the graph endpoint; defaults are left out so the API applies its own. */
export function graphSearch(query: Partial<GraphQuery>): string {
  const params = new URLSearchParams();
  if (query.depth !== undefined) params.set("depth", String(query.depth));
  for (const r of query.relation ?? []) params.append("relation", r);
  for (const k of query.kind ?? []) params.append("kind", k);
  if (query.direction && query.direction !== "both") params.set("direction", query.direction);
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  return params.size > 0 ? `?${params}` : "";
}

/** The neighbourhood of one entity; a missing entity is an ApiError 404. */
export function getEntityGraph(ref: Ref, query: Partial<GraphQuery>): Promise<GraphResponse> {
  return send(`${entityApiPath(ref)}/graph${graphSearch(query)}`, GraphResponseSchema);
}

/** Everything in a system or domain, and what it depends on outside. */
export function getArchitecture(ref: Ref): Promise<GraphResponse> {
  return send(`${entityApiPath(ref)}/architecture`, ArchitectureResponseSchema);
}
