import { queryEntities, type Db, type EntityRecord } from "@cartograph/db";
import { encodeAfter } from "./cursor.ts";
import { walk, type Selection } from "./pages.ts";

/** A page of legacy `GET /entities`: offset based, like Backstage's; no limit means every match from `offset` on. */
export interface LegacyRequest {
  selection: Selection;
  offset: number;
  limit?: number;
}

/** The `after` cursor of the next page; none when this page reaches the end. Known before the page is sent, for the `link` header. */
export async function nextAfter(db: Db, request: LegacyRequest): Promise<string | undefined> {
  if (request.limit === undefined) return undefined;
  const offset = request.offset + request.limit;
  const probe = await queryEntities(db, { ...request.selection, after: { offset }, limit: 1, withTotal: false });
  return probe.items.length > 0 ? encodeAfter({ limit: request.limit, offset }) : undefined;
}

export async function listEntities(db: Db, request: LegacyRequest, emit: (records: EntityRecord[]) => Promise<void>): Promise<void> {
  const after = request.offset > 0 ? { offset: request.offset } : undefined;
  await walk(db, request.selection, { after, limit: request.limit, withTotal: false }, emit);
}
