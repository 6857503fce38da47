import { renderOpenApiJson } from "@cartograph/contracts";
import { Router } from "express";

/** The API's OpenAPI document, generated from the contracts once, when the app is created. */
export function openApiRoutes(): Router {
  const document = renderOpenApiJson();
  const router = Router();
  router.get("/openapi.json", (_req, res) => {
    res.type("json").send(document);
  });
  return router;
}
