import { canonicalRef, tryParseRef, type CatalogQuery, type FacetQuery } from "@cartograph/contracts";
import { facetCounts, queryEntities, type Db, type FieldCondition, type OrderField } from "@cartograph/db";
import { BadRequestError } from "../../errors.ts";

const lower = (v: string) => v.toLowerCase();

function refValues(values: string[], param: string, defaultKind: string | undefined): string[] {
  return values.map((v) => {
    const ref = tryParseRef(v, { defaultKind, defaultNamespace: "default" });
    if (!ref) {
      throw new BadRequestError("invalid_query", "The query string is not valid.", [
        { path: param, message: `"${v}" is not an entity reference${defaultKind ? "" : " with a kind (kind:namespace/name)"}` },
      ]);
    }
    return canonicalRef(ref);
  });
}

function pairs(values: string[], prefix: string): FieldCondition[] {
  const byKey = new Map<string, string[]>();
  for (const v of values) {
    const at = v.indexOf("=");
    const key = lower(`${prefix}${v.slice(0, at)}`);
    byKey.set(key, [...(byKey.get(key) ?? []), lower(v.slice(at + 1))]);
  }
  return [...byKey].map(([key, vals]) => ({ key, values: vals }));
}

/** The query string's filters as conditions on the search index (all must hold). */
export function conditionsOf(query: Omit<FacetQuery, "facet">): FieldCondition[] {
  const c: FieldCondition[] = [];
  const simple = (values: string[] | undefined, key: string) => values && c.push({ key, values: values.map(lower) });
  simple(query.kind, "kind");
  simple(query.namespace, "metadata.namespace");
  simple(query.type, "spec.type");
  simple(query.lifecycle, "spec.lifecycle");
  simple(query.tag, "metadata.tags");
  if (query.owner) c.push({ key: "relations.ownedby", values: refValues(query.owner, "owner", "Group") });
  if (query.system) c.push({ key: "relations.partof", values: refValues(query.system, "system", "System") });
  if (query.label) c.push(...pairs(query.label, "metadata.labels."));
  if (query.annotation) c.push(...pairs(query.annotation, "metadata.annotations."));
  if (query.filter) c.push(...pairs(query.filter, ""));
  for (const r of query.relation ?? []) {
    const at = r.indexOf(":");
    c.push({ key: `relations.${lower(r.slice(0, at))}`, values: refValues([r.slice(at + 1)], "relation", undefined) });
  }
  return c;
}

type Position = { value: string; ref: string } | { offset: number };
const encodeCursor = (p: Position) => Buffer.from(JSON.stringify(p)).toString("base64url");

function decodeCursor(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof p.value === "string" && typeof p.ref === "string") return { value: p.value, ref: p.ref };
    if (Number.isInteger(p.offset) && (p.offset as number) >= 0 && (p.offset as number) <= 100_000) return { offset: p.offset as number };
  } catch {
    // reported below
  }
  throw new BadRequestError("invalid_cursor", "The cursor is not valid; use the nextCursor of a previous page with the same filters.", [
    { path: "cursor", message: "must be a nextCursor returned by this endpoint" },
  ]);
}

export async function searchCatalog(db: Db, query: CatalogQuery) {
  const order = query.sort
    ? { field: query.sort.replace(/^-/, "") as OrderField, direction: query.sort.startsWith("-") ? ("desc" as const) : ("asc" as const) }
    : undefined;
  const page = await queryEntities(db, {
    where: [conditionsOf(query)],
    text: query.q,
    order,
    limit: query.limit,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    withTotal: query.count === "true",
  });
  return { items: page.items, total: page.total, version: page.version, nextCursor: page.next ? encodeCursor(page.next) : undefined };
}

export async function catalogFacets(db: Db, query: FacetQuery) {
  return facetCounts(db, { facets: query.facet.map(lower), where: [conditionsOf(query)], text: query.q });
}

/** Keeps only the listed dotted paths (`metadata.name,spec.type`) of a served entity. */
export function project(entity: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return entity;
  const out: Record<string, unknown> = {};
  for (const path of fields.split(",").map((f) => f.trim()).filter(Boolean)) {
    const parts = path.split(".");
    let source: unknown = entity;
    for (const p of parts) source = source && typeof source === "object" ? (source as Record<string, unknown>)[p] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[parts.at(-1)!] = source;
  }
  return out;
}
