import {
  CatalogQuerySchema,
  FacetQuerySchema,
  EntityPathParamsSchema,
  HistoryQuerySchema,
  IngestQuerySchema,
  type Entity,
  type EntityHistoryResponse,
  type EntityVersion,
} from "@cartograph/contracts";
import { catalogVersion, type EntityRecord, type VersionRecord } from "@cartograph/db";
import { Router, type Request, type Response } from "express";
import { idempotency } from "../../http/idempotency.ts";
import { parseInput } from "../../http/validate.ts";
import { parseYamlDescriptor } from "./descriptor-body.ts";
import { documentsOf, INGEST_BODY_LIMIT, MAX_INGEST_DOCUMENTS, readBody } from "./descriptor-request.ts";
import { entityHistory, entityVersion } from "./history.ts";
import { jsonOf, presentEntitiesAt, presentEntity } from "./present.ts";
import { catalogFacets, project, searchCatalog } from "./query.ts";
import { entityRelations, getServedEntity, type EntityServiceDeps } from "./service.ts";
import { actorId, contextOf, principalOf } from "../../http/principal.ts";
import { authorizedCatalog } from "../authz/authorized-catalog.ts";
import { requireCatalogRead } from "../authz/require.ts";

export const BODY_LIMIT = "512kb";

const toVersionResponse = (v: VersionRecord): EntityVersion => ({
  ...v,
  operation: v.operation as EntityVersion["operation"],
  createdAt: v.createdAt.toISOString(),
});

const entityUrl = (r: EntityRecord) =>
  `/api/v1/entities/${[r.kind, r.namespace, r.name].map((s) => encodeURIComponent(s.toLowerCase())).join("/")}`;

export function entityRoutes(deps: EntityServiceDeps, access: { anonymousRead: boolean }): Router {
  const router = Router();
  const onceOnly = idempotency(deps.db, (res) => actorId(principalOf(res)));
  const catalog = (req: Request, res: Response) => authorizedCatalog(deps, contextOf(req, res));
  router.use(["/entities", "/ingest", "/entity-facets"], requireCatalogRead(deps.db, access.anonymousRead));

  router.post("/entities", ...readBody(BODY_LIMIT), onceOnly, async (req, res) => {
    const descriptor = typeof req.body === "string" ? parseYamlDescriptor(req.body) : req.body;
    const created = await catalog(req, res).create(descriptor);
    res.status(201).location(entityUrl(created)).set("ETag", `"${created.etag}"`).json(await presentEntity(deps.db, created));
  });

  router.post("/ingest", ...readBody(INGEST_BODY_LIMIT), onceOnly, async (req, res) => {
    const query = parseInput(IngestQuerySchema, req.query, "query");
    const documents = documentsOf(req.body, MAX_INGEST_DOCUMENTS);
    res.json(await catalog(req, res).ingest({ source: query.source, documents, dryRun: query.dryRun === "true" }));
  });

  router.get("/entities", async (req, res) => {
    const query = parseInput(CatalogQuerySchema, req.query, "query");
    const page = await searchCatalog(deps.db, query);
    res.json({
      items: (await presentEntitiesAt(deps.db, page.items, page.version ?? (await catalogVersion(deps.db)))).map((e) => project(e, query.fields)),
      ...(page.total !== undefined ? { totalItems: page.total } : {}),
      pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {},
    });
  });

  router.get("/entity-facets", async (req, res) => {
    const query = parseInput(FacetQuerySchema, req.query, "query");
    res.json({ facets: await catalogFacets(deps.db, query) });
  });

  router.get("/entities/by-uid/:uid", async (req, res) => {
    const found = await getServedEntity(deps, { uid: String(req.params.uid) });
    res.set("ETag", `"${found.etag}"`).type("json").send(jsonOf(found));
  });

  router.get("/entities/:kind/:namespace/:name/relations", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    res.json({ items: await entityRelations(deps, ref) });
  });

  router.get("/entities/:kind/:namespace/:name", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const found = await getServedEntity(deps, ref);
    res.set("ETag", `"${found.etag}"`).type("json").send(jsonOf(found));
  });

  router.put("/entities/:kind/:namespace/:name", ...readBody(BODY_LIMIT), async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const descriptor = typeof req.body === "string" ? parseYamlDescriptor(req.body) : req.body;
    const { entity } = await catalog(req, res).replace(ref, descriptor, req.get("if-match"));
    res.set("ETag", `"${entity.etag}"`).json(await presentEntity(deps.db, entity));
  });

  router.delete("/entities/:kind/:namespace/:name", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    await catalog(req, res).remove(ref, req.get("if-match"));
    res.status(204).end();
  });

  router.get("/entities/:kind/:namespace/:name/history", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const query = parseInput(HistoryQuerySchema, req.query, "query");
    const page = await entityHistory(deps, ref, query);
    const body: EntityHistoryResponse = { items: page.items.map(toVersionResponse), pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {} };
    res.json(body);
  });

  router.get("/entities/:kind/:namespace/:name/history/:versionId", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const version = await entityVersion(deps, ref, String(req.params.versionId));
    res.json({ ...toVersionResponse(version), descriptor: version.descriptor });
  });

  return router;
}
