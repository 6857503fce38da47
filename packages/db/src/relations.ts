import type { Db } from "./client.ts";
import { ENTITY_COLUMNS, isUuid, type EntityRecord } from "./entities.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * One relation as seen from an entity: `out` rows are declared by the entity itself; `in` rows are
 * declared by another entity about this one (the reader turns their type into the inverse).
 * `other` is null when the related entity does not exist (a dangling relation).
 */
export interface RelationRow {
  direction: "out" | "in";
  type: string;
  otherRef: string;
  /** False for a relation to an entity that does not exist (dangling). */
  exists: boolean;
  /** The related entity's identity, when asked for (`identity: true`); null when it does not exist. */
  other?: { kind: string; namespace: string; name: string; title: string | null } | null;
}

interface RawRow {
  direction: "out" | "in";
  type: string;
  other_ref: string;
  kind: string | null;
  namespace: string | null;
  name: string | null;
  title: string | null;
}

/** Both directions of an entity's relations with the related entities' identity, in one query. */
export async function relationsOf(db: Db, entity: { id: string; ref: string }): Promise<RelationRow[]> {
  return (await relationsOfMany(db, [entity], { identity: true })).get(entity.id) ?? [];
}

/**
 * The relations of a whole page of entities in one query (no query per entity). With
 * `identity: false` (serving entities) only whether the other side exists is looked up, which
 * spares reading the related rows.
 */
export async function relationsOfMany(
  db: Db,
  entities: { id: string; ref: string }[],
  options: { identity?: boolean } = {},
): Promise<Map<string, RelationRow[]>> {
  const result = new Map<string, RelationRow[]>(entities.map((e) => [e.id, []]));
  if (entities.length === 0) return result;
  const ids = entities.map((e) => e.id);
  const refs = entities.map((e) => e.ref);
  // 'in' rows come back keyed by the subject's ref, 'out' rows by its id.
  const idByRef = new Map(entities.map((e) => [e.ref, e.id]));
  const rows: (RawRow & { subject: string; present?: boolean })[] = options.identity
    ? await db.reads.query<RawRow & { subject: string }>(Prisma.sql`
        SELECT r.origin_id::text AS subject, 'out' AS direction, r.type, r.target_ref AS other_ref, t.kind, t.namespace, t.name, t.metadata->>'title' AS title
          FROM relations r LEFT JOIN entities t ON t.ref = r.target_ref
         WHERE r.origin_id = ANY(${ids}::uuid[])
        UNION ALL
        SELECT r.target_ref AS subject, 'in' AS direction, r.type, o.ref AS other_ref, o.kind, o.namespace, o.name, o.metadata->>'title' AS title
          FROM relations r JOIN entities o ON o.id = r.origin_id
         WHERE r.target_ref = ANY(${refs}::text[]) AND o.ref <> r.target_ref`, { prepare: true })
    : await db.reads.query<RawRow & { subject: string; present?: boolean }>(Prisma.sql`
        SELECT r.origin_id::text AS subject, 'out' AS direction, r.type, r.target_ref AS other_ref,
               EXISTS (SELECT 1 FROM entities t WHERE t.ref = r.target_ref) AS present
          FROM relations r
         WHERE r.origin_id = ANY(${ids}::uuid[])
        UNION ALL
        SELECT r.target_ref AS subject, 'in' AS direction, r.type, o.ref AS other_ref, TRUE AS present
          FROM relations r JOIN entities o ON o.id = r.origin_id
         WHERE r.target_ref = ANY(${refs}::text[]) AND o.ref <> r.target_ref`, { prepare: true });
  for (const r of rows) {
    const subject = r.direction === "in" ? idByRef.get(r.subject) : r.subject;
    if (!subject) continue;
    const exists = "present" in r ? Boolean(r.present) : r.kind !== null;
    result.get(subject)?.push({
      direction: r.direction,
      type: r.type,
      otherRef: r.other_ref,
      exists,
      ...(options.identity
        ? { other: exists && r.kind && r.namespace && r.name ? { kind: r.kind, namespace: r.namespace, name: r.name, title: r.title } : null }
        : {}),
    });
  }
  return result;
}

