import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { type EntityRecord, entityRepository } from "./entities.ts";
import { declaredTowardsSql, inverseTypeOf, searchRowsSql, targetsOfSql } from "./inverse-relations.ts";
import { cachedByVersion, catalogVersion, sqlKey } from "./query-cache.ts";

/** A condition on one search key (lower-cased): the entity has at least one of `values`. */
export interface FieldCondition {
  key: string;
  values: string[];
}

/**
 * Every kind of condition. Keys and values are lower-cased like the search index. Nested groups
 * (`anyOf`, `not`) are strict: no groups is false, an empty group is true.
 */
export type Condition =
  | FieldCondition
  /** The entity has the key, with any value. */
  | { key: string; exists: true }
  /** Some value of the key starts with `prefix`. */
  | { key: string; prefix: string }
  /** Some value of the key contains `substring`. */
  | { key: string; substring: string }
  /** The entity's canonical ref is one of these. */
  | { refs: string[] }
  /** At least one group holds. */
  | { anyOf: FilterGroups }
  /** No group holds. */
  | { not: FilterGroups };

/** Entities match when ANY group matches; a group matches when ALL its conditions do. No groups: all entities. */
export type FilterGroups = Condition[][];

/** Order by a search key's (lower-cased) value; entities without the key come last either way. */
export interface SortKey {
  key: string;
  direction: "asc" | "desc";
}

/** A keyset position (sort value and ref of the last item; `missing` when it lacked the sort key) or an offset. */
export type Position = { value: string; ref: string; missing?: boolean } | { offset: number };

export type OrderField = "ref" | "name" | "kind" | "updatedAt";

