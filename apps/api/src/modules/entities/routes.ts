import { EntityPathParamsSchema, ListEntitiesQuerySchema, type Entity, type EntityListResponse } from "@cartograph/contracts";
import type { EntityRecord } from "@cartograph/db";
import express, { Router, type RequestHandler } from "express";
import { UnsupportedMediaTypeError } from "../../errors.ts";
import { parseInput } from "../../http/validate.ts";
import { parseYamlDescriptor, YAML_TYPES } from "./descriptor-body.ts";
import { createEntity, getEntity, listEntities, type EntityServiceDeps } from "./service.ts";

const BODY_LIMIT = "512kb";

export function toEntityResponse(record: EntityRecord): Entity {
  return {
    apiVersion: record.apiVersion,
    kind: record.kind,
    metadata: {
      ...record.metadata,
      name: record.name,
      namespace: record.namespace,
      uid: record.id,
      etag: record.etag,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    },
    spec: record.spec,
  };
}

const entityUrl = (r: EntityRecord) =>
  `/api/v1/entities/${[r.kind, r.namespace, r.name].map((s) => encodeURIComponent(s.toLowerCase())).join("/")}`;

/** A descriptor arrives as JSON or YAML; anything else is refused with the types we take. */
const readDescriptor: RequestHandler[] = [
  express.json({ limit: BODY_LIMIT }),
  express.text({ type: YAML_TYPES, limit: BODY_LIMIT }),
  (req, _res, next) => {
    if (!req.is(["application/json", ...YAML_TYPES])) {
      throw new UnsupportedMediaTypeError(`Send the descriptor as application/json or application/yaml (got ${req.get("content-type") ?? "no Content-Type"}).`);
    }
    next();
  },
];

export function entityRoutes(deps: EntityServiceDeps, requireWrite: RequestHandler): Router {
  const router = Router();

  router.post("/entities", requireWrite, ...readDescriptor, async (req, res) => {
    const descriptor = typeof req.body === "string" ? parseYamlDescriptor(req.body) : req.body;
    const created = await createEntity(deps, descriptor);
    res.status(201).location(entityUrl(created)).set("ETag", `"${created.etag}"`).json(toEntityResponse(created));
  });

  router.get("/entities", async (req, res) => {
    const query = parseInput(ListEntitiesQuerySchema, req.query, "query");
    const page = await listEntities(deps, query);
    const body: EntityListResponse = {
      items: page.items.map(toEntityResponse),
      totalItems: page.totalItems,
      pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {},
    };
    res.json(body);
  });

  router.get("/entities/:kind/:namespace/:name", async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const entity = await getEntity(deps, ref);
    res.set("ETag", `"${entity.etag}"`).json(toEntityResponse(entity));
  });

  return router;
}
