import { canonicalRef } from "@cartograph/contracts";
import { getVersion, listVersions } from "@cartograph/db";
import { BadRequestError, NotFoundError } from "../../errors.ts";
import type { EntityServiceDeps } from "./service.ts";

type Ref = { kind: string; namespace: string; name: string };

const encode = (id: string) => Buffer.from(JSON.stringify({ before: id })).toString("base64url");

function decode(cursor: string): string {
  try {
    const { before } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { before?: unknown };
    if (typeof before === "string" && /^\d{1,19}$/.test(before)) return before;
  } catch {
    // reported below
  }
  throw new BadRequestError("invalid_cursor", "The cursor is not valid; use the nextCursor of a previous page.", [
    { path: "cursor", message: "must be a nextCursor returned by this endpoint" },
  ]);
}

/** The versions of whatever entity held this ref over time (a delete and re-create included), newest first. */
export async function entityHistory(deps: EntityServiceDeps, ref: Ref, page: { limit: number; cursor?: string }) {
  const target = canonicalRef(ref);
  const { items, hasMore } = await listVersions(deps.db, { ref: target, limit: page.limit, beforeId: page.cursor ? decode(page.cursor) : undefined });
  if (items.length === 0 && !page.cursor) throw new NotFoundError("entity_not_found", `${target} has no history: it never existed.`);
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encode(last.id) : undefined };
}

export async function entityVersion(deps: EntityServiceDeps, ref: Ref, versionId: string) {
  const target = canonicalRef(ref);
  const version = /^\d{1,19}$/.test(versionId) ? await getVersion(deps.db, { ref: target, id: versionId }) : null;
  if (!version) throw new NotFoundError("version_not_found", `${target} has no version ${versionId}; list them at its /history.`);
  return version;
}
