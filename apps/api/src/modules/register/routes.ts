import { RegisterQuerySchema, type RegisterResponse } from "@cartograph/contracts";
import { Router } from "express";
import { ValidationError } from "../../errors.ts";
import { idempotency } from "../../http/idempotency.ts";
import { actorId, contextOf, principalOf } from "../../http/principal.ts";
import { parseInput } from "../../http/validate.ts";
import { authorizedCatalog } from "../authz/authorized-catalog.ts";
import { requireCatalogRead } from "../authz/require.ts";
import { documentsOf, INGEST_BODY_LIMIT, MAX_INGEST_DOCUMENTS, readBody } from "../entities/descriptor-request.ts";
import type { EntityServiceDeps } from "../entities/service.ts";
import { alreadyExists, planRegistration, validateDocuments } from "./register.ts";

/** Checking descriptors as they are written, and registering a file of them at once. */
export function registerRoutes(deps: EntityServiceDeps, access: { anonymousRead: boolean }): Router {
  const router = Router();
  const read = requireCatalogRead(deps.db, access.anonymousRead);
  const onceOnly = idempotency(deps.db, (res) => actorId(principalOf(res)));

  router.post("/validate", read, ...readBody(INGEST_BODY_LIMIT), async (req, res) => {
    try {
      res.json(validateDocuments(documentsOf(req.body, MAX_INGEST_DOCUMENTS), deps));
    } catch (error) {
      // YAML that cannot be read is an answer here (the caller asked a question), not a failure.
      if (!(error instanceof ValidationError)) throw error;
      res.json({ valid: false, documents: 0, errors: error.extra.errors ?? [], warnings: [] });
    }
  });

  // A dry run is a question any catalog reader may ask; the real registration is a write.
  router.post("/register", read, ...readBody(INGEST_BODY_LIMIT), onceOnly, async (req, res) => {
    const query = parseInput(RegisterQuerySchema, req.query, "query");
    const plan = await planRegistration(deps, documentsOf(req.body, MAX_INGEST_DOCUMENTS));
    if (query.dryRun === "true") {
      if (plan.taken.length > 0) throw alreadyExists(plan.taken.join(", "));
      res.json({ dryRun: true, ...plan.preview } satisfies RegisterResponse);
      return;
    }
    const ids = await authorizedCatalog(deps, contextOf(req, res)).register(plan.entities);
    const etags = new Map(plan.entities.map((e) => [e.ref, e.etag]));
    const entities = plan.preview.entities.map((e) => ({ ...e, uid: ids.get(e.ref)!, etag: etags.get(e.ref)! }));
    res.status(201).json({ dryRun: false, ...plan.preview, entities } satisfies RegisterResponse);
  });

  return router;
}
