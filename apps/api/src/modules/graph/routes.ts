import { ArchitectureQuerySchema, EntityPathParamsSchema, GraphQuerySchema } from "@cartograph/contracts";
import type { Db } from "@cartograph/db";
import { Router } from "express";
import { parseInput } from "../../http/validate.ts";
import { requireCatalogRead } from "../authz/require.ts";
import { entityArchitecture } from "./architecture.ts";
import { entityGraph } from "./graph.ts";

/** Read models drawn as diagrams: an entity's neighbourhood, a system's or domain's architecture. */
export function graphRoutes(deps: { db: Db }, access: { anonymousRead: boolean }): Router {
  const router = Router();
  const read = requireCatalogRead(deps.db, access.anonymousRead);

  router.get("/entities/:kind/:namespace/:name/graph", read, async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const query = parseInput(GraphQuerySchema, req.query, "query");
    res.json(await entityGraph(deps.db, ref, query));
  });

  router.get("/entities/:kind/:namespace/:name/architecture", read, async (req, res) => {
    const ref = parseInput(EntityPathParamsSchema, req.params, "path");
    const query = parseInput(ArchitectureQuerySchema, req.query, "query");
    res.json(await entityArchitecture(deps.db, ref, query));
  });

  return router;
}
