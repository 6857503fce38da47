import { createHash } from "node:crypto";
import {
  canonicalRef,
  ComponentDescriptorSchema,
  toFieldErrors,
} from "@cartograph/contracts";
import type { FieldError } from "@cartograph/contracts";
import { createSingleEntity, type ChangeMeta, type Db, type EntityRecord, type EntityRepository, type PreparedEntity } from "@cartograph/db";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import { searchRows, searchText } from "./search-index.ts";

export interface EntityServiceDeps {
  db: Db;
  entities: EntityRepository;
}

/** Fields the catalog writes; a descriptor that carries them (a round-tripped GET) has them dropped. */
const OUTPUT_ONLY_METADATA = ["uid", "etag", "createdAt", "updatedAt"] as const;

/** The etag is a hash of what is served, so it changes exactly when the served entity changes. */
function etagOf(entity: Pick<PreparedEntity, "apiVersion" | "kind" | "metadata" | "spec">): string {
  const hash = createHash("sha256").update(JSON.stringify([entity.apiVersion, entity.kind, entity.metadata, entity.spec]));
  return hash.digest("base64url").slice(0, 22);
}

/** Validates a descriptor and turns it into what is stored: identity, etag, relations, status items. */
export function prepareEntity(input: unknown): { ok: true; entity: PreparedEntity } | { ok: false; errors: FieldError[] } {
  const cleaned = stripOutputOnly(input);
  const result = ComponentDescriptorSchema.safeParse(cleaned);
  if (!result.success) return { ok: false, errors: toFieldErrors(result.error.issues) };
  const { apiVersion, kind, metadata, spec } = result.data;
  const stored = { apiVersion, kind, metadata, spec };
  return {
    ok: true,
    entity: {
      ...stored,
      ref: canonicalRef({ kind, namespace: metadata.namespace, name: metadata.name }),
      namespace: metadata.namespace,
      name: metadata.name,
      etag: etagOf(stored),
      relations: [],
      searchRows: searchRows(stored, []),
      searchText: searchText(metadata),
      statusItems: [],
    },
  };
}

/** Like prepareEntity, for one descriptor: throws a ValidationError listing every problem. */
export function prepareDescriptor(input: unknown): PreparedEntity {
  const result = prepareEntity(input);
  if (result.ok) return result.entity;
  throw new ValidationError(`The descriptor has ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}.`, result.errors);
}

function stripOutputOnly(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  const metadata = record.metadata;
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return input;
  const copy = { ...(metadata as Record<string, unknown>) };
  for (const key of OUTPUT_ONLY_METADATA) delete copy[key];
  return { ...record, metadata: copy };
}

export async function createEntity(deps: EntityServiceDeps, descriptor: unknown, meta: ChangeMeta): Promise<EntityRecord> {
  const entity = prepareDescriptor(descriptor);
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
