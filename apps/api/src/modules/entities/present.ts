import { reverseOf, type Entity, type EntityRelation } from "@cartograph/contracts";
import { loadEntities, loadEntityUnlessKnown, relationsOfMany, type Db, type EntityKey, type EntityRecord, type LoadedEntity, type RelationRow } from "@cartograph/db";

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
 * at the current version (and etag) is exactly what would be computed again. Its JSON, encoded, is
 * kept too once asked for. Bounded; least recently stored out first.
 */
export interface ServedEntity {
  id: string;
  ref: string;
  version: string;
  etag: string;
  entity: Entity;
  json?: Buffer;
}
const served = new Map<string, ServedEntity>();
/** The same entries by canonical ref, for single-entity reads by name. */
const servedByRef = new Map<string, ServedEntity>();
const MAX_SERVED = 20_000;

function remembered(id: string, version: string, etag: string): ServedEntity | undefined {
  const hit = served.get(id);
  return hit && hit.version === version && hit.etag === etag ? hit : undefined;
}

function remember(entry: ServedEntity): ServedEntity {
  served.delete(entry.id);
  served.set(entry.id, entry);
  servedByRef.set(entry.ref, entry);
  while (served.size > MAX_SERVED) {
    const oldest = served.values().next().value!;
    served.delete(oldest.id);
    if (servedByRef.get(oldest.ref) === oldest) servedByRef.delete(oldest.ref);
  }
  return entry;
}

const entryOf = (loaded: LoadedEntity, version: string): ServedEntity => ({
  id: loaded.record.id,
  ref: loaded.record.ref,
  version,
  etag: loaded.record.etag,
  entity: presentLoaded(loaded),
});

/** The served entity as UTF-8 JSON, made once per remembered entity. */
export const jsonOf = (s: ServedEntity): Buffer => (s.json ??= Buffer.from(JSON.stringify(s.entity)));

/** Served entities for records read at `version` (read for this request from PostgreSQL), reusing what was served at it. */
export async function servedAt(db: Db, records: EntityRecord[], version: string): Promise<ServedEntity[]> {
  const out = records.map((r) => remembered(r.id, version, r.etag));
  const missing = records.filter((_, i) => out[i] === undefined);
  if (missing.length > 0) {
    const fresh = await presentEntities(db, missing);
    missing.forEach((r, i) => remember({ id: r.id, ref: r.ref, version, etag: r.etag, entity: fresh[i]! }));
  }
  return records.map((r, i) => out[i] ?? served.get(r.id)!);
}

/** presentEntities, reusing what was served at `version`. */
export async function presentEntitiesAt(db: Db, records: EntityRecord[], version: string): Promise<Entity[]> {
  return (await servedAt(db, records, version)).map((s) => s.entity);
}

/**
 * Served entities from their keys and the version read with them: only entities not remembered at
 * that version are read (with their relations, in one statement). null where an entity is gone by then.
 */
export async function servedByKeys(db: Db, keys: EntityKey[], version: string): Promise<(ServedEntity | null)[]> {
  const out: (ServedEntity | null | undefined)[] = keys.map((k) => remembered(k.id, version, k.etag));
  const missing = keys.filter((_, i) => out[i] === undefined);
  if (missing.length > 0) {
    const { version: readAt, loaded } = await loadEntities(db, missing.map((k) => k.id));
    const fresh = new Map(loaded.map((l) => [l.record.id, remember(entryOf(l, readAt))]));
    keys.forEach((k, i) => (out[i] ??= fresh.get(k.id) ?? null));
  }
  return out as (ServedEntity | null)[];
}

/**
 * One served entity by canonical ref or uid, in one round trip: when it was served at the current
 * catalog version already, PostgreSQL confirms that and nothing more is read. null when there is none.
 */
export async function servedOne(db: Db, where: { ref: string } | { id: string }): Promise<ServedEntity | null> {
  const known = "ref" in where ? servedByRef.get(where.ref) : served.get(where.id);
  const got = await loadEntityUnlessKnown(db, where, known);
  if (!got) return null;
  return got.loaded ? remember(entryOf(got.loaded, got.version)) : known!;
}

export async function presentEntity(db: Db, record: EntityRecord): Promise<Entity> {
  const [entity] = await presentEntities(db, [record]);
  return entity!;
}

/** The served entity from an entity loaded with its relations (loadEntities, loadEntityUnlessKnown): no further query. */
export function presentLoaded({ record, relations }: LoadedEntity): Entity {
  const items = statusItems(record, relations);
  return { ...toEntityResponse(record), relations: servedRelations(relations), ...(items.length > 0 ? { status: { items } } : {}) };
}
