import { reverseOf, type Entity, type EntityRelation } from "@cartograph/contracts";
import { relationsOfMany, type Db, type EntityRecord, type LoadedEntity, type RelationRow } from "@cartograph/db";

/** The stored entity in Backstage's served shape, without what is computed from other entities. */
export function toEntityResponse(record: EntityRecord): Entity {
  return {
    apiVersion: record.apiVersion,
    kind: record.kind,
    metadata: {
      ...record.metadata,
      name: record.name,
      namespace: record.namespace,
      uid: record.id,
      etag: record.etag,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    },
    spec: record.spec,
  };
}

/**
 * Relations in both directions: those the entity declares, and the inverse of those other
 * entities declare about it (a Group is `ownerOf` what names it as owner). Sorted by type, then
 * target, as Backstage serves them.
 */
function servedRelations(rows: RelationRow[]): EntityRelation[] {
  const seen = new Map<string, EntityRelation>();
  for (const row of rows) {
    const type = row.direction === "out" ? row.type : (reverseOf(row.type) ?? row.type);
    seen.set(`${type}\0${row.otherRef}`, { type, targetRef: row.otherRef });
  }
  // Code-unit order (refs are lower-cased): deterministic, and far cheaper than localeCompare.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...seen.values()].sort((a, b) => cmp(a.type, b.type) || cmp(a.targetRef, b.targetRef));
}

/** Warnings stored with the entity, plus one per relation to an entity that does not exist. */
function statusItems(record: EntityRecord, rows: RelationRow[]) {
  const dangling = rows
    .filter((r) => r.direction === "out" && !r.exists)
    .map((r) => ({ type: "cartograph.io/dangling-relation", level: "warning" as const, message: `${r.type} ${r.otherRef}: no such entity in the catalog` }));
  return [...record.statusItems, ...dangling];
}

export async function presentEntities(db: Db, records: EntityRecord[]): Promise<Entity[]> {
  const relations = await relationsOfMany(db, records);
  return records.map((record) => presentLoaded({ record, relations: relations.get(record.id) ?? [] }));
}

/**
 * Served entities remembered per catalog version: relations in both directions and dangling
 * warnings depend on other entities, and any write anywhere moves the version, so an entity served
 * at the current version (and etag) is exactly what would be computed again. Bounded; oldest out first.
 */
const served = new Map<string, { version: string; etag: string; entity: Entity }>();
const MAX_SERVED = 20_000;

/** presentEntities, reusing what was served at `version` (read for this request from PostgreSQL). */
export async function presentEntitiesAt(db: Db, records: EntityRecord[], version: string): Promise<Entity[]> {
  const out = records.map((r) => {
    const hit = served.get(r.id);
    return hit && hit.version === version && hit.etag === r.etag ? hit.entity : undefined;
  });
  const missing = records.filter((_, i) => out[i] === undefined);
  if (missing.length > 0) {
    const fresh = new Map((await presentEntities(db, missing)).map((entity, i) => [missing[i]!.id, entity]));
    for (const r of missing) {
      served.delete(r.id);
      served.set(r.id, { version, etag: r.etag, entity: fresh.get(r.id)! });
    }
    while (served.size > MAX_SERVED) served.delete(served.keys().next().value!);
  }
  return records.map((r, i) => out[i] ?? served.get(r.id)!.entity);
}

export async function presentEntity(db: Db, record: EntityRecord): Promise<Entity> {
  const [entity] = await presentEntities(db, [record]);
  return entity!;
}

/** The served entity from an entity loaded with its relations (loadEntity): no further query. */
export function presentLoaded({ record, relations }: LoadedEntity): Entity {
  const items = statusItems(record, relations);
  return { ...toEntityResponse(record), relations: servedRelations(relations), ...(items.length > 0 ? { status: { items } } : {}) };
}
