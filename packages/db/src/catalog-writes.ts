import { uuidv7 } from "./uuid7.ts";
import type { Db, SqlTx } from "./client.ts";
import { recordAudit, type AuditInput } from "./audit.ts";
import { UNINDEXED_COLUMN_KEYS } from "./catalog-query.ts";
import { isUuid, type EntityRecord } from "./entities.ts";
import { isUniqueViolation } from "./errors.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { fenceAfterWrite } from "./read-fences.ts";

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
  /** Audit records to write in the transaction of the change (so they exist exactly when it commits), given what changed. */
  audit?: (summary: ChangeSummary) => AuditInput[];
  /**
   * Called inside the transaction, before anything is written, with every entity the write
   * touches and its owner refs before and after (null: no owner). Throwing aborts the write: the
   * authorization layer checks ownership here, against the rows as they are at that moment.
   */
  guard?: WriteGuard;
  /**
   * Who must see this change in their next reads (the actor id, `account:<uuid>`): with read
   * replicas, their read fence moves past the commit once it is made (see read-fences.ts).
   */
  readFence?: string;
}

export interface TouchedEntity {
  ref: string;
  operation: "created" | "updated" | "deleted";
  ownerBefore: string | null;
  ownerAfter: string | null;
}
export interface ChangeSummary {
  created: number;
  updated: number;
  deleted: number;
  /** The first refs changed (at most 20), for the audit record. */
  refs: string[];
}
export type WriteGuard = (touched: TouchedEntity[]) => void | Promise<void>;

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
/** Rows per statement for the narrow derived tables (relations, search rows). */
const BULK_ROWS = 20_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The first of each group of items with the same key, in order. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Prisma's transaction client or a raw pg transaction (db.transaction): the shared steps use only raw SQL. */
type Tx = SqlTx;

interface Existing {
  id: string;
  ref: string;
  etag: string;
  source: string | null;
  ownerRef: string | null;
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
    await fenceAfterWrite(db, input.meta.readFence);
    const changed = result.diff.created.length + result.diff.updated.length + result.diff.deleted.length;
    // After a bulk change the planner's statistics are stale (stale statistics pick plans orders
    // of magnitude slower) and every new row still needs its hint bits set and its page marked
    // all-visible, work the first readers would otherwise do. Both start now, in the background,
    // rather than whenever autovacuum gets to it; the answer does not wait for them.
    if (changed >= MAINTAIN_AFTER) void maintainAfterBulkChange(db);
  }
  return result;
}

const MAINTAIN_AFTER = 1_000;

/** Statistics first (seconds), then the vacuum (longer); one at a time per process. */
let maintenance: Promise<void> | null = null;
function maintainAfterBulkChange(db: Db): Promise<void> {
  maintenance ??= (async () => {
    try {
      await db.query(Prisma.sql`ANALYZE entities, entity_search, relations`);
      // The history and the change log grew as much; vacuumed now, autovacuum has no reason to
      // start on them minutes later in the middle of the day's reads.
      await db.query(Prisma.sql`VACUUM entities, entity_search, relations`);
      await db.query(Prisma.sql`VACUUM (ANALYZE) entity_versions, change_events`);
    } catch {
      // Only an optimisation (autovacuum does the same later); a closed pool or a cancelled run is fine.
    } finally {
      maintenance = null;
    }
  })();
  return maintenance;
}

function snapshotTransaction(
  db: Db,
  input: { source: string; entities: PreparedEntity[]; dryRun: boolean; meta: ChangeMeta },
): Promise<SnapshotResult> {
  // A raw pg transaction: a bulk snapshot sends tens of megabytes of parameters, on which
  // Prisma's per-statement handling alone cost seconds.
  return db.transaction(
    async (tx): Promise<SnapshotResult> => {
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
      await input.meta.guard?.([
        ...created.map((e) => ({ ref: e.ref, operation: "created" as const, ownerBefore: null, ownerAfter: ownerOf(e) })),
        ...updated.map((e) => ({ ref: e.ref, operation: "updated" as const, ownerBefore: byRef.get(e.ref)!.ownerRef, ownerAfter: ownerOf(e) })),
        ...deleted.map((row) => ({ ref: row.ref, operation: "deleted" as const, ownerBefore: row.ownerRef, ownerAfter: null })),
      ]);
      if (input.dryRun) return { outcome: "dry_run", diff };

      const ids = new Map<string, string>();
      for (const e of created) ids.set(e.ref, uuidv7());
      for (const e of updated) ids.set(e.ref, byRef.get(e.ref)!.id);
      await writeChanges(tx, { created, updated, deleted, ids, source: input.source, meta: input.meta });
      return { outcome: "applied", diff };
    },
  );
}

