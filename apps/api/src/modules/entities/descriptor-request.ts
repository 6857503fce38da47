import express, { type RequestHandler } from "express";
import { BadRequestError, UnsupportedMediaTypeError } from "../../errors.ts";
import { parseYamlDocuments, YAML_TYPES, type ParsedDocument } from "./descriptor-body.ts";

/** Bulk ingest takes a whole repository's or company's catalog in one request. */
export const INGEST_BODY_LIMIT = "100mb";
export const MAX_INGEST_DOCUMENTS = 200_000;

/** Descriptors arrive as JSON or YAML; anything else is refused with the types we take. */
export const readBody = (limit: string): RequestHandler[] => [
  express.json({ limit }),
  express.text({ type: YAML_TYPES, limit }),
  (req, _res, next) => {
    if (!req.is(["application/json", ...YAML_TYPES])) {
      throw new UnsupportedMediaTypeError(`Send descriptors as application/json or application/yaml (got ${req.get("content-type") ?? "no Content-Type"}).`);
    }
    next();
  },
];

/** A JSON body of many descriptors is an array of entities (or one entity); positions are unknown there. */
export function jsonDocuments(body: unknown, maxDocuments: number): ParsedDocument[] {
  const values = Array.isArray(body) ? body : [body];
  if (values.length > maxDocuments) {
    throw new BadRequestError("too_many_documents", `The body holds ${values.length} entities; at most ${maxDocuments} are accepted per request.`);
  }
  return values.map((value, index) => ({ index, value, locate: () => undefined }));
}

/** The documents of a body read by readBody: a YAML stream or JSON. */
export function documentsOf(body: unknown, maxDocuments: number): ParsedDocument[] {
  return typeof body === "string" ? parseYamlDocuments(body, maxDocuments) : jsonDocuments(body, maxDocuments);
}
