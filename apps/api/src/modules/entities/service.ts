import { createHash } from "node:crypto";
import { canonicalRef, deriveRelations, reverseOf, validateDescriptor, type FieldError, type FieldWarning } from "@cartograph/contracts";
import { createSingleEntity, relationsOf, type ChangeMeta, type Db, type EntityRecord, type EntityRepository, type PreparedEntity } from "@cartograph/db";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import { servedOne, type ServedEntity } from "./present.ts";
import { searchRows, searchText } from "./search-index.ts";

export interface EntityServiceDeps {
  db: Db;
  entities: EntityRepository;
  /** Kinds beyond Backstage's built-in ones that this installation stores (envelope validation only). */
  extraKinds?: readonly string[];
}

export interface PrepareOptions {
  extraKinds?: readonly string[];
}

/** The etag is a hash of what is served, so it changes exactly when the served entity changes. */
function etagOf(entity: Pick<PreparedEntity, "apiVersion" | "kind" | "metadata" | "spec">): string {
  const hash = createHash("sha256").update(JSON.stringify([entity.apiVersion, entity.kind, entity.metadata, entity.spec]));
  return hash.digest("base64url").slice(0, 22);
}

/** Validates a descriptor and turns it into what is stored: identity, etag, relations, search index, warnings. */
export function prepareEntity(
  input: unknown,
  options: PrepareOptions = {},
): { ok: true; entity: PreparedEntity; warnings: FieldWarning[] } | { ok: false; errors: FieldError[] } {
  const result = validateDescriptor(input, { extraKinds: options.extraKinds });
  if (!result.ok) return { ok: false, errors: result.errors };
  const { apiVersion, kind, metadata, spec } = result.entity;
  const stored = { apiVersion, kind, metadata: metadata as Record<string, unknown>, spec };
  const relations = deriveRelations(result.entity);
  return {
    ok: true,
    entity: {
      ...stored,
      ref: canonicalRef({ kind, namespace: metadata.namespace, name: metadata.name }),
      namespace: metadata.namespace,
      name: metadata.name,
      etag: etagOf(stored),
      relations,
      searchRows: searchRows(stored, relations),
      searchText: searchText(stored.metadata),
      statusItems: result.warnings.map((w) => ({ type: "cartograph.io/validation", level: "warning" as const, message: `${w.path}: ${w.message}` })),
    },
    warnings: result.warnings,
  };
}

/** Like prepareEntity, for one descriptor: throws a ValidationError listing every problem. */
export function prepareDescriptor(input: unknown, options: PrepareOptions = {}): PreparedEntity {
  const result = prepareEntity(input, options);
  if (result.ok) return result.entity;
  throw new ValidationError(`The descriptor has ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}.`, result.errors);
}

export async function createEntity(deps: EntityServiceDeps, descriptor: unknown, meta: ChangeMeta): Promise<EntityRecord> {
  const entity = prepareDescriptor(descriptor, deps);
  const id = await createSingleEntity(deps.db, entity, meta);
  const created = id ? await deps.entities.findByRef(entity.ref) : null;
  if (!created) {
    throw new ConflictError("entity_exists", `${entity.ref} already exists. Refs are case-insensitive: kind, namespace and name must differ.`);
  }
  return created;
}

export async function getEntity(deps: EntityServiceDeps, ref: { kind: string; namespace: string; name: string }): Promise<EntityRecord> {
  const canonical = canonicalRef(ref);
  const entity = await deps.entities.findByRef(canonical);
  if (!entity) {
    throw new NotFoundError("entity_not_found", `No entity ${canonical}. Kind, namespace and name are matched case-insensitively.`);
  }
  return entity;
}

/** The entity as served, with its relations, in one round trip (see servedOne). */
export async function getServedEntity(deps: EntityServiceDeps, where: { kind: string; namespace: string; name: string } | { uid: string }): Promise<ServedEntity> {
  if ("uid" in where) {
    const found = await servedOne(deps.db, { id: where.uid });
    if (!found) throw new NotFoundError("entity_not_found", `No entity with uid ${where.uid}.`);
    return found;
  }
  const canonical = canonicalRef(where);
  const found = await servedOne(deps.db, { ref: canonical });
  if (!found) throw new NotFoundError("entity_not_found", `No entity ${canonical}. Kind, namespace and name are matched case-insensitively.`);
  return found;
}

/** The entity's relations in both directions with each related entity's kind and title, in one query. */
export async function entityRelations(deps: EntityServiceDeps, ref: { kind: string; namespace: string; name: string }) {
  const entity = await getEntity(deps, ref);
  const rows = await relationsOf(deps.db, entity);
  const seen = new Map<string, { type: string; targetRef: string; target: { kind: string; namespace: string; name: string; title: string | null } | null }>();
  for (const row of rows) {
    const type = row.direction === "out" ? row.type : (reverseOf(row.type) ?? row.type);
    seen.set(`${type}\0${row.otherRef}`, { type, targetRef: row.otherRef, target: row.other ?? null });
  }
  return [...seen.values()].sort((a, b) => a.type.localeCompare(b.type) || a.targetRef.localeCompare(b.targetRef));
}
