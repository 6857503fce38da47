import { entityRepository, type Db } from "@cartograph/db";
import express, { Router, type RequestHandler } from "express";
import { z } from "zod";
import { catalogErrorHandler, unknownCatalogRoute } from "./errors.ts";
import { NO_QUERY, parseBody, parseQuery } from "./input.ts";
import { entityAncestry, refreshEntity, servedByName, servedByUid, type CatalogDeps } from "./lookups.ts";
import { contextOf } from "../../http/principal.ts";
import { authorizedCatalog } from "../authz/authorized-catalog.ts";
import { requireCatalogRead } from "../authz/require.ts";
import { addQueryRoutes } from "./query-routes.ts";
import { entityRefOf, jsonList, serveJson } from "./serve.ts";
import { firstProblem } from "./validate.ts";
import { jsonOf } from "../entities/present.ts";

/** Entities with large API definitions are validated whole. */
const BODY_LIMIT = "2mb";

const NameParams = z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) });
const ValidateBody = z.object({ entity: z.unknown().refine((v) => v !== undefined, "is required"), location: z.string() });
const RefreshBody = z.strictObject({ entityRef: z.string(), authorizationToken: z.string().optional() });

const nameOf = (params: unknown) => parseBody(NameParams, params);

/**
 * The read side of Backstage's catalog API (what `@backstage/catalog-client` calls), served under
 * /api/catalog with Backstage's error bodies. Reads and deletes are authorized as on /api/v1.
 */
export function backstageCatalogRoutes(config: { db: Db; extraKinds: readonly string[]; anonymousRead: boolean; identify: RequestHandler[] }): Router {
  const deps: CatalogDeps = { db: config.db, extraKinds: config.extraKinds, entities: entityRepository(config.db) };
  const router = Router();
  router.use(...config.identify, requireCatalogRead(config.db, config.anonymousRead));
  router.use(express.json({ limit: BODY_LIMIT }));

  addQueryRoutes(router, deps);

  router.get("/entities/by-uid/:uid", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    res.type("json").send(jsonOf(await servedByUid(deps, String(req.params.uid))));
  });

  router.delete("/entities/by-uid/:uid", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    await authorizedCatalog(deps, contextOf(req, res)).removeByUid(String(req.params.uid));
    res.status(204).end();
  });

  router.get("/entities/by-name/:kind/:namespace/:name", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    res.type("json").send(jsonOf(await servedByName(deps, nameOf(req.params))));
  });

  router.get("/entities/by-name/:kind/:namespace/:name/ancestry", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    const { root, items } = await entityAncestry(deps, nameOf(req.params));
    const entities = await serveJson(deps.db, items.map((i) => i.record), undefined);
    const parts = items.map((i, n) => jsonList('{"entity":', [entities[n]!], `,"parentEntityRefs":${JSON.stringify(i.parentEntityRefs)}}`));
    res.type("json").send(jsonList(`{"rootEntityRef":${JSON.stringify(entityRefOf(root))},"items":[`, parts, "]}"));
  });

  router.post("/validate-entity", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    const body = parseBody(ValidateBody, req.body);
    const problem = firstProblem(body.entity, deps.extraKinds);
    if (problem) {
      res.status(400).json({ errors: [{ name: "InputError", message: problem }] });
      return;
    }
    res.status(200).end();
  });

  router.post("/refresh", async (req, res) => {
    parseQuery(NO_QUERY, req.query);
    await refreshEntity(deps, parseBody(RefreshBody, req.body).entityRef);
    res.status(200).end();
  });

  // No locations are registered through this API yet.
  router.get("/locations", (req, res) => {
    parseQuery(NO_QUERY, req.query);
    res.json([]);
  });
  router.post("/locations/by-query", (req, res) => {
    parseQuery(NO_QUERY, req.query);
    res.json({ items: [], totalItems: 0, pageInfo: {} });
  });

  router.use(unknownCatalogRoute);
  router.use(catalogErrorHandler);
  return router;
}