export interface QueryParams {
  where: FilterGroups;
  /** Free text: full-text (prefix) over name, title, description and tags, plus substring match. */
  text?: string;
  /** Without `text`: a field; with it: relevance unless a field is asked for. */
  order?: { field: OrderField; direction: "asc" | "desc" };
  /** Overrides `order` and relevance. One key pages by keyset; several page by offset only. */
  sort?: SortKey[];
  limit: number;
  /** Position after the last item of the previous page; an offset applies in every order. */
  after?: Position;
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

/**
 * Keys every filter, facet and sort answers from COLUMN_KEYS alone, so the search index does not
 * store them (a fifth of its rows). relations.ownedby stays indexed: Backstage-style relation facets read it.
 */
export const UNINDEXED_COLUMN_KEYS: ReadonlySet<string> = new Set(Object.keys(COLUMN_KEYS).filter((key) => !key.startsWith("relations.")));

/** Keys answered from the entity row itself (they are not in the search index). */
const IDENTITY_KEYS: Record<string, Prisma.Sql> = {
  "metadata.uid": Prisma.sql`e.id::text`,
};

const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A condition on one key. */
type KeyCondition = Exclude<Condition, { refs: string[] } | { anyOf: FilterGroups } | { not: FilterGroups }>;

/** How a value must compare, applied to a column or to the search index's value. */
function valueSql(c: KeyCondition, value: Prisma.Sql): Prisma.Sql {
  if ("values" in c) return c.values.length > 0 ? Prisma.sql`${value} IN (${Prisma.join(c.values)})` : Prisma.sql`FALSE`;
  if ("prefix" in c) return Prisma.sql`${value} LIKE ${`${likeEscape(c.prefix)}%`}`;
  if ("substring" in c) return Prisma.sql`${value} LIKE ${`%${likeEscape(c.substring)}%`}`;
  return Prisma.sql`${value} IS NOT NULL`;
}

/** `negated`: the condition sits under an odd number of `not`s. */
function conditionSql(c: Condition, negated = false): Prisma.Sql {
  if ("anyOf" in c) return anySql(c.anyOf, negated);
  if ("not" in c) return Prisma.sql`NOT ${anySql(c.not, !negated)}`;
  if ("refs" in c) return c.refs.length > 0 ? Prisma.sql`e.ref IN (${Prisma.join(c.refs)})` : Prisma.sql`FALSE`;
  const column = IDENTITY_KEYS[c.key] ?? COLUMN_KEYS[c.key];
  if (column) return valueSql(c, column);
  const inverse = inverseTypeOf(c.key);
  if (inverse) return relationSql(c, inverse, negated);
  return Prisma.sql`EXISTS (SELECT 1 FROM entity_search s WHERE s.entity_id = e.id AND s.key = ${c.key} AND ${valueSql(c, Prisma.sql`s.value`)})`;
}

/** A relation holds when the entity declares it, or another entity declares its inverse (`inverse`) towards it. */
function relationSql(c: KeyCondition, inverse: string, negated: boolean): Prisma.Sql {
  const declared = valueSql(c, Prisma.sql`s.value`);
  const origin = valueSql(c, Prisma.sql`o.ref`);
  if ("values" in c && !negated) {
    // Given refs: one subquery of index lookups from them, which the planner joins like any other
    // (a semi-join) instead of testing every entity against both sides.
    return Prisma.sql`EXISTS (SELECT 1 FROM (SELECT s.entity_id AS id FROM entity_search s WHERE s.key = ${c.key} AND ${declared}
      UNION ALL ${targetsOfSql(inverse, origin)}) x WHERE x.id = e.id)`;
  }
  // Open-ended refs (existence, prefix, substring), or under NOT, where that subquery would become
  // an anti-join the planner can only run as a nested loop over its materialized rows (seconds on a
  // large catalog): each side is a test run once hashed or probed by index per entity.
  return Prisma.sql`(EXISTS (SELECT 1 FROM entity_search s WHERE s.entity_id = e.id AND s.key = ${c.key} AND ${declared})
    OR ${declaredTowardsSql(inverse, origin)})`;
}

/** Strict OR of AND groups, for nested conditions. */
function anySql(groups: FilterGroups, negated: boolean): Prisma.Sql {
  if (groups.length === 0) return Prisma.sql`FALSE`;
  const and = (g: Condition[]) => (g.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(g.map((c) => conditionSql(c, negated)), " AND ")})`);
  return Prisma.sql`(${Prisma.join(groups.map(and), " OR ")})`;
}

/** The SQL of top-level filter groups over `entities e`. */
export function whereSql(where: FilterGroups): Prisma.Sql {
  const groups = where.filter((g) => g.length > 0);
  if (groups.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(groups.map((g) => Prisma.sql`(${Prisma.join(g.map((c) => conditionSql(c)), " AND ")})`), " OR ");
}

/** Words become prefix terms (`pay gate` finds payments-gateway); anything but letters, digits, - _ . is dropped. */
function prefixQuery(text: string): string | null {
  const terms = text
    .toLowerCase()
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
  const pattern = `%${likeEscape(trimmed)}%`;
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
  /** The catalog version this request read, when it read one (text search, totals). */
  version?: string;
  /** Sort value and ref of the last item, or the next offset (relevance order, several sort keys). */
  next?: Position;
  total?: number;
}

/** How a page is ordered and where it starts. */
interface Plan {
  /** The statement without its ORDER BY, selecting `id`, `sort_value` and then `columns` (empty, or a leading comma and `e.` columns). */
  select(filters: Prisma.Sql, columns: Prisma.Sql): Prisma.Sql;
  orderBy: Prisma.Sql;
  next(last: { sortValue: string | null; ref: string }, offset: number, limit: number): Position;
  /** Whether ordering means sorting every match (no index gives the order). */
  costly?: boolean;
}

/** Conditions that read every value of a key rather than look one up. */
function scans(c: Condition): boolean {
  if ("anyOf" in c) return c.anyOf.some((g) => g.some(scans));
  if ("not" in c) return c.not.some((g) => g.some(scans));
  return "prefix" in c || "substring" in c;
}

/** ENTITY_COLUMNS of `entities e`, after the page's own `id` and `sort_value`. */
const PAGE_COLUMNS = Prisma.sql`, e.ref, e.kind, e.namespace, e.name, e.api_version AS "apiVersion", e.metadata, e.spec, e.etag, e.source,
  e.status_items AS "statusItems", e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** The entity out of a page row (which also carries the plan's sort columns). */
const pickRecord = (r: EntityRecord): EntityRecord => ({
  id: r.id, ref: r.ref, kind: r.kind, namespace: r.namespace, name: r.name, apiVersion: r.apiVersion, metadata: r.metadata, spec: r.spec,
  etag: r.etag, source: r.source, statusItems: r.statusItems, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const offsetOf = (after: Position | undefined) => (after && "offset" in after ? after.offset : 0);

function relevancePlan(rank: Prisma.Sql): Plan {
  return {
    select: (filters, columns) => Prisma.sql`SELECT e.id::text AS id, '' AS sort_value${columns} FROM entities e WHERE ${filters}`,
    orderBy: Prisma.sql`ORDER BY ${rank} DESC, e.ref ASC`,
    next: (_last, offset, limit) => ({ offset: offset + limit }),
  };
}

function fieldPlan(order: NonNullable<QueryParams["order"]>, after: Position | undefined): Plan {
  const column = ORDER_COLUMNS[order.field];
  const dir = order.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const keyset =
    after && "ref" in after
      ? Prisma.sql` AND (${column}, e.ref) ${order.direction === "desc" ? Prisma.sql`<` : Prisma.sql`>`} (${after.value}, ${after.ref})`
      : Prisma.empty;
  return {
    select: (filters, columns) => Prisma.sql`SELECT e.id::text AS id, ${column} AS sort_value${columns} FROM entities e WHERE ${filters}${keyset}`,
    orderBy: Prisma.sql`ORDER BY ${column} ${dir}, e.ref ${dir}`,
    next: (last) => ({ value: last.sortValue ?? "", ref: last.ref }),
  };
}

function sortValueSql(key: string): Prisma.Sql {
  return IDENTITY_KEYS[key] ?? COLUMN_KEYS[key] ?? Prisma.sql`(SELECT min(s.value) FROM entity_search s WHERE s.entity_id = e.id AND s.key = ${key})`;
}

/**
 * Search-key order. Each key sorts as (lacks it, value) ascending or (has it, value) descending,
 * so entities without the key come last both ways and one row comparison gives the keyset.
 */
function sortPlan(sort: SortKey[], after: Position | undefined): Plan {
  const values = sort.map((k, i) => Prisma.sql`${sortValueSql(k.key)} AS sv${Prisma.raw(String(i))}`);
  const terms = sort.map((k, i) => {
    const v = Prisma.raw(`q.sv${i}`);
    return k.direction === "desc"
      ? Prisma.sql`(${v} IS NOT NULL) DESC, coalesce(${v}, '') DESC`
      : Prisma.sql`(${v} IS NULL) ASC, coalesce(${v}, '') ASC`;
  });
  const single = sort.length === 1 ? sort[0]! : null;
  let keyset = Prisma.sql`TRUE`;
  if (single && after && "ref" in after) {
    const desc = single.direction === "desc";
    const flag = desc ? Prisma.sql`(q.sv0 IS NOT NULL)` : Prisma.sql`(q.sv0 IS NULL)`;
    const missing = after.missing === true;
    const at = Prisma.sql`(${desc ? !missing : missing}::boolean, ${after.value}::text, ${after.ref}::text)`;
    keyset = Prisma.sql`(${flag}, coalesce(q.sv0, ''), q.sort_ref) ${desc ? Prisma.sql`<` : Prisma.sql`>`} ${at}`;
  }
  const refDir = single?.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return {
    select: (filters, columns) => Prisma.sql`
      SELECT q.*, q.sv0 AS sort_value
        FROM (SELECT e.id::text AS id, e.ref AS sort_ref, ${Prisma.join(values)}${columns} FROM entities e WHERE ${filters}) q
       WHERE ${keyset}`,
    orderBy: Prisma.sql`ORDER BY ${Prisma.join(terms)}, q.sort_ref ${refDir}`,
    costly: true,
    next: (last, offset, limit) =>
      single ? { value: last.sortValue ?? "", ref: last.ref, ...(last.sortValue === null ? { missing: true } : {}) } : { offset: offset + limit },
  };
}

/**
 * Sort keys every entity has, with a lower-cased column of their own: ordering by them walks a
 * btree index (with `kind` filtered, `(kind_key, name_key, ref)`) instead of sorting all matches.
 */
const SORT_COLUMNS: Record<string, Prisma.Sql> = {
  "metadata.name": Prisma.sql`e.name_key`,
  kind: Prisma.sql`e.kind_key`,
};

/** Keyset order on a never-null column; the same positions as sortPlan gives for that key. */
function columnSortPlan(column: Prisma.Sql, direction: "asc" | "desc", after: Position | undefined): Plan {
  const dir = direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const keyset =
    after && "ref" in after
      ? Prisma.sql` AND (${column}, e.ref) ${direction === "desc" ? Prisma.sql`<` : Prisma.sql`>`} (${after.value}, ${after.ref})`
      : Prisma.empty;
  return {
    select: (filters, columns) => Prisma.sql`SELECT e.id::text AS id, ${column} AS sort_value${columns} FROM entities e WHERE ${filters}${keyset}`,
    orderBy: Prisma.sql`ORDER BY ${column} ${dir}, e.ref ${dir}`,
    next: (last) => ({ value: last.sortValue ?? "", ref: last.ref }),
  };
}

/** What tells whether a served entity is still current: its uid and etag. */
export interface EntityKey {
  id: string;
  ref: string;
  etag: string;
}

/**
 * The keys of the entities with these canonical refs that also match `where`, and the catalog
 * version read in the same statement: enough to serve remembered entities without reading them.
 */
export async function entityKeysByRefs(db: Db, refs: string[], where: FilterGroups): Promise<{ version: string; keys: EntityKey[] }> {
  if (refs.length === 0) return { version: "0", keys: [] };
  const rows = await db.reads.query<EntityKey & { catalog_version: string }>(
    Prisma.sql`SELECT e.id::text AS id, e.ref, e.etag, (SELECT version::text FROM catalog_state WHERE id = 1) AS catalog_version
                 FROM entities e WHERE e.ref = ANY(${refs}::text[]) AND (${whereSql(where)})`,
  );
  return { version: rows[0]?.catalog_version ?? "0", keys: rows.map(({ id, ref, etag }) => ({ id, ref, etag })) };
}

export async function queryEntities(db: Db, params: QueryParams): Promise<QueryPage> {
  const text = textSql(params.text);
  const filters = Prisma.sql`(${whereSql(params.where)})${text ? Prisma.sql` AND ${text.match}` : Prisma.empty}`;
  let plan: Plan;
  const onlyKey = params.sort?.length === 1 ? params.sort[0]! : null;
  if (onlyKey && SORT_COLUMNS[onlyKey.key]) {
    plan = columnSortPlan(SORT_COLUMNS[onlyKey.key]!, onlyKey.direction, params.after);
  } else if (params.sort?.length) plan = sortPlan(params.sort, params.after);
  else if (text && !params.order) plan = relevancePlan(text.rank);
  else plan = fieldPlan(params.order ?? { field: "ref", direction: "asc" }, params.after);
  const offset = offsetOf(params.after);

  const page = (columns: Prisma.Sql) => Prisma.sql`
    ${plan.select(filters, columns)}
    ${plan.orderBy} LIMIT ${params.limit + 1}${offset > 0 ? Prisma.sql` OFFSET ${offset}` : Prisma.empty}`;
  type PageRow = { id: string; sort_value: string | null };
  let pageRows: PageRow[];
  let items: EntityRecord[];
  let hasMore: boolean;
  let version: string | undefined; // read once per request when a cache is consulted
  const costly = Boolean(text) || plan.costly === true || params.where.some((g) => g.some(scans));
  if (costly) {
    // Text searches rank every match, substring and prefix filters read every value of their key,
    // sorts on arbitrary fields sort every match: the page's ids are remembered until the next
    // change, and the entities fetched fresh.
    const idsSql = page(Prisma.empty);
    version = await catalogVersion(db);
    const rows = await cachedByVersion(db, sqlKey("page", idsSql), () => db.reads.query<PageRow>(idsSql), version);
    hasMore = rows.length > params.limit;
    pageRows = rows.slice(0, params.limit);
    const byId = new Map((await entityRepository(db).findByIds(pageRows.map((r) => r.id))).map((r) => [r.id, r]));
    items = pageRows.map((r) => byId.get(r.id)).filter((r): r is EntityRecord => r !== undefined);
  } else {
    // Otherwise the page comes back whole in one round trip.
    const rows = await db.reads.query<PageRow & EntityRecord>(page(PAGE_COLUMNS));
    hasMore = rows.length > params.limit;
    pageRows = rows.slice(0, params.limit);
    items = (pageRows as (PageRow & EntityRecord)[]).map(pickRecord);
  }

  const last = items.at(-1);
  const next = hasMore && last ? plan.next({ sortValue: pageRows.at(-1)!.sort_value, ref: last.ref }, offset, params.limit) : undefined;
  let total: number | undefined;
  if (params.withTotal) {
    version ??= await catalogVersion(db);
    const countSql = Prisma.sql`SELECT count(*) AS n FROM entities e WHERE ${filters}`;
    total = await cachedByVersion(db, sqlKey("count", countSql), async () => Number((await db.reads.query<{ n: string }>(countSql))[0]?.n ?? 0), version);
  }
  return { items, next, total, version };
}

/** Counts per value of each facet key among the entities the filters select; remembered until the next change. */
export async function facetCounts(db: Db, params: { facets: string[]; where: FilterGroups; text?: string }) {
  return cachedByVersion(db, `facets\0${JSON.stringify(params)}`, () => computeFacets(db, params));
}

/**
 * Facets under a text search: the text match cannot use an index for short prefixes that match a
 * large share of the catalog (a sequential scan over every row), so the matching rows are found
 * once, kept with the columns the facets count, and every facet is counted from them in the same
 * statement. One scan instead of one per facet: what makes search-as-you-type answer in time.
 */
async function facetsOfOneScan(db: Db, facets: string[], filters: Prisma.Sql) {
  const parts = facets.map((facet) => {
    const column = COLUMN_KEYS[facet];
    const counted = column
      ? Prisma.sql`SELECT ${column} AS value, count(*) AS count FROM matched e WHERE ${column} IS NOT NULL GROUP BY 1`
      : Prisma.sql`SELECT x.value, count(*) AS count FROM (${searchRowsSql([facet], Prisma.sql`e.id IN (SELECT m.id FROM matched m)`)}) x GROUP BY x.value`;
    return Prisma.sql`(SELECT ${facet}::text AS facet, c.value, c.count FROM (${counted}) c ORDER BY c.count DESC, c.value LIMIT 1000)`;
  });
  const rows = await db.reads.query<{ facet: string; value: string; count: string }>(Prisma.sql`
    WITH matched AS MATERIALIZED (
      SELECT e.id, e.ref, e.kind_key, e.namespace, e.spec_type, e.lifecycle, e.owner_ref FROM entities e WHERE ${filters})
    ${Prisma.join(parts, " UNION ALL ")}`);
  const result: Record<string, { value: string; count: number }[]> = Object.fromEntries(facets.map((f) => [f, []]));
  for (const r of rows) result[r.facet]!.push({ value: r.value, count: Number(r.count) });
  // UNION ALL keeps each part's rows together but not necessarily in order: sort as each part did.
  for (const values of Object.values(result)) values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return result;
}

async function computeFacets(db: Db, params: { facets: string[]; where: FilterGroups; text?: string }) {
  const text = textSql(params.text);
  const filters = Prisma.sql`(${whereSql(params.where)})${text ? Prisma.sql` AND ${text.match}` : Prisma.empty}`;
  if (text) return facetsOfOneScan(db, params.facets, filters);
  // Each facet is its own GROUP BY over the filtered rows: run them side by side on the pool, so a
  // cold explore page (the first after a catalog change) waits for the slowest facet, not the sum.
  const counted = await Promise.all(
    params.facets.map(async (facet) => {
      const column = COLUMN_KEYS[facet];
      const rows = column
        ? await db.reads.query<{ value: string; count: string }>(Prisma.sql`
            SELECT ${column} AS value, count(*) AS count FROM entities e
             WHERE ${filters} AND ${column} IS NOT NULL
             GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1000`)
        : await db.reads.query<{ value: string; count: string }>(Prisma.sql`
            SELECT x.value, count(*) AS count
              FROM (${searchRowsSql([facet], filters)}) x
             GROUP BY x.value
             ORDER BY count(*) DESC, x.value
             LIMIT 1000`);
      return [facet, rows.map((r) => ({ value: r.value, count: Number(r.count) }))] as const;
    }),
  );
  const result: Record<string, { value: string; count: number }[]> = {};
  for (const [facet, values] of counted) result[facet] = values;
  return result;
}
