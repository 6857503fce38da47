import "server-only";

import {
  EntityHistoryResponseSchema,
  EntityPathParamsSchema,
  EntityRelationsResponseSchema,
  EntityVersionWithDescriptorSchema,
  FacetResponseSchema,
  type Entity,
  type EntityHistoryResponse,
  type EntityRelationsResponse,
} from "@cartograph/contracts";
import { z } from "zod";
import { ApiError, entityApiPath, getEntity, oncePerRequest, send } from "./api";

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export type EntityVersionWithDescriptor = z.infer<typeof EntityVersionWithDescriptorSchema>;

/** An owned entity as the list returns it with OWNED_FIELDS (the contract's item requires fields we do not ask for). */
const OwnedItemSchema = z.object({
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string(), title: z.string().optional(), description: z.string().optional() }),
  spec: z.record(z.string(), z.unknown()).optional(),
});
export type OwnedItem = z.infer<typeof OwnedItemSchema>;
const OwnedPageSchema = z.object({ items: z.array(OwnedItemSchema) });

type RouteParams = Promise<{ kind: string; namespace: string; name: string }>;

/** The entity a route's params name (memoized per request with getEntity), or null when there is none. */
export async function entityFromParams(params: RouteParams): Promise<{ ref: EntityRef; entity: Entity } | null> {
  const parsed = EntityPathParamsSchema.safeParse(await params);
  if (!parsed.success) return null;
  const entity = await getEntity(parsed.data.kind, parsed.data.namespace, parsed.data.name);
  if (!entity) return null;
  return { ref: { kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name }, entity };
}

/** The entity's relations in both directions, each with the related entity's identity (null when it does not exist). */
export function getEntityRelations(ref: EntityRef): Promise<EntityRelationsResponse> {
  const path = `${entityApiPath(ref)}/relations`;
  return oncePerRequest(path, () => send(path, EntityRelationsResponseSchema));
}

/** A page of the entity's versions, newest first. */
export function getEntityHistory(ref: EntityRef, page: { cursor?: string; limit?: number } = {}): Promise<EntityHistoryResponse> {
  const query = new URLSearchParams({ limit: String(page.limit ?? 20) });
  if (page.cursor) query.set("cursor", page.cursor);
  const path = `${entityApiPath(ref)}/history?${query}`;
  return oncePerRequest(path, () => send(path, EntityHistoryResponseSchema));
}

/** One version with the descriptor it stored; null when this entity has no such version. */
export function getEntityVersion(ref: EntityRef, versionId: string): Promise<EntityVersionWithDescriptor | null> {
  const path = `${entityApiPath(ref)}/history/${encodeURIComponent(versionId)}`;
  return oncePerRequest(path, async () => {
    try {
      return await send(path, EntityVersionWithDescriptorSchema);
    } catch (error) {
      // A version id typed or kept from another entity is "no such version", not a failure.
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  });
}

/** Only what an owned-entity row shows, so a big team's page stays light. */
const OWNED_FIELDS = "kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.type,spec.lifecycle,spec.owner";

export interface OwnedEntities {
  /** Per kind (as the catalog spells it, lower-case), how many there are and the first few. */
  kinds: { kind: string; count: number; items: OwnedItem[] }[];
  total: number;
}

/**
 * What `owners` (entity refs, any of them) own, grouped by kind: counts from the facet endpoint,
 * then the first `perKind` of each kind in name order, one request per kind in parallel. With
 * `firstOwner` (a user among their teams), what that owner holds directly comes first, so a
 * busy team cannot push a person's own entities out of view.
 */
export async function getOwnedEntities(owners: string[], perKind = 12, firstOwner?: string): Promise<OwnedEntities> {
  if (owners.length === 0) return { kinds: [], total: 0 };
  const ownerQuery = new URLSearchParams(owners.map((o) => ["owner", o]));
  const facets = await send(`/api/v1/entity-facets?${ownerQuery}&facet=kind`, FacetResponseSchema);
  const counts = (facets.facets.kind ?? []).filter((f) => f.count > 0).sort((a, b) => a.value.localeCompare(b.value));
  const firstPage = (ownedBy: URLSearchParams, kind: string) => {
    const query = new URLSearchParams(ownedBy);
    query.set("kind", kind);
    query.set("limit", String(perKind));
    query.set("sort", "name");
    query.set("count", "false");
    query.set("fields", OWNED_FIELDS);
    return send(`/api/v1/entities?${query}`, OwnedPageSchema).then((page) => page.items);
  };
  const kinds = await Promise.all(
    counts.map(async ({ value: kind, count }) => {
      const [direct, all] = await Promise.all([
        firstOwner && owners.length > 1 ? firstPage(new URLSearchParams([["owner", firstOwner]]), kind) : [],
        firstPage(ownerQuery, kind),
      ]);
      const key = (item: OwnedItem) => `${item.kind}:${item.metadata.namespace}/${item.metadata.name}`.toLowerCase();
      const shown = new Set(direct.map(key));
      const items = [...direct, ...all.filter((item) => !shown.has(key(item)))].slice(0, perKind);
      return { kind: kind.toLowerCase(), count, items };
    }),
  );
  return { kinds, total: counts.reduce((sum, k) => sum + k.count, 0) };
}
