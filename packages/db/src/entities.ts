import { Prisma } from "./generated/prisma/client.ts";
import type { Db } from "./client.ts";

/** An entity row as the logic tier sees it; Prisma's own types never leave this package. */
export interface EntityRecord {
  id: string;
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  etag: string;
  source: string | null;
  statusItems: { type: string; level: "info" | "warning" | "error"; message: string }[];
  createdAt: Date;
  updatedAt: Date;
}

/** The columns of an EntityRecord, named as its fields, for raw reads on the pg pool. */
export const ENTITY_COLUMNS = Prisma.sql`id::text AS id, ref, kind, namespace, name, api_version AS "apiVersion", metadata, spec, etag, source,
  status_items AS "statusItems", created_at AS "createdAt", updated_at AS "updatedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be an entity uid at all (so a malformed one is "not found", not a database error). */
export const isUuid = (id: string): boolean => UUID.test(id);

export function entityRepository(db: Db) {
  const { prisma } = db;
  return {
    async findById(id: string): Promise<EntityRecord | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.reads.query<EntityRecord>(Prisma.sql`SELECT ${ENTITY_COLUMNS} FROM entities WHERE id = ${id}::uuid`, { prepare: true });
      return row ?? null;
    },

    async findByRef(ref: string): Promise<EntityRecord | null> {
      const [row] = await db.reads.query<EntityRecord>(Prisma.sql`SELECT ${ENTITY_COLUMNS} FROM entities WHERE ref = ${ref}`, { prepare: true });
      return row ?? null;
    },

    /** Many entities by id in one query, in no particular order. */
    async findByIds(ids: string[]): Promise<EntityRecord[]> {
      if (ids.length === 0) return [];
      return db.reads.query<EntityRecord>(Prisma.sql`SELECT ${ENTITY_COLUMNS} FROM entities WHERE id = ANY(${ids}::uuid[])`, { prepare: true });
    },

    async count(): Promise<number> {
      return prisma.entity.count();
    },
  };
}

export type EntityRepository = ReturnType<typeof entityRepository>;
