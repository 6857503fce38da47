import { canonicalRef, tryParseRef } from "@cartograph/contracts";
import { deleteEntityById, entityKeysByRefs, facetValues, type ChangeMeta, type Condition, type Db, type EntityRecord, type EntityRepository } from "@cartograph/db";
import { entityNotFound, inputError } from "./errors.ts";
import { whereOf } from "./conditions.ts";
import { servedByKeys, servedOne, type ServedEntity } from "../entities/present.ts";

export interface CatalogDeps {
  db: Db;
  entities: EntityRepository;
  /** Kinds beyond Backstage's built-in ones that this installation accepts. */
  extraKinds: readonly string[];
}

interface NameRef {
  kind: string;
  namespace: string;
  name: string;
}

export async function entityByName(deps: CatalogDeps, ref: NameRef): Promise<EntityRecord> {
  const entity = await deps.entities.findByRef(canonicalRef(ref));
  if (!entity) throw entityNotFound(`No entity named '${ref.name}' found, with kind '${ref.kind}' in namespace '${ref.namespace}'`);
  return entity;
}

/** The served entity, in one round trip (see servedOne). */
export async function servedByName(deps: CatalogDeps, ref: NameRef): Promise<ServedEntity> {
  const found = await servedOne(deps.db, { ref: canonicalRef(ref) });
  if (!found) throw entityNotFound(`No entity named '${ref.name}' found, with kind '${ref.kind}' in namespace '${ref.namespace}'`);
  return found;
}

export async function servedByUid(deps: CatalogDeps, uid: string): Promise<ServedEntity> {
  const found = await servedOne(deps.db, { id: uid });
  if (!found) throw entityNotFound(`No entity with uid ${uid}`);
  return found;
}

/** Entities come from no locations yet, so an entity's ancestry is the entity alone. */
export async function entityAncestry(deps: CatalogDeps, ref: NameRef) {
  const root = await entityByName(deps, ref);
  return { root, items: [{ record: root, parentEntityRefs: [] as string[] }] };
}

/** Nothing is processed in the background to refresh; the entity must exist all the same. */
export async function refreshEntity(deps: CatalogDeps, entityRef: string): Promise<void> {
  const ref = tryParseRef(entityRef, { defaultNamespace: "default" });
  if (!ref) throw inputError(`Invalid entity ref '${entityRef}'`);
  await entityByName(deps, ref);
}

/** An unknown uid is not an error: the entity is gone either way. */
export async function removeEntityByUid(deps: CatalogDeps, uid: string, meta: ChangeMeta): Promise<void> {
  await deleteEntityById(deps.db, { id: uid, meta });
}

/** At most this many refs per query. */
const REFS_PER_QUERY = 1_000;

/**
 * The served entities in the order of `refs`; null for an unknown or unparsable ref and for one the
 * filter excludes. Only their keys are read when they were served at the current version already.
 */
export async function servedByRefs(deps: CatalogDeps, refs: string[], filter: Condition): Promise<(ServedEntity | null)[]> {
  const canonical = refs.map((r) => {
    const ref = tryParseRef(r, { defaultNamespace: "default" });
    return ref ? canonicalRef(ref) : null;
  });
  const unique = [...new Set(canonical.filter((r): r is string => r !== null))];
  const found = new Map<string, ServedEntity>();
  for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
    const { version, keys } = await entityKeysByRefs(deps.db, unique.slice(i, i + REFS_PER_QUERY), whereOf(filter));
    const served = await servedByKeys(deps.db, keys, version);
    keys.forEach((k, n) => served[n] && found.set(k.ref, served[n]));
  }
  return canonical.map((ref) => (ref ? (found.get(ref) ?? null) : null));
}

export function entityFacets(deps: CatalogDeps, facets: string[], filter: Condition) {
  return facetValues(deps.db, { facets, where: whereOf(filter) });
}
