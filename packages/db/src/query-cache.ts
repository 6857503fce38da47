import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * Results of expensive catalog reads (counts, facets, search pages), remembered per process and
 * keyed by the catalog's version: a counter every write transaction increments last (catalog_state),
 * read from PostgreSQL on every call.
 * Any write, through any replica, moves the version, so a reader never sees a result older than
 * the last committed change. It is a cache of PostgreSQL's answers, not state of its own.
 */
const MAX_ENTRIES = 500;
const entries = new Map<string, { version: string; value: unknown }>();

export async function catalogVersion(db: Db): Promise<string> {
  const [row] = await db.reads.query<{ v: string }>(Prisma.sql`SELECT version::text AS v FROM catalog_state WHERE id = 1`, { prepare: true });
  return row?.v ?? "0";
}

/** `knownVersion`: a version the caller read for this same request, to spare a round trip. */
export async function cachedByVersion<T>(db: Db, key: string, compute: () => Promise<T>, knownVersion?: string): Promise<T> {
  const version = knownVersion ?? (await catalogVersion(db));
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    entries.delete(key); // keep the most recently used last
    entries.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  // Only keep it if nothing changed meanwhile; otherwise the next read recomputes.
  if ((await catalogVersion(db)) === version) {
    entries.set(key, { version, value });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return value;
}

/** A stable key for a statement: its text and values. */
export const sqlKey = (kind: string, sql: Prisma.Sql) => `${kind}\0${sql.text}\0${JSON.stringify(sql.values)}`;
