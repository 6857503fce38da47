import { canonicalRef } from "@cartograph/contracts";
import { deleteEntityIfMatch, updateEntityIfMatch, type ChangeMeta, type ConditionalWriteResult } from "@cartograph/db";
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from "../../errors.ts";
import { getEntity, prepareDescriptor, type EntityServiceDeps } from "./service.ts";

type Ref = { kind: string; namespace: string; name: string };

/**
 * The etag a write is conditional on, from If-Match: `"abc"`, `W/"abc"` or `*` (any current
 * version). A write without it would risk silently overwriting someone else's change.
 */
export function requiredEtag(ifMatch: string | undefined): string | "*" {
  const value = ifMatch?.trim();
  if (!value) {
    throw new PreconditionRequiredError(
      `Send If-Match with the entity's current ETag (from GET), e.g. If-Match: "abc123", so a concurrent change is detected instead of overwritten.`,
    );
  }
  if (value === "*") return "*";
  return value.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

function unwrap<T>(result: ConditionalWriteResult<T>, ref: string): T {
  if (result.outcome === "not_found") throw new NotFoundError("entity_not_found", `No entity ${ref}.`);
  if (result.outcome === "stale") {
    throw new PreconditionFailedError(
      `${ref} changed since you read it (its ETag is now "${result.currentEtag}"). Reload it, re-apply your change, and send the new ETag.`,
      result.currentEtag,
    );
  }
  return result.value;
}

export async function replaceEntity(deps: EntityServiceDeps, ref: Ref, descriptor: unknown, ifMatch: string | undefined, meta: ChangeMeta) {
  const expected = requiredEtag(ifMatch);
  const entity = prepareDescriptor(descriptor, deps);
  const target = canonicalRef(ref);
  if (entity.ref !== target) {
    throw new ValidationError(`The descriptor describes ${entity.ref}, not ${target}; renaming is a delete and a create.`, [
      { path: "metadata.name", message: `must identify ${target} (kind, namespace and name of the URL)` },
    ]);
  }
  const etag = expected === "*" ? (await getEntity(deps, ref)).etag : expected;
  const { changed } = unwrap(await updateEntityIfMatch(deps.db, { ref: target, expectedEtag: etag, entity, meta }), target);
  return { entity: await getEntity(deps, ref), changed };
}

export async function removeEntity(deps: EntityServiceDeps, ref: Ref, ifMatch: string | undefined, meta: ChangeMeta): Promise<void> {
  const expected = requiredEtag(ifMatch);
  const target = canonicalRef(ref);
  const etag = expected === "*" ? (await getEntity(deps, ref)).etag : expected;
  unwrap(await deleteEntityIfMatch(deps.db, { ref: target, expectedEtag: etag, meta }), target);
}
