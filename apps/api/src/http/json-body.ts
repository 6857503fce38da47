import { toFieldErrors } from "@cartograph/contracts";
import express, { type RequestHandler } from "express";
import type { z } from "zod";
import { UnsupportedMediaTypeError, ValidationError } from "../errors.ts";

const JSON_TYPES = ["application/json", "application/merge-patch+json"];

/** Reads a small JSON body; a body of another type is a 415 (no body at all is left to the schema). */
export function jsonBody(limit = "16kb"): RequestHandler[] {
  return [
    express.json({ limit, type: JSON_TYPES }),
    (req, _res, next) => {
      const empty = req.get("content-length") === "0";
      if (req.is(JSON_TYPES) === false && !empty) throw new UnsupportedMediaTypeError(`Send the body as application/json (got ${req.get("content-type") ?? "no Content-Type"}).`);
      next();
    },
  ];
}

/** Parses a request body; failures are 422 with every field named (malformed JSON was a 400 before this). */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError("The request body is not valid.", toFieldErrors(result.error.issues));
}
