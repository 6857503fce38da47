import { randomUUID } from "node:crypto";
import type { Db } from "./client.ts";
import { isUuid, type EntityRecord } from "./entities.ts";
import { Prisma } from "./generated/prisma/client.ts";

/** An entity ready to store: validated, with its identity, etag and the relations its spec declares. */
export interface PreparedEntity
  extends Pick<EntityRecord, "ref" | "kind" | "namespace" | "name" | "apiVersion" | "metadata" | "spec" | "etag" | "statusItems"> {
  relations: { type: string; targetRef: string }[];
  /** Lower-cased key/value pairs that filters and facets match. */
  searchRows: { key: string; value: string }[];
  searchText: string;
}

export interface ChangeMeta {
  actor: string;
  requestId?: string;
}

export interface SnapshotDiff {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

export type SnapshotResult =
  | { outcome: "applied" | "dry_run"; diff: SnapshotDiff }
  | { outcome: "conflict"; conflicts: { ref: string; ownedBy: string | null }[] };

/** Rows per Prisma statement: far below PostgreSQL's 65,535 bind parameters, whatever the input size. */
const CHUNK = 1_000;
/** Rows per unnest() statement: a handful of array parameters, so only the statement's size limits it. */
const BULK = 5_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Tx = Prisma.TransactionClient;

interface Existing {
  id: string;
  ref: string;
  etag: string;
  source: string | null;
}

const storedDescriptor = (e: PreparedEntity) => ({ apiVersion: e.apiVersion, kind: e.kind, metadata: e.metadata, spec: e.spec });

/**
 * Replaces the whole entity set of `source` with `entities` in one transaction: new refs are
 * created, changed ones (etag differs) updated, unchanged ones left alone, refs the source no
 * longer lists deleted. Refs owned by another source are a conflict and nothing is written.
 * Concurrent snapshots of one source queue behind a transaction-scoped advisory lock.
 */
export async function applySourceSnapshot(
  db: Db,
  input: { source: string; entities: PreparedEntity[]; dryRun: boolean; meta: ChangeMeta },
): Promise<SnapshotResult> {
  const result = await snapshotTransaction(db, input);
  if (result.outcome === "applied") {
    const changed = result.diff.created.length + result.diff.updated.length + result.diff.deleted.length;
    // After a bulk change the planner's statistics are stale, and stale statistics pick plans
    // that are orders of magnitude slower; refresh them now rather than wait for autovacuum.
    if (changed >= ANALYZE_AFTER) await db.prisma.$executeRaw`ANALYZE entities, entity_search, relations`;
  }
  return result;
}

const ANALYZE_AFTER = 1_000;

function snapshotTransaction(
  db: Db,
  input: { source: string; entities: PreparedEntity[]; dryRun: boolean; meta: ChangeMeta },
): Promise<SnapshotResult> {
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`cartograph:source:${input.source}`}, 0))`;
      const incoming = new Map(input.entities.map((e) => [e.ref, e]));
      const existing = await findExisting(tx, [...incoming.keys()], input.source);

      const conflicts = existing
        .filter((row) => row.source !== input.source && incoming.has(row.ref))
        .map((row) => ({ ref: row.ref, ownedBy: row.source }));
      if (conflicts.length > 0) return { outcome: "conflict", conflicts };

      const byRef = new Map(existing.map((row) => [row.ref, row]));
      const created = input.entities.filter((e) => !byRef.has(e.ref));
      const updated = input.entities.filter((e) => byRef.has(e.ref) && byRef.get(e.ref)!.etag !== e.etag);
      const unchanged = input.entities.filter((e) => byRef.get(e.ref)?.etag === e.etag);
      const deleted = existing.filter((row) => row.source === input.source && !incoming.has(row.ref));
      const diff: SnapshotDiff = {
        created: created.map((e) => e.ref),
        updated: updated.map((e) => e.ref),
        unchanged: unchanged.map((e) => e.ref),
        deleted: deleted.map((row) => row.ref),
      };
      if (input.dryRun) return { outcome: "dry_run", diff };

      const ids = new Map<string, string>();
      for (const e of created) ids.set(e.ref, randomUUID());
      for (const e of updated) ids.set(e.ref, byRef.get(e.ref)!.id);
      await writeChanges(tx, { created, updated, deleted, ids, source: input.source, meta: input.meta });
      return { outcome: "applied", diff };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** Inserts one entity that belongs to no source; returns false when its ref exists. */
export async function createSingleEntity(db: Db, entity: PreparedEntity, meta: ChangeMeta): Promise<string | null> {
  try {
    return await db.prisma.$transaction(async (tx) => {
      const id = randomUUID();
      await writeChanges(tx, { created: [entity], updated: [], deleted: [], ids: new Map([[entity.ref, id]]), source: null, meta });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export type ConditionalWriteResult<T> = { outcome: "done"; value: T } | { outcome: "not_found" } | { outcome: "stale"; currentEtag: string };

/**
 * Replaces one entity if its etag is still `expectedEtag` (compare-and-set in one UPDATE, so of
 * many concurrent writers holding the same etag exactly one wins). Same content: nothing written.
 */
export async function updateEntityIfMatch(
  db: Db,
  input: { ref: string; expectedEtag: string; entity: PreparedEntity; meta: ChangeMeta },
): Promise<ConditionalWriteResult<{ changed: boolean }>> {
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.entity.findUnique({ where: { ref: input.ref }, select: { id: true, ref: true, etag: true, source: true } });
    if (!current) return { outcome: "not_found" };
    if (current.etag !== input.expectedEtag) return { outcome: "stale", currentEtag: current.etag };
    if (input.entity.etag === current.etag) return { outcome: "done", value: { changed: false } };
    const ids = new Map([[input.entity.ref, current.id]]);
    const { count } = await tx.entity.updateMany({ where: { id: current.id, etag: input.expectedEtag }, data: entityData(input.entity, current.source) });
    if (count === 0) {
      const now = await tx.entity.findUnique({ where: { id: current.id }, select: { etag: true } });
      return now ? { outcome: "stale", currentEtag: now.etag } : { outcome: "not_found" };
    }
    await refreshSearchVectors(tx, [current.id]);
    await replaceRelations(tx, [input.entity], ids);
    await recordChanges(tx, [{ uid: current.id, ref: current.ref, operation: "updated", entity: input.entity }], { source: current.source, meta: input.meta });
    return { outcome: "done", value: { changed: true } };
  });
}

/** Deletes one entity if its etag is still `expectedEtag`. */
export async function deleteEntityIfMatch(
  db: Db,
  input: { ref: string; expectedEtag: string; meta: ChangeMeta },
): Promise<ConditionalWriteResult<null>> {
  return deleteOne(db, { ref: input.ref }, input.expectedEtag, input.meta);
}

/** Deletes one entity by uid whatever its etag; a uid that is not a uuid is simply not found. */
export async function deleteEntityById(db: Db, input: { id: string; meta: ChangeMeta }): Promise<ConditionalWriteResult<null>> {
  if (!isUuid(input.id)) return { outcome: "not_found" };
  return deleteOne(db, { id: input.id }, undefined, input.meta);
}

/** The delete, its version and its change event in one transaction; with `expectedEtag`, only while it still matches. */
function deleteOne(db: Db, where: { ref: string } | { id: string }, expectedEtag: string | undefined, meta: ChangeMeta): Promise<ConditionalWriteResult<null>> {
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.entity.findUnique({ where, select: { id: true, ref: true, etag: true, source: true } });
    if (!current) return { outcome: "not_found" };
    const { count } = await tx.entity.deleteMany({ where: { id: current.id, ...(expectedEtag === undefined ? {} : { etag: expectedEtag }) } });
    if (count === 0) return expectedEtag === undefined ? { outcome: "not_found" } : { outcome: "stale", currentEtag: current.etag };
    await recordChanges(tx, [{ uid: current.id, ref: current.ref, operation: "deleted", entity: null }], { source: current.source, meta });
    return { outcome: "done", value: null };
  });
}

/** A unique-key clash, whether Prisma's own query (P2002) or a raw statement (SQLSTATE 23505) hit it. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
  return cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
}

async function findExisting(tx: Tx, refs: string[], source: string): Promise<Existing[]> {
  const select = { id: true, ref: true, etag: true, source: true } as const;
  const rows: Existing[] = await tx.entity.findMany({ where: { source }, select });
  for (const part of chunks(refs, 10_000)) {
    // `source <> x` alone would skip rows whose source is NULL (written directly).
    const otherOwner = { OR: [{ source: null }, { source: { not: source } }] };
    rows.push(...(await tx.entity.findMany({ where: { ref: { in: part }, ...otherOwner }, select })));
  }
  return rows;
}

/** Lower-cased copies of the most filtered fields (see the Entity model). */
function filterColumns(e: PreparedEntity) {
  const text = (v: unknown) => (typeof v === "string" ? v.toLocaleLowerCase("en-US") : null);
  return {
    kindKey: e.kind.toLocaleLowerCase("en-US"),
    nameKey: e.name.toLocaleLowerCase("en-US"),
    specType: text(e.spec.type),
    lifecycle: text(e.spec.lifecycle),
    ownerRef: e.relations.find((r) => r.type === "ownedBy")?.targetRef ?? null,
  };
}

const entityData = (e: PreparedEntity, source: string | null) => ({
  ...filterColumns(e),
  ref: e.ref,
  kind: e.kind,
  namespace: e.namespace,
  name: e.name,
  apiVersion: e.apiVersion,
  metadata: e.metadata as Prisma.InputJsonObject,
  spec: e.spec as Prisma.InputJsonObject,
  etag: e.etag,
  source,
  statusItems: e.statusItems as Prisma.InputJsonArray,
  searchText: e.searchText,
});

/** Inserts new entities with one statement per chunk: column arrays through unnest(). */
async function insertEntities(tx: Tx, part: PreparedEntity[], ids: Map<string, string>, source: string | null): Promise<void> {
  const col = <T>(f: (e: PreparedEntity) => T) => part.map(f);
  const filters = part.map(filterColumns);
  await tx.$executeRaw`
    INSERT INTO entities (id, ref, kind, namespace, name, api_version, metadata, spec, etag, source, status_items, search_text, search_vector,
                          kind_key, name_key, spec_type, lifecycle, owner_ref)
    SELECT id, ref, kind, namespace, name, api_version, metadata::jsonb, spec::jsonb, etag, ${source}, status_items::jsonb, search_text,
           ${searchVectorOf(Prisma.sql`metadata::jsonb`)}, kind_key, name_key, spec_type, lifecycle, owner_ref
      FROM unnest(${col((e) => ids.get(e.ref)!)}::uuid[], ${col((e) => e.ref)}::text[], ${col((e) => e.kind)}::text[],
                  ${col((e) => e.namespace)}::text[], ${col((e) => e.name)}::text[], ${col((e) => e.apiVersion)}::text[],
                  ${col((e) => JSON.stringify(e.metadata))}::text[], ${col((e) => JSON.stringify(e.spec))}::text[],
                  ${col((e) => e.etag)}::text[], ${col((e) => JSON.stringify(e.statusItems))}::text[], ${col((e) => e.searchText)}::text[],
                  ${filters.map((f) => f.kindKey)}::text[], ${filters.map((f) => f.nameKey)}::text[], ${filters.map((f) => f.specType)}::text[],
                  ${filters.map((f) => f.lifecycle)}::text[], ${filters.map((f) => f.ownerRef)}::text[])
           AS v(id, ref, kind, namespace, name, api_version, metadata, spec, etag, status_items, search_text, kind_key, name_key, spec_type, lifecycle, owner_ref)`;
}

async function writeChanges(
  tx: Tx,
  change: { created: PreparedEntity[]; updated: PreparedEntity[]; deleted: Existing[]; ids: Map<string, string>; source: string | null; meta: ChangeMeta },
): Promise<void> {
  const { created, updated, deleted, ids, source, meta } = change;
  for (const part of chunks(created, BULK)) await insertEntities(tx, part, ids, source);
  for (const e of updated) await tx.entity.update({ where: { id: ids.get(e.ref)! }, data: entityData(e, source) });
  await refreshSearchVectors(tx, updated.map((e) => ids.get(e.ref)!));
  for (const part of chunks(deleted.map((d) => d.id))) await tx.entity.deleteMany({ where: { id: { in: part } } });
  await replaceRelations(tx, [...created, ...updated], ids);
  await recordChanges(
    tx,
    [
      ...created.map((e) => ({ uid: ids.get(e.ref)!, ref: e.ref, operation: "created" as const, entity: e })),
      ...updated.map((e) => ({ uid: ids.get(e.ref)!, ref: e.ref, operation: "updated" as const, entity: e })),
      ...deleted.map((d) => ({ uid: d.id, ref: d.ref, operation: "deleted" as const, entity: null })),
    ],
    { source, meta },
  );
}

/** What is derived from an entity (relations, search rows, text vector) is replaced whole whenever it is written. */
async function replaceRelations(tx: Tx, entities: PreparedEntity[], ids: Map<string, string>): Promise<void> {
  for (const part of chunks(entities.map((e) => ids.get(e.ref)!))) {
    await tx.relation.deleteMany({ where: { originId: { in: part } } });
    await tx.entitySearch.deleteMany({ where: { entityId: { in: part } } });
  }
  const relations = entities.flatMap((e) => e.relations.map((r) => ({ originId: ids.get(e.ref)!, ...r })));
  for (const part of chunks(relations, BULK)) {
    await tx.$executeRaw`
      INSERT INTO relations (origin_id, type, target_ref)
      SELECT * FROM unnest(${part.map((r) => r.originId)}::uuid[], ${part.map((r) => r.type)}::text[], ${part.map((r) => r.targetRef)}::text[])
      ON CONFLICT DO NOTHING`;
  }
  const rows = entities.flatMap((e) => e.searchRows.map((r) => ({ entityId: ids.get(e.ref)!, ...r })));
  for (const part of chunks(rows, BULK)) {
    await tx.$executeRaw`
      INSERT INTO entity_search (entity_id, key, value)
      SELECT * FROM unnest(${part.map((r) => r.entityId)}::uuid[], ${part.map((r) => r.key)}::text[], ${part.map((r) => r.value)}::text[])
      ON CONFLICT DO NOTHING`;
  }
}

/** Name and title weigh most, then description, then tags. */
const searchVectorOf = (metadata: Prisma.Sql) => Prisma.sql`
     setweight(to_tsvector('simple', coalesce(${metadata}->>'name', '') || ' ' || coalesce(${metadata}->>'title', '')), 'A')
  || setweight(to_tsvector('simple', coalesce(${metadata}->>'description', '')), 'B')
  || setweight(to_tsvector('simple', coalesce((SELECT string_agg(t, ' ') FROM jsonb_array_elements_text(
       CASE WHEN jsonb_typeof(${metadata}->'tags') = 'array' THEN ${metadata}->'tags' ELSE '[]'::jsonb END) t), '')), 'C')`;

async function refreshSearchVectors(tx: Tx, idList: string[]): Promise<void> {
  for (const part of chunks(idList, BULK)) {
    await tx.$executeRaw`UPDATE entities SET search_vector = ${searchVectorOf(Prisma.sql`metadata`)} WHERE id = ANY(${part}::uuid[])`;
  }
}

interface Change {
  uid: string;
  ref: string;
  operation: "created" | "updated" | "deleted";
  /** What the entity is after the change; null for a deletion. */
  entity: PreparedEntity | null;
}

/** A version per change into the entity's history, and an event into the change log, in the caller's transaction. */
async function recordChanges(tx: Tx, changes: Change[], context: { source: string | null; meta: ChangeMeta }): Promise<void> {
  const next = await nextVersions(tx, changes.filter((c) => c.operation !== "created").map((c) => c.uid));
  const audit = { actor: context.meta.actor, source: context.source, requestId: context.meta.requestId ?? null };
  const versions = changes.map((c) => ({
    entityUid: c.uid,
    ref: c.ref,
    version: c.operation === "created" ? 1 : (next.get(c.uid) ?? 1),
    operation: c.operation,
    descriptor: c.entity ? JSON.stringify(storedDescriptor(c.entity)) : null,
    etag: c.entity?.etag ?? null,
  }));
  for (const part of chunks(versions, BULK)) {
    const col = <K extends keyof (typeof part)[number]>(k: K) => part.map((v) => v[k]);
    await tx.$executeRaw`
      INSERT INTO entity_versions (entity_uid, ref, version, operation, descriptor, etag, actor, source, request_id)
      SELECT uid, ref, version, operation, descriptor::jsonb, etag, ${audit.actor}, ${audit.source}, ${audit.requestId}
        FROM unnest(${col("entityUid")}::uuid[], ${col("ref")}::text[], ${col("version")}::int[], ${col("operation")}::text[],
                    ${col("descriptor")}::text[], ${col("etag")}::text[]) AS v(uid, ref, version, operation, descriptor, etag)`;
    await tx.$executeRaw`
      INSERT INTO change_events (entity_uid, ref, operation, etag, actor, source, request_id)
      SELECT uid, ref, operation, etag, ${audit.actor}, ${audit.source}, ${audit.requestId}
        FROM unnest(${col("entityUid")}::uuid[], ${col("ref")}::text[], ${col("operation")}::text[], ${col("etag")}::text[]) AS v(uid, ref, operation, etag)`;
  }
}

async function nextVersions(tx: Tx, uids: string[]): Promise<Map<string, number>> {
  const next = new Map<string, number>();
  for (const part of chunks(uids, 10_000)) {
    const rows = await tx.entityVersion.groupBy({ by: ["entityUid"], where: { entityUid: { in: part } }, _max: { version: true } });
    for (const r of rows) next.set(r.entityUid, (r._max.version ?? 0) + 1);
  }
  return next;
}
