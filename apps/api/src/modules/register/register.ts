import type { RegisterResponse, ValidateResponse } from "@cartograph/contracts";
import { createEntities, existingRefs, type ChangeMeta, type Db, type PreparedEntity } from "@cartograph/db";
import { BadRequestError, ConflictError, ValidationError } from "../../errors.ts";
import { checkDocuments, problemCount, type CheckedDocuments } from "../entities/check-documents.ts";
import type { ParsedDocument } from "../entities/descriptor-body.ts";

interface Deps {
  db: Db;
  extraKinds?: readonly string[];
}

/** Validation only: every problem and warning of every document; nothing is read or written. */
export function validateDocuments(documents: ParsedDocument[], options: { extraKinds?: readonly string[] }): ValidateResponse {
  const { errors, warnings } = checkDocuments(documents, options);
  return { valid: errors.length === 0, documents: documents.length, errors, warnings };
}

/** An answer to "what would registering this file create": the same for a dry run and a real one. */
export interface RegistrationPlan {
  entities: PreparedEntity[];
  /** Refs of the file that exist already (a dry run answers 409 with them). */
  taken: string[];
  preview: Omit<RegisterResponse, "dryRun">;
}

export const alreadyExists = (ref: string) =>
  new ConflictError("entity_exists", `${ref} already exists. Refs are case-insensitive: kind, namespace and name must differ. Nothing was registered.`);

/**
 * Checks a file of descriptors for registration: 422 with every problem, otherwise the entities
 * and every relation they would create, each saying whether its target is in the catalog or in
 * the same file, and which of the entities exist already.
 */
export async function planRegistration(deps: Deps, documents: ParsedDocument[]): Promise<RegistrationPlan> {
  if (documents.length === 0) throw new BadRequestError("empty_body", "The body holds no descriptor to register.");
  const checked: CheckedDocuments = checkDocuments(documents, deps);
  if (checked.errors.length > 0) throw new ValidationError(`${problemCount(checked.errors)}; nothing was registered.`, checked.errors);
  const entities = checked.entities.map((c) => c.entity);
  const inFile = new Set(entities.map((e) => e.ref));
  const targets = entities.flatMap((e) => e.relations.map((r) => r.targetRef));
  const known = await existingRefs(deps.db, [...new Set([...inFile, ...targets])]);
  return {
    entities,
    taken: entities.filter((e) => known.has(e.ref)).map((e) => e.ref),
    preview: {
      entities: entities.map((e) => ({ ref: e.ref, kind: e.kind, namespace: e.namespace, name: e.name, title: typeof e.metadata.title === "string" ? e.metadata.title : null })),
      relations: entities.flatMap((e) =>
        e.relations.map((r) => ({ sourceRef: e.ref, type: r.type, targetRef: r.targetRef, targetExists: inFile.has(r.targetRef) || known.has(r.targetRef) })),
      ),
      warnings: checked.warnings,
    },
  };
}

/**
 * Creates every entity of the file in one transaction (history, change events, audit). Whether
 * one exists is decided in that transaction, after the authorization guard: 409 naming them.
 */
export async function registerEntities(deps: Deps, entities: PreparedEntity[], meta: ChangeMeta): Promise<Map<string, string>> {
  const result = await createEntities(deps.db, entities, meta);
  if (result.outcome === "exists") throw alreadyExists(result.refs.join(", "));
  return result.ids;
}