/** An entity with its relation rows (as relationsOfMany gives them without identity). */
export interface LoadedEntity {
  record: EntityRecord;
  relations: RelationRow[];
}

/** Both directions as [direction, type, other ref, whether the other side exists], for one entity `e`. */
const RELATION_ROWS_OF_E = Prisma.sql`(
  SELECT coalesce(json_agg(json_build_array(x.direction, x.type, x.other_ref, x.present)), '[]'::json)
    FROM (SELECT 'out' AS direction, r.type, r.target_ref AS other_ref, EXISTS (SELECT 1 FROM entities t WHERE t.ref = r.target_ref) AS present
            FROM relations r WHERE r.origin_id = e.id
          UNION ALL
          SELECT 'in', r.type, o.ref, TRUE
            FROM relations r JOIN entities o ON o.id = r.origin_id
           WHERE r.target_ref = e.ref AND o.ref <> r.target_ref) x)`;

/**
 * Entities with their relations and the catalog version, all read in one statement (one snapshot),
 * so what is remembered under that version is exactly what the catalog held at it. Unknown ids are
 * left out.
 */
export async function loadEntities(db: Db, ids: string[]): Promise<{ version: string; loaded: LoadedEntity[] }> {
  if (ids.length === 0) return { version: "0", loaded: [] };
  const rows = await db.reads.query<EntityRecord & { relation_rows: [RelationRow["direction"], string, string, boolean][]; catalog_version: string }>(
    Prisma.sql`SELECT ${ENTITY_COLUMNS}, ${RELATION_ROWS_OF_E} AS relation_rows, (SELECT version::text FROM catalog_state WHERE id = 1) AS catalog_version
                 FROM entities e WHERE e.id = ANY(${ids}::uuid[])`,
    { prepare: true },
  );
  const version = rows[0]?.catalog_version ?? "0";
  const loaded = rows.map(({ relation_rows: relations, catalog_version: _, ...record }) => ({
    record,
    relations: relations.map(([direction, type, otherRef, exists]) => ({ direction, type, otherRef, exists })),
  }));
  return { version, loaded };
}

/** What a caller already holds of an entity: served as of this catalog version and etag. */
export interface KnownEntity {
  id: string;
  etag: string;
  version: string;
}

/**
 * One entity with its relations and the catalog version, in one statement, unless `known` is still
 * current (same uid, etag and catalog version): then only the key comes back (`loaded: null`) and
 * PostgreSQL neither reads the descriptor nor gathers the relations. null when there is no such entity.
 */
export async function loadEntityUnlessKnown(
  db: Db,
  where: { ref: string } | { id: string },
  known: KnownEntity | undefined,
): Promise<{ version: string; loaded: LoadedEntity | null } | null> {
  if ("id" in where && !isUuid(where.id)) return null;
  const condition = "ref" in where ? Prisma.sql`k.ref = ${where.ref}` : Prisma.sql`k.id = ${where.id}::uuid`;
  const [row] = await db.reads.query<Partial<EntityRecord> & { key_id: string; relation_rows: [RelationRow["direction"], string, string, boolean][] | null; catalog_version: string }>(
    Prisma.sql`SELECT k.id::text AS key_id, v.catalog_version, f.*
                 FROM entities k
                 LEFT JOIN (SELECT version::text AS catalog_version FROM catalog_state WHERE id = 1) v ON TRUE
                 LEFT JOIN LATERAL (
                   SELECT ${ENTITY_COLUMNS}, ${RELATION_ROWS_OF_E} AS relation_rows FROM entities e
                    WHERE e.id = k.id AND NOT (k.id::text = ${known?.id ?? ""} AND k.etag = ${known?.etag ?? ""} AND v.catalog_version IS NOT DISTINCT FROM ${known?.version ?? ""})
                 ) f ON TRUE
                WHERE ${condition}`,
    { prepare: true },
  );
  if (!row) return null;
  const version = row.catalog_version ?? "0";
  if (row.relation_rows === null) return { version, loaded: null };
  const { key_id: _, catalog_version: __, relation_rows: relations, ...record } = row;
  return { version, loaded: { record: record as EntityRecord, relations: relations.map(([direction, type, otherRef, exists]) => ({ direction, type, otherRef, exists })) } };
}
