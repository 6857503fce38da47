import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { type EntityRecord, entityRepository } from "./entities.ts";
import { cachedByVersion, sqlKey } from "./query-cache.ts";

/** A condition on one search key (lower-cased): the entity has at least one of `values`. */
export interface FieldCondition {
  key: string;
  values: string[];
}

/** Entities match when ANY group matches; a group matches when ALL its conditions do. No groups: all entities. */
export type FilterGroups = FieldCondition[][];

export type OrderField = "ref" | "name" | "kind" | "updatedAt";

export interface QueryParams {
  where: FilterGroups;
  /** Free text: full-text (prefix) over name, title, description and tags, plus substring match. */
  text?: string;
  /** Without `text`: a field; with it: relevance unless a field is asked for. */
  order?: { field: OrderField; direction: "asc" | "desc" };
  limit: number;
  /** Position after the last item of the previous page. */
  after?: { value: string; ref: string } | { offset: number };
  withTotal: boolean;
}

const ORDER_COLUMNS: Record<OrderField, Prisma.Sql> = {
  ref: Prisma.sql`e.ref`,
  name: Prisma.sql`e.name`,
  kind: Prisma.sql`e.kind`,
  updatedAt: Prisma.sql`to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
};

/** Keys with a column of their own (lower-cased like the search index), matched with plain btree indexes. */
const COLUMN_KEYS: Record<string, Prisma.Sql> = {
  kind: Prisma.sql`e.kind_key`,
  "metadata.namespace": Prisma.sql`e.namespace`,
  "spec.type": Prisma.sql`e.spec_type`,
  "spec.lifecycle": Prisma.sql`e.lifecycle`,
  // spec.owner is a single reference, so every entity has at most one ownedBy relation.
  "relations.ownedby": Prisma.sql`e.owner_ref`,
};

function conditionSql(c: FieldCondition): Prisma.Sql {
  const column = COLUMN_KEYS[c.key];
  if (column) return Prisma.sql`${column} IN (${Prisma.join(c.values)})`;
  return Prisma.sql`EXISTS (SELECT 1 FROM entity_search s WHERE s.entity_id = e.id AND s.key = ${c.key} AND s.value IN (${Prisma.join(c.values)}))`;
}

function whereSql(where: FilterGroups): Prisma.Sql {
  const groups = where.filter((g) => g.length > 0);
  if (groups.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(groups.map((g) => Prisma.sql`(${Prisma.join(g.map(conditionSql), " AND ")})`), " OR ");
}

/** Words become prefix terms (`pay gate` finds payments-gateway); anything but letters, digits, - _ . is dropped. */
function prefixQuery(text: string): string | null {
  const terms = text
    .toLocaleLowerCase("en-US")
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}_.-]/gu, ""))
    .filter(Boolean)
    .slice(0, 8);
  return terms.length ? terms.map((t) => `'${t}':*`).join(" & ") : null;
}

function textSql(text: string | undefined): { match: Prisma.Sql; rank: Prisma.Sql } | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const query = prefixQuery(trimmed);
  const pattern = `%${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const fullText = query ? Prisma.sql`e.search_vector @@ to_tsquery('simple', ${query})` : Prisma.sql`FALSE`;
  return {
    match: Prisma.sql`(${fullText} OR e.search_text ILIKE ${pattern})`,
    rank: Prisma.sql`(${query ? Prisma.sql`ts_rank(e.search_vector, to_tsquery('simple', ${query}))` : Prisma.sql`0`}
             + CASE WHEN lower(e.name) = lower(${trimmed}) THEN 1 ELSE 0 END
             + similarity(e.name, ${trimmed}))`,
  };
}

export interface QueryPage {
  items: EntityRecord[];
  /** Sort value and ref of the last item, or the next offset for relevance order. */
  next?: { value: string; ref: string } | { offset: number };
  total?: number;
}

export async function queryEntities(db: Db, params: QueryParams): Promise<QueryPage> {
  const text = textSql(params.text);
  const filters = Prisma.sql`(${whereSql(params.where)})${text ? Prisma.sql` AND ${text.match}` : Prisma.empty}`;
  const byRelevance = text !== null && !params.order;
  const order = params.order ?? { field: "ref" as const, direction: "asc" as const };
  const column = ORDER_COLUMNS[order.field];
  const dir = order.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;

  let page: Prisma.Sql;
  let orderBy: Prisma.Sql;
  if (byRelevance) {
    const offset = params.after && "offset" in params.after ? params.after.offset : 0;
    orderBy = Prisma.sql`ORDER BY ${text!.rank} DESC, e.ref ASC`;
    page = Prisma.sql`LIMIT ${params.limit + 1} OFFSET ${offset}`;
  } else {
    orderBy = Prisma.sql`ORDER BY ${column} ${dir}, e.ref ${dir}`;
    page = Prisma.sql`LIMIT ${params.limit + 1}`;
  }
  const after =
    !byRelevance && params.after && "value" in params.after
      ? order.direction === "desc"
        ? Prisma.sql` AND (${column}, e.ref) < (${params.after.value}, ${params.after.ref})`
        : Prisma.sql` AND (${column}, e.ref) > (${params.after.value}, ${params.after.ref})`
      : Prisma.empty;

  const pageSql = Prisma.sql`
    SELECT e.id::text AS id, ${byRelevance ? Prisma.sql`''` : column} AS sort_value
      FROM entities e
     WHERE ${filters}${after}
     ${orderBy} ${page}`;
  // Text searches rank every match, the costliest read there is: remembered until the next change.
  const rows = text
    ? await cachedByVersion(db, sqlKey("page", pageSql), () => db.query<{ id: string; sort_value: string }>(pageSql))
    : await db.query<{ id: string; sort_value: string }>(pageSql);
  const hasMore = rows.length > params.limit;
  const pageRows = rows.slice(0, params.limit);
  const records = await entityRepository(db).findByIds(pageRows.map((r) => r.id));
  const byId = new Map(records.map((r) => [r.id, r]));
  const items = pageRows.map((r) => byId.get(r.id)).filter((r): r is EntityRecord => r !== undefined);

  let next: QueryPage["next"];
  const last = items.at(-1);
  if (hasMore && last) {
    const offset = params.after && "offset" in params.after ? params.after.offset : 0;
    next = byRelevance ? { offset: offset + params.limit } : { value: pageRows.at(-1)!.sort_value, ref: last.ref };
  }
  let total: number | undefined;
  if (params.withTotal) {
    const countSql = Prisma.sql`SELECT count(*) AS n FROM entities e WHERE ${filters}`;
    total = await cachedByVersion(db, sqlKey("count", countSql), async () => Number((await db.query<{ n: string }>(countSql))[0]?.n ?? 0));
  }
  return { items, next, total };
}

/** Counts per value of each facet key among the entities the filters select; remembered until the next change. */
export async function facetCounts(db: Db, params: { facets: string[]; where: FilterGroups; text?: string }) {
  return cachedByVersion(db, `facets\0${JSON.stringify(params)}`, () => computeFacets(db, params));
}

async function computeFacets(db: Db, params: { facets: string[]; where: FilterGroups; text?: string }) {
  const text = textSql(params.text);
  const filters = Prisma.sql`(${whereSql(params.where)})${text ? Prisma.sql` AND ${text.match}` : Prisma.empty}`;
  const result: Record<string, { value: string; count: number }[]> = {};
  for (const facet of params.facets) {
    const column = COLUMN_KEYS[facet];
    if (column) {
      const rows = await db.query<{ value: string; count: string }>(Prisma.sql`
        SELECT ${column} AS value, count(*) AS count FROM entities e
         WHERE ${filters} AND ${column} IS NOT NULL
         GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1000`);
      result[facet] = rows.map((r) => ({ value: r.value, count: Number(r.count) }));
      continue;
    }
    const rows = await db.query<{ value: string; count: string }>(Prisma.sql`
      SELECT s.value, count(*) AS count
        FROM entity_search s
       WHERE s.key = ${facet} AND s.entity_id IN (SELECT e.id FROM entities e WHERE ${filters})
       GROUP BY s.value
       ORDER BY count(*) DESC, s.value
       LIMIT 1000`);
    result[facet] = rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  }
  return result;
}