/** Inserts one entity that belongs to no source; returns null when its ref exists. */
export async function createSingleEntity(db: Db, entity: PreparedEntity, meta: ChangeMeta): Promise<string | null> {
  const result = await createEntities(db, [entity], meta);
  return result.outcome === "created" ? result.ids.get(entity.ref)! : null;
}

export type CreateEntitiesResult = { outcome: "created"; ids: Map<string, string> } | { outcome: "exists"; refs: string[] };

/**
 * Inserts entities that belong to no source, all or none, in one transaction (the guard sees all
 * of them first). When any ref exists already nothing is written and those refs are named; a
 * concurrent insert of the same ref, caught by the unique key, is named as well.
 */
export async function createEntities(db: Db, entities: PreparedEntity[], meta: ChangeMeta): Promise<CreateEntitiesResult> {
  const refs = entities.map((e) => e.ref);
  try {
    const result = await db.prisma.$transaction(async (tx): Promise<CreateEntitiesResult> => {
      await meta.guard?.(entities.map((e) => ({ ref: e.ref, operation: "created" as const, ownerBefore: null, ownerAfter: ownerOf(e) })));
      const taken = await tx.$queryRaw<{ ref: string }[]>(Prisma.sql`SELECT ref FROM entities WHERE ref = ANY(${refs}::text[]) ORDER BY ref`);
      if (taken.length > 0) return { outcome: "exists", refs: taken.map((r) => r.ref) };
      const ids = new Map(entities.map((e) => [e.ref, uuidv7()]));
      await writeChanges(tx, { created: entities, updated: [], deleted: [], ids, source: null, meta });
      return { outcome: "created", ids };
    });
    if (result.outcome === "created") await fenceAfterWrite(db, meta.readFence);
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const taken = await db.query<{ ref: string }>(Prisma.sql`SELECT ref FROM entities WHERE ref = ANY(${refs}::text[]) ORDER BY ref`);
    return { outcome: "exists", refs: taken.map((r) => r.ref) };
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
  const result = await db.prisma.$transaction(async (tx): Promise<ConditionalWriteResult<{ changed: boolean }>> => {
    const current = await tx.entity.findUnique({ where: { ref: input.ref }, select: { id: true, ref: true, etag: true, source: true, ownerRef: true } });
    if (!current) return { outcome: "not_found" };
    await input.meta.guard?.([{ ref: current.ref, operation: "updated", ownerBefore: current.ownerRef, ownerAfter: ownerOf(input.entity) }]);
    if (current.etag !== input.expectedEtag) return { outcome: "stale", currentEtag: current.etag };
    if (input.entity.etag === current.etag) return { outcome: "done", value: { changed: false } };
    const ids = new Map([[input.entity.ref, current.id]]);
    const { count } = await tx.entity.updateMany({ where: { id: current.id, etag: input.expectedEtag }, data: entityData(input.entity, current.source) });
    if (count === 0) {
      const now = await tx.entity.findUnique({ where: { id: current.id }, select: { etag: true } });
      return now ? { outcome: "stale", currentEtag: now.etag } : { outcome: "not_found" };
    }
    await refreshSearchVectors(tx, [current.id]);
    await replaceRelations(tx, [], [input.entity], ids);
    await recordChanges(tx, [{ uid: current.id, ref: current.ref, operation: "updated", entity: input.entity }], { source: current.source, meta: input.meta });
    return { outcome: "done", value: { changed: true } };
  });
  if (result.outcome === "done" && result.value.changed) await fenceAfterWrite(db, input.meta.readFence);
  return result;
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
async function deleteOne(db: Db, where: { ref: string } | { id: string }, expectedEtag: string | undefined, meta: ChangeMeta): Promise<ConditionalWriteResult<null>> {
  const result = await db.prisma.$transaction(async (tx): Promise<ConditionalWriteResult<null>> => {
    const current = await tx.entity.findUnique({ where, select: { id: true, ref: true, etag: true, source: true, ownerRef: true } });
    if (!current) return { outcome: "not_found" };
    await meta.guard?.([{ ref: current.ref, operation: "deleted", ownerBefore: current.ownerRef, ownerAfter: null }]);
    const { count } = await tx.entity.deleteMany({ where: { id: current.id, ...(expectedEtag === undefined ? {} : { etag: expectedEtag }) } });
    if (count === 0) return expectedEtag === undefined ? { outcome: "not_found" } : { outcome: "stale", currentEtag: current.etag };
    await deleteDerived(tx, [current.id]);
    await recordChanges(tx, [{ uid: current.id, ref: current.ref, operation: "deleted", entity: null }], { source: current.source, meta });
    return { outcome: "done", value: null };
  });
  if (result.outcome === "done") await fenceAfterWrite(db, meta.readFence);
  return result;
}


async function findExisting(tx: Tx, refs: string[], source: string): Promise<Existing[]> {
  const columns = Prisma.sql`id::text AS id, ref, etag, source, owner_ref AS "ownerRef"`;
  const rows = await tx.$queryRaw<Existing[]>(Prisma.sql`SELECT ${columns} FROM entities WHERE source = ${source}`);
  for (const part of chunks(refs, 10_000)) {
    // `source <> x` alone would skip rows whose source is NULL (written directly).
    rows.push(...(await tx.$queryRaw<Existing[]>(Prisma.sql`SELECT ${columns} FROM entities WHERE ref = ANY(${part}::text[]) AND source IS DISTINCT FROM ${source}`)));
  }
  return rows;
}

const ownerOf = (e: PreparedEntity) => e.relations.find((r) => r.type === "ownedBy")?.targetRef ?? null;

/** Lower-cased copies of the most filtered fields (see the Entity model). */
function filterColumns(e: PreparedEntity) {
  const text = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : null);
  return {
    kindKey: e.kind.toLowerCase(),
    nameKey: e.name.toLowerCase(),
    specType: text(e.spec.type),
    lifecycle: text(e.spec.lifecycle),
    ownerRef: ownerOf(e),
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

/**
 * The row set of one bulk statement as a single JSON parameter, expanded by json_to_recordset():
 * JSON.stringify is native, so this costs far less per row than an array parameter per column
 * (which the driver escapes element by element), and nested JSON (metadata, spec) goes in as is.
 */
const rowsParam = (rows: object[]) => JSON.stringify(rows);

/** One row of the entities table as the bulk statements read it. */
function entityRow(e: PreparedEntity, id: string) {
  const f = filterColumns(e);
  return {
    id,
    ref: e.ref,
    kind: e.kind,
    namespace: e.namespace,
    name: e.name,
    api_version: e.apiVersion,
    metadata: e.metadata,
    spec: e.spec,
    etag: e.etag,
    status_items: e.statusItems,
    search_text: e.searchText,
    kind_key: f.kindKey,
    name_key: f.nameKey,
    spec_type: f.specType,
    lifecycle: f.lifecycle,
    owner_ref: f.ownerRef,
  };
}

const ENTITY_RECORD = Prisma.sql`v(id uuid, ref text, kind text, namespace text, name text, api_version text, metadata jsonb, spec jsonb,
  etag text, status_items jsonb, search_text text, kind_key text, name_key text, spec_type text, lifecycle text, owner_ref text)`;

/** Inserts new entities, one statement per chunk. */
async function insertEntities(tx: Tx, part: PreparedEntity[], ids: Map<string, string>, source: string | null): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO entities (id, ref, kind, namespace, name, api_version, metadata, spec, etag, source, status_items, search_text, search_vector,
                          kind_key, name_key, spec_type, lifecycle, owner_ref)
    SELECT id, ref, kind, namespace, name, api_version, metadata, spec, etag, ${source}, status_items, search_text,
           ${searchVectorOf(Prisma.sql`metadata`)}, kind_key, name_key, spec_type, lifecycle, owner_ref
      FROM json_to_recordset(${rowsParam(part.map((e) => entityRow(e, ids.get(e.ref)!)))}::json) AS ${ENTITY_RECORD}`;
}

/** Rewrites changed entities in place (same id), one statement per chunk. */
async function updateEntities(tx: Tx, part: PreparedEntity[], ids: Map<string, string>, source: string | null): Promise<void> {
  await tx.$executeRaw`
    UPDATE entities e
       SET ref = v.ref, kind = v.kind, namespace = v.namespace, name = v.name, api_version = v.api_version, metadata = v.metadata,
           spec = v.spec, etag = v.etag, source = ${source}, status_items = v.status_items, search_text = v.search_text,
           search_vector = ${searchVectorOf(Prisma.sql`v.metadata`)}, kind_key = v.kind_key, name_key = v.name_key,
           spec_type = v.spec_type, lifecycle = v.lifecycle, owner_ref = v.owner_ref, updated_at = now()
      FROM json_to_recordset(${rowsParam(part.map((e) => entityRow(e, ids.get(e.ref)!)))}::json) AS ${ENTITY_RECORD}
     WHERE e.id = v.id`;
}

async function writeChanges(
  tx: Tx,
  change: { created: PreparedEntity[]; updated: PreparedEntity[]; deleted: Existing[]; ids: Map<string, string>; source: string | null; meta: ChangeMeta },
): Promise<void> {
  const { created, updated, deleted, ids, source, meta } = change;
  for (const part of chunks(created, BULK)) await insertEntities(tx, part, ids, source);
  for (const part of chunks(updated, BULK)) await updateEntities(tx, part, ids, source);
  for (const part of chunks(deleted.map((d) => d.id))) await tx.$executeRaw`DELETE FROM entities WHERE id = ANY(${part}::uuid[])`;
  await deleteDerived(tx, deleted.map((d) => d.id));
  await replaceRelations(tx, created, updated, ids);
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
async function replaceRelations(tx: Tx, created: PreparedEntity[], updated: PreparedEntity[], ids: Map<string, string>): Promise<void> {
  const entities = [...created, ...updated];
  // A created entity has nothing derived yet; only updated ones have rows to replace. So every
  // row inserted below is new, and plain INSERTs suffice: each entity's rows are made unique here
  // (ON CONFLICT DO NOTHING would probe the primary key once more per row, a fifth of the time of
  // a bulk ingest's largest statements).
  await deleteDerived(tx, updated.map((e) => ids.get(e.ref)!));
  const relations = entities.flatMap((e) => uniqueBy(e.relations, (r) => `${r.type}\0${r.targetRef}`).map((r) => ({ originId: ids.get(e.ref)!, ...r })));
  for (const part of chunks(relations, BULK_ROWS)) {
    await tx.$executeRaw`
      INSERT INTO relations (origin_id, type, target_ref)
      SELECT * FROM json_to_recordset(${rowsParam(part)}::json) AS v("originId" uuid, type text, "targetRef" text)`;
  }
  const rows = entities.flatMap((e) =>
    uniqueBy(
      e.searchRows.filter((r) => !UNINDEXED_COLUMN_KEYS.has(r.key)),
      (r) => `${r.key}\0${r.value}`,
    ).map((r) => ({ entityId: ids.get(e.ref)!, ...r })),
  );
  for (const part of chunks(rows, BULK_ROWS)) {
    await tx.$executeRaw`
      INSERT INTO entity_search (entity_id, key, value)
      SELECT * FROM json_to_recordset(${rowsParam(part)}::json) AS v("entityId" uuid, key text, value text)`;
  }
}

/** Relations and search rows have no foreign key (see schema.prisma), so whoever removes or rewrites an entity removes them. */
async function deleteDerived(tx: Tx, entityIds: string[]): Promise<void> {
  for (const part of chunks(entityIds)) {
    await tx.$executeRaw`DELETE FROM relations WHERE origin_id = ANY(${part}::uuid[])`;
    await tx.$executeRaw`DELETE FROM entity_search WHERE entity_id = ANY(${part}::uuid[])`;
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
  if (context.meta.audit) {
    const count = (op: Change["operation"]) => changes.filter((c) => c.operation === op).length;
    const summary = { created: count("created"), updated: count("updated"), deleted: count("deleted"), refs: changes.slice(0, 20).map((c) => c.ref) };
    await recordAudit(tx, ...context.meta.audit(summary));
  }
  if (changes.length === 0) return; // nothing changed: the catalog version stays, and so do caches
  const next = await nextVersions(tx, changes.filter((c) => c.operation !== "created").map((c) => c.uid));
  const audit = { actor: context.meta.actor, source: context.source, requestId: context.meta.requestId ?? null };
  const versions = changes.map((c) => ({
    uid: c.uid,
    ref: c.ref,
    version: c.operation === "created" ? 1 : (next.get(c.uid) ?? 1),
    operation: c.operation,
    descriptor: c.entity ? storedDescriptor(c.entity) : null,
    etag: c.entity?.etag ?? null,
  }));
  for (const part of chunks(versions, BULK)) {
    const json = rowsParam(part);
    await tx.$executeRaw`
      INSERT INTO entity_versions (entity_uid, ref, version, operation, descriptor, etag, actor, source, request_id)
      SELECT uid, ref, version, operation, descriptor, etag, ${audit.actor}, ${audit.source}, ${audit.requestId}
        FROM json_to_recordset(${json}::json) AS v(uid uuid, ref text, version int, operation text, descriptor jsonb, etag text)`;
    await tx.$executeRaw`
      INSERT INTO change_events (entity_uid, ref, operation, etag, actor, source, request_id)
      SELECT uid, ref, operation, etag, ${audit.actor}, ${audit.source}, ${audit.requestId}
        FROM json_to_recordset(${json}::json) AS v(uid uuid, ref text, operation text, etag text)`;
  }
  // Last, so the row lock this takes is held only until commit (it orders concurrent writers' commits).
  await tx.$executeRaw`UPDATE catalog_state SET version = version + 1 WHERE id = 1`;
}

async function nextVersions(tx: Tx, uids: string[]): Promise<Map<string, number>> {
  const next = new Map<string, number>();
  for (const part of chunks(uids, 10_000)) {
    const rows = await tx.$queryRaw<{ uid: string; version: number }[]>(
      Prisma.sql`SELECT entity_uid::text AS uid, max(version) AS version FROM entity_versions WHERE entity_uid = ANY(${part}::uuid[]) GROUP BY entity_uid`,
    );
    for (const r of rows) next.set(r.uid, Number(r.version) + 1);
  }
  return next;
}
