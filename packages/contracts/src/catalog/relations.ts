import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from "@backstage/catalog-model";
import type { EntityRelation } from "../entity.ts";
import { canonicalRef, tryParseRef } from "../entity-ref.ts";
import { isBuiltinKind, RELATION_FIELDS } from "./kinds.ts";

/**
 * Every relation type and its inverse. An entity stores the relations its own fields emit
 * (deriveRelations); the storage layer adds the inverse on the target, so a Component with
 * `owner: team-a` gives `ownedBy` on the component and `ownerOf` on group team-a.
 */
export const RELATION_PAIRS = [
  { forward: RELATION_OWNED_BY, reverse: RELATION_OWNER_OF },
  { forward: RELATION_PROVIDES_API, reverse: RELATION_API_PROVIDED_BY },
  { forward: RELATION_CONSUMES_API, reverse: RELATION_API_CONSUMED_BY },
  { forward: RELATION_DEPENDS_ON, reverse: RELATION_DEPENDENCY_OF },
  { forward: RELATION_CHILD_OF, reverse: RELATION_PARENT_OF },
  { forward: RELATION_MEMBER_OF, reverse: RELATION_HAS_MEMBER },
  { forward: RELATION_PART_OF, reverse: RELATION_HAS_PART },
] as const;

const INVERSE = new Map<string, string>(RELATION_PAIRS.flatMap(({ forward, reverse }) => [[forward, reverse], [reverse, forward]] as const));

/** The inverse of a relation type (`ownedBy` -> `ownerOf`, `ownerOf` -> `ownedBy`); undefined when unknown. */
export function reverseOf(type: string): string | undefined {
  return INVERSE.get(type);
}

/**
 * The relations this entity's own spec fields emit, each from this entity to its target. Short
 * refs are completed with the field's default kind and the holding entity's namespace. Fields
 * written from the other side (`dependencyOf`, Group `children`, `members`) already carry their
 * own type here (`dependencyOf`, `parentOf`, `hasMember`). Deduplicated; sorted by type, then target.
 * Kinds without built-in fields (extra kinds) emit nothing.
 */
export function deriveRelations(entity: { kind: string; metadata: { namespace: string }; spec: Record<string, unknown> }): EntityRelation[] {
  if (!isBuiltinKind(entity.kind)) return [];
  const found = new Map<string, EntityRelation>();
  for (const { field, relation, defaultKind } of RELATION_FIELDS[entity.kind]) {
    const value = entity.spec[field];
    for (const ref of Array.isArray(value) ? value : [value]) {
      if (typeof ref !== "string") continue;
      const target = tryParseRef(ref, { defaultKind, defaultNamespace: entity.metadata.namespace });
      // A validated entity always parses; anything else has nothing to point at.
      if (!target) continue;
      const targetRef = canonicalRef(target);
      found.set(`${relation} ${targetRef}`, { type: relation, targetRef });
    }
  }
  return [...found.values()].sort((a, b) => compare(a.type, b.type) || compare(a.targetRef, b.targetRef));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The spec with every list of references sorted, as Backstage's pre-processing sorts them, so
 * the served spec does not depend on the order a file happened to list them in.
 */
export function sortRelationLists(kind: string, spec: Record<string, unknown>): Record<string, unknown> {
  if (!isBuiltinKind(kind)) return spec;
  const sorted = { ...spec };
  for (const { field, many } of RELATION_FIELDS[kind]) {
    const value = sorted[field];
    if (many && Array.isArray(value)) sorted[field] = [...value].sort();
  }
  return sorted;
}
