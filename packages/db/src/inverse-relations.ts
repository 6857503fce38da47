import { RELATION_FIELDS, RELATION_PAIRS } from "@cartograph/contracts";
import { Prisma } from "./generated/prisma/client.ts";

/** The relation types `relations` can hold: the ones descriptor fields emit (deriveRelations). */
const STORED_TYPES: ReadonlySet<string> = new Set(Object.values(RELATION_FIELDS).flatMap((fields) => fields.map((f) => f.relation)));

/**
 * Each `relations.<type>` search key (lower-cased) whose inverse some entity can declare, mapped to
 * that stored, camelCase inverse (`relations.ownerof` -> `ownedBy`). Keys left out have no inverse
 * side at all: unknown types, and those whose inverse no field emits (nothing stores `ownerOf`, so
 * `relations.ownedby` is answered by what entities declare, and stays on its column).
 */
const INVERSE_OF_KEY: ReadonlyMap<string, string> = new Map(
  RELATION_PAIRS.flatMap(({ forward, reverse }) =>
    [
      [`relations.${forward.toLowerCase()}`, reverse] as const,
      [`relations.${reverse.toLowerCase()}`, forward] as const,
    ].filter(([, inverse]) => STORED_TYPES.has(inverse)),
  ),
);

/** The stored type whose rows, read from their target, give search key `key`; undefined when none can. */
export function inverseTypeOf(key: string): string | undefined {
  return INVERSE_OF_KEY.get(key);
}

/**
 * Another entity `o`, for which `originMatch` (a condition on `o.ref`) holds, declares a relation
 * of `type` towards entity `e`. A relation to itself gives no inverse, as the served relations have
 * none. Tied to `e` by an equality only, so the planner can run it once, hashed, or probe
 * `relations` by target for each entity, whichever is cheaper.
 */
export function declaredTowardsSql(type: string, originMatch: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM relations r JOIN entities o ON o.id = r.origin_id
     WHERE r.target_ref = e.ref AND r.type = ${type} AND o.ref <> r.target_ref AND ${originMatch})`;
}

/**
 * Ids of the entities another entity `o`, for which `originMatch` holds, declares a relation of
 * `type` towards (a relation to a missing entity has no target to give, one to itself no inverse).
 */
export function targetsOfSql(type: string, originMatch: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT t.id FROM entities o JOIN relations r ON r.origin_id = o.id JOIN entities t ON t.ref = r.target_ref
     WHERE ${originMatch} AND r.type = ${type} AND o.ref <> r.target_ref`;
}

/**
 * Rows (key, value, entity_id) of each key in `keys` for the entities `filters` selects (over
 * `entities e`): the search index's, and for relation keys with an inverse also one per relation
 * another entity declares towards the entity (value: that entity's ref). Each triple once, so an
 * entity counts once per value even when both sides declare the relation.
 */
export function searchRowsSql(keys: string[], filters: Prisma.Sql): Prisma.Sql {
  const inverse = keys.flatMap((key) => {
    const type = inverseTypeOf(key);
    return type ? [{ key, type }] : [];
  });
  if (inverse.length === 0) {
    return Prisma.sql`SELECT s.key, s.value, s.entity_id FROM entity_search s
       WHERE s.key = ANY(${keys}::text[]) AND s.entity_id IN (SELECT e.id FROM entities e WHERE ${filters})`;
  }
  return Prisma.sql`
    WITH picked AS (SELECT e.id, e.ref FROM entities e WHERE ${filters})
    SELECT s.key, s.value, s.entity_id FROM entity_search s
     WHERE s.key = ANY(${keys}::text[]) AND s.entity_id IN (SELECT p.id FROM picked p)
    UNION
    SELECT k.key, o.ref, p.id
      FROM unnest(${inverse.map((i) => i.key)}::text[], ${inverse.map((i) => i.type)}::text[]) k(key, type)
      JOIN relations r ON r.type = k.type
      JOIN picked p ON p.ref = r.target_ref
      JOIN entities o ON o.id = r.origin_id
     WHERE o.ref <> r.target_ref`;
}
