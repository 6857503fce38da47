import type { Db } from "@cartograph/db";
import type { Response, Router } from "express";
import { z } from "zod";
import { firstPage, pageAt, queryPage, type PageRequest } from "./by-query.ts";
import { ALWAYS, allOf, lower, whereOf } from "./conditions.ts";
import { decodeAfter } from "./cursor.ts";
import { parseFields } from "./fields.ts";
import { parseFilterSets } from "./filters.ts";
import { count, NO_QUERY, once, parseBody, parseQuery, queryParams, repeated, required, totalItemsParam } from "./input.ts";
import { listEntities, nextAfter } from "./legacy.ts";
import { entityFacets, servedByRefs, type CatalogDeps } from "./lookups.ts";
import { parseOrder, parseOrderField } from "./order.ts";
import { parsePredicate } from "./predicates.ts";
import { entityJson, jsonList, serveJson } from "./serve.ts";
import { streamJson } from "./stream.ts";

const ListQuery = queryParams({ fields: repeated, limit: count, filter: repeated, offset: count, after: once, order: repeated });
const ByQueryQuery = queryParams({
  fields: repeated,
  limit: count,
  offset: count,
  orderField: repeated,
  cursor: once,
  filter: repeated,
  totalItems: totalItemsParam,
  fullTextFilterTerm: once,
  fullTextFilterFields: repeated,
});
const FilterQuery = queryParams({ filter: repeated });
const FacetsQuery = queryParams({ facet: required, filter: repeated });

const NULL = Buffer.from("null");

const Predicate = z.record(z.string(), z.unknown(), { error: "must be an object" });

const PredicateQueryBody = z.strictObject({
  cursor: z.string().optional(),
  query: Predicate.optional(),
  limit: z.number().int().min(0).optional(),
  offset: z.number().int().min(0).optional(),
  orderBy: z.array(z.object({ field: z.string().min(1), order: z.enum(["asc", "desc"]) })).optional(),
  fullTextFilter: z.object({ term: z.string().optional(), fields: z.array(z.string()).optional() }).optional(),
  fields: z.array(z.string()).optional(),
  totalItems: z.enum(["include", "exclude"]).optional(),
});

const ByRefsBody = z.strictObject({ entityRefs: z.array(z.string()), fields: z.array(z.string()).optional(), query: Predicate.optional() });

const FacetsBody = z.strictObject({ facets: z.array(z.string()).min(1), query: Predicate.optional() });

function sendPage(res: Response, db: Db, request: PageRequest, fields: string[] | undefined) {
  return streamJson(
    res,
    '{"items":[',
    (emit) => queryPage(db, request, async (records) => emit(await serveJson(db, records, fields))),
    (page) => `],"totalItems":${page.totalItems},"pageInfo":${JSON.stringify(page.pageInfo)}}`,
  );
}

/** The list endpoints: legacy `/entities`, `/entities/by-query` (GET and POST), `/entities/by-refs`, `/entity-facets`. */
export function addQueryRoutes(router: Router, deps: CatalogDeps): void {
  router.get("/entities", async (req, res) => {
    const q = parseQuery(ListQuery, req.query);
    const after = q.after ? decodeAfter(q.after) : undefined;
    const request = {
      selection: { where: whereOf(parseFilterSets(q.filter)), sort: parseOrder(q.order) },
      offset: after?.offset ?? q.offset ?? 0,
      limit: q.limit ?? after?.limit,
    };
    const fields = parseFields(q.fields);
    const next = await nextAfter(deps.db, request);
    if (next) {
      // Relative to the plugin, as Backstage sends it.
      const url = new URL(req.url, "http://catalog");
      url.searchParams.delete("offset");
      url.searchParams.set("after", next);
      res.set("link", `<${url.pathname}${url.search}>; rel="next"`);
    }
    await streamJson(res, "[", (emit) => listEntities(deps.db, request, async (records) => emit(await serveJson(deps.db, records, fields))), () => "]");
  });

  router.get("/entities/by-query", async (req, res) => {
    const q = parseQuery(ByQueryQuery, req.query);
    const fullTextFields = q.fullTextFilterFields?.flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);
    const request = q.cursor
      ? pageAt(q.cursor, q.limit)
      : firstPage({
          spec: {
            filter: q.filter,
            orderField: parseOrderField(q.orderField),
            fullTextFilter: q.fullTextFilterTerm ? { term: q.fullTextFilterTerm, fields: fullTextFields } : undefined,
          },
          offset: q.offset,
          limit: q.limit,
          totalItems: q.totalItems,
        });
    await sendPage(res, deps.db, request, parseFields(q.fields));
  });

  router.post("/entities/by-query", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    const body = parseBody(PredicateQueryBody, req.body);
    const [order] = body.orderBy ?? [];
    const term = body.fullTextFilter?.term;
    const request = body.cursor
      ? pageAt(body.cursor, body.limit)
      : firstPage({
          spec: {
            query: body.query ?? {},
            orderField: order ? { key: lower(order.field), direction: order.order } : undefined,
            fullTextFilter: term ? { term, fields: body.fullTextFilter?.fields } : undefined,
          },
          offset: body.offset,
          limit: body.limit,
          totalItems: body.totalItems,
        });
    await sendPage(res, deps.db, request, parseFields(body.fields));
  });

  router.post("/entities/by-refs", async (req, res) => {
    const q = parseQuery(FilterQuery, req.query);
    const body = parseBody(ByRefsBody, req.body);
    const filter = parseFilterSets(q.filter);
    const served = await servedByRefs(deps, body.entityRefs, body.query ? allOf([parsePredicate(body.query), filter]) : filter);
    const fields = parseFields(body.fields);
    res.type("json").send(jsonList('{"items":[', served.map((s) => (s ? entityJson(s, fields) : NULL)), "]}"));
  });

  router.get("/entity-facets", async (req, res) => {
    const q = parseQuery(FacetsQuery, req.query);
    res.json({ facets: await entityFacets(deps, q.facet, parseFilterSets(q.filter)) });
  });

  router.post("/entity-facets", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    const body = parseBody(FacetsBody, req.body);
    res.json({ facets: await entityFacets(deps, body.facets, body.query ? parsePredicate(body.query) : ALWAYS) });
  });
}
