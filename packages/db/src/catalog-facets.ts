import type { Db } from "./client.ts";
import { whereSql, type FilterGroups } from "./catalog-query.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { searchRowsSql } from "./inverse-relations.ts";
import { cachedByVersion } from "./query-cache.ts";

export type FacetValues = Record<string, { value: string; count: number }[]>;

const lower = (v: string) => v.toLowerCase();

/** The entity as one document: what is stored plus the identity the catalog assigns. */
const DOCUMENT = Prisma.sql`jsonb_build_object(
  'apiVersion', e.api_version, 'kind', e.kind, 'spec', e.spec,
  'metadata', e.metadata || jsonb_build_object('name', e.name, 'namespace', e.namespace, 'uid', e.id::text, 'etag', e.etag))`;

/**
 * Facets with each value in its original casing and counted in entities, sorted by value. The
 * search index only holds lower-cased values, so values are read from the stored JSON: keys are
 * matched case-insensitively (like the index's keys) and arrays give one value per element.
 * Only the paths leading to a requested facet are walked. Relations are not in the stored JSON;
 * `relations.<type>` facets come from the index and, for the inverse side, from the declaring
 * entities' refs: both canonical, as the API serves them.
 * Remembered until the next change, like the other facet counts.
 */
export function facetValues(db: Db, params: { facets: string[]; where: FilterGroups }): Promise<FacetValues> {
  return cachedByVersion(db, `facet-values\0${JSON.stringify(params)}`, () => computeFacetValues(db, params));
}

async function computeFacetValues(db: Db, params: { facets: string[]; where: FilterGroups }): Promise<FacetValues> {
  const keys = [...new Set(params.facets.map(lower))];
  const relationKeys = keys.filter((k) => k.startsWith("relations."));
  const documentKeys = keys.filter((k) => !k.startsWith("relations."));
  const rows = [...(await documentFacets(db, documentKeys, params.where)), ...(await relationFacets(db, relationKeys, params.where))];
  const result: FacetValues = {};
  for (const facet of params.facets) {
    result[facet] = rows.filter((r) => r.key === lower(facet)).map((r) => ({ value: r.value, count: Number(r.count) }));
  }
  return result;
}

type FacetRow = { key: string; value: string; count: string };

async function documentFacets(db: Db, keys: string[], where: FilterGroups): Promise<FacetRow[]> {
  if (keys.length === 0) return [];
  const wanted = (key: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM unnest(${keys}::text[]) w WHERE w = ${key} OR starts_with(w, ${key} || '.'))`;
  return db.reads.query<FacetRow>(Prisma.sql`
    WITH RECURSIVE picked AS (
      SELECT e.id, ${DOCUMENT} AS doc FROM entities e WHERE ${whereSql(where)}
    ), flat(id, key, value) AS (
      SELECT p.id, lower(kv.key), kv.value FROM picked p, jsonb_each(p.doc) kv WHERE ${wanted(Prisma.sql`lower(kv.key)`)}
      UNION ALL
      SELECT f.id, CASE WHEN c.k IS NULL THEN f.key ELSE f.key || '.' || c.k END, c.v
        FROM flat f CROSS JOIN LATERAL (
          SELECT lower(o.key) AS k, o.value AS v FROM jsonb_each(CASE WHEN jsonb_typeof(f.value) = 'object' THEN f.value ELSE '{}'::jsonb END) o
          UNION ALL
          SELECT NULL, a.value FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.value) = 'array' THEN f.value ELSE '[]'::jsonb END) a
        ) c
       WHERE ${wanted(Prisma.sql`f.key`)}
    )
    SELECT key, value #>> '{}' AS value, count(DISTINCT id) AS count
      FROM flat
     WHERE key = ANY(${keys}::text[]) AND jsonb_typeof(value) IN ('string', 'number', 'boolean') AND value #>> '{}' <> ''
     GROUP BY 1, 2
     ORDER BY 1, (value #>> '{}') COLLATE "C"`);
}

async function relationFacets(db: Db, keys: string[], where: FilterGroups): Promise<FacetRow[]> {
  if (keys.length === 0) return [];
  return db.reads.query<FacetRow>(Prisma.sql`
    SELECT x.key, x.value, count(*) AS count
      FROM (${searchRowsSql(keys, whereSql(where))}) x
     GROUP BY 1, 2
     ORDER BY 1, x.value COLLATE "C"`);
}
