import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * One stored relation row met while walking from `subject`: `out` rows are declared by the subject
 * (subject --type--> other), `in` rows by `other` about the subject (other --type--> subject).
 */
export interface NeighbourRow {
  subject: string;
  direction: "out" | "in";
  type: string;
  other: string;
}

/** Which stored types to read on each side; null reads every type. */
export interface NeighbourTypes {
  out: string[] | null;
  in: string[] | null;
}

/**
 * The relation rows touching any of `refs`, both sides, in one query: one breadth-first level of a
 * graph walk. A relation of an entity to itself is left out (it leads nowhere). The refs are
 * joined from unnest() so the planner sees how few they are and probes the indexes per ref; with
 * `= ANY()` it costed hub targets as if every ref were one and started parallel workers for a
 * query of a few milliseconds.
 */
export async function neighboursOf(db: Db, refs: string[], types: NeighbourTypes): Promise<NeighbourRow[]> {
  if (refs.length === 0) return [];
  const parts: Prisma.Sql[] = [];
  if (types.out === null || types.out.length > 0) {
    parts.push(Prisma.sql`SELECT e.ref AS subject, 'out' AS direction, r.type, r.target_ref AS other
      FROM unnest(${refs}::text[]) f(ref) JOIN entities e ON e.ref = f.ref JOIN relations r ON r.origin_id = e.id
     WHERE r.target_ref <> e.ref ${types.out ? Prisma.sql`AND r.type = ANY(${types.out}::text[])` : Prisma.empty}`);
  }
  if (types.in === null || types.in.length > 0) {
    parts.push(Prisma.sql`SELECT r.target_ref AS subject, 'in' AS direction, r.type, o.ref AS other
      FROM unnest(${refs}::text[]) f(ref) JOIN relations r ON r.target_ref = f.ref JOIN entities o ON o.id = r.origin_id
     WHERE o.ref <> r.target_ref ${types.in ? Prisma.sql`AND r.type = ANY(${types.in}::text[])` : Prisma.empty}`);
  }
  if (parts.length === 0) return [];
  return db.reads.query<NeighbourRow>(Prisma.join(parts, " UNION ALL "));
}

/** A stored relation row between two entities, by ref. */
export interface RelationEdgeRow {
  origin: string;
  type: string;
  target: string;
}

/**
 * Every stored relation declared by one of `refs` towards another of `refs`. Read by origin only
 * (a few rows per entity, straight from the primary key) and filtered here: asking the database
 * for the targets too made it read every row pointing at a hub (a team, a system) in the set.
 */
export async function relationsAmong(db: Db, refs: string[]): Promise<RelationEdgeRow[]> {
  if (refs.length === 0) return [];
  const rows = await db.reads.query<RelationEdgeRow>(
    Prisma.sql`SELECT e.ref AS origin, r.type, r.target_ref AS target
      FROM unnest(${refs}::text[]) f(ref) JOIN entities e ON e.ref = f.ref JOIN relations r ON r.origin_id = e.id
     WHERE r.target_ref <> e.ref`,
  );
  const wanted = new Set(refs);
  return rows.filter((r) => wanted.has(r.target));
}

/** What a graph node shows of an entity. */
export interface GraphNodeRow {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  type: string | null;
  lifecycle: string | null;
  owner: string | null;
  /** The System the entity is partOf (canonical ref), if any. */
  system: string | null;
}

/** The node details of the entities among `refs` that exist, in one query. */
export async function graphNodes(db: Db, refs: string[]): Promise<GraphNodeRow[]> {
  if (refs.length === 0) return [];
  return db.reads.query<GraphNodeRow>(
    Prisma.sql`SELECT e.ref, e.kind, e.namespace, e.name, e.metadata->>'title' AS title, e.spec_type AS type, e.lifecycle, e.owner_ref AS owner,
        (SELECT min(r.target_ref) FROM relations r WHERE r.origin_id = e.id AND r.type = 'partOf' AND r.target_ref LIKE 'system:%') AS system
      FROM unnest(${refs}::text[]) f(ref) JOIN entities e ON e.ref = f.ref`,
  );
}

/**
 * Everything transitively partOf `root` (declared by the part), with how many partOf hops away:
 * a system's components, APIs and resources and their subcomponents; a domain's systems,
 * subdomains and their parts. Bounded in depth so a cycle of partOf cannot run away.
 */
export async function partsOf(db: Db, root: string, maxDepth = 8): Promise<{ ref: string; depth: number }[]> {
  return db.reads.query<{ ref: string; depth: number }>(
    Prisma.sql`WITH RECURSIVE parts(ref, depth) AS (
        SELECT ${root}::text, 0
      UNION
        SELECT o.ref, p.depth + 1
          FROM parts p JOIN relations r ON r.target_ref = p.ref AND r.type = 'partOf'
          JOIN entities o ON o.id = r.origin_id
         WHERE p.depth < ${maxDepth}
      )
      SELECT ref, min(depth)::int AS depth FROM parts WHERE ref <> ${root} GROUP BY ref`,
    { prepare: true },
  );
}

/** Which of `refs` name an entity in the catalog (one query). */
export async function existingRefs(db: Db, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db.reads.query<{ ref: string }>(Prisma.sql`SELECT ref FROM entities WHERE ref = ANY(${refs}::text[])`, { prepare: true });
  return new Set(rows.map((r) => r.ref));
}
