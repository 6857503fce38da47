import type { Db } from "./client.ts";

/**
 * One relation as seen from an entity: `out` rows are declared by the entity itself; `in` rows are
 * declared by another entity about this one (the reader turns their type into the inverse).
 * `other` is null when the related entity does not exist (a dangling relation).
 */
export interface RelationRow {
  direction: "out" | "in";
  type: string;
  otherRef: string;
  other: { kind: string; namespace: string; name: string; title: string | null } | null;
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
  return (await relationsOfMany(db, [entity])).get(entity.id) ?? [];
}

/** The relations of a whole page of entities in one query (no query per entity). */
export async function relationsOfMany(db: Db, entities: { id: string; ref: string }[]): Promise<Map<string, RelationRow[]>> {
  const result = new Map<string, RelationRow[]>(entities.map((e) => [e.id, []]));
  if (entities.length === 0) return result;
  const ids = entities.map((e) => e.id);
  const rows = await db.prisma.$queryRaw<(RawRow & { subject: string })[]>`
    SELECT r.origin_id::text AS subject, 'out' AS direction, r.type, r.target_ref AS other_ref, t.kind, t.namespace, t.name, t.metadata->>'title' AS title
      FROM relations r LEFT JOIN entities t ON t.ref = r.target_ref
     WHERE r.origin_id = ANY(${ids}::uuid[])
    UNION ALL
    SELECT s.id::text AS subject, 'in' AS direction, r.type, o.ref AS other_ref, o.kind, o.namespace, o.name, o.metadata->>'title' AS title
      FROM entities s
      JOIN relations r ON r.target_ref = s.ref AND r.origin_id <> s.id
      JOIN entities o ON o.id = r.origin_id
     WHERE s.id = ANY(${ids}::uuid[])`;
  for (const r of rows) {
    result.get(r.subject)?.push({
      direction: r.direction,
      type: r.type,
      otherRef: r.other_ref,
      other: r.kind && r.namespace && r.name ? { kind: r.kind, namespace: r.namespace, name: r.name, title: r.title } : null,
    });
  }
  return result;
}
