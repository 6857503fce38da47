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

export const entitySelect = {
  id: true,
  ref: true,
  kind: true,
  namespace: true,
  name: true,
  apiVersion: true,
  metadata: true,
  spec: true,
  etag: true,
  source: true,
  statusItems: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Prisma.EntityGetPayload<{ select: typeof entitySelect }>;

export const toEntityRecord = (row: Row): EntityRecord => ({
  ...row,
  metadata: row.metadata as Record<string, unknown>,
  spec: row.spec as Record<string, unknown>,
  statusItems: row.statusItems as EntityRecord["statusItems"],
});

export function entityRepository(db: Db) {
  const { prisma } = db;
  return {
    async findById(id: string): Promise<EntityRecord | null> {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
      const row = await prisma.entity.findUnique({ where: { id }, select: entitySelect });
      return row ? toEntityRecord(row) : null;
    },

    async findByRef(ref: string): Promise<EntityRecord | null> {
      const row = await prisma.entity.findUnique({ where: { ref }, select: entitySelect });
      return row ? toEntityRecord(row) : null;
    },

    async count(): Promise<number> {
      return prisma.entity.count();
    },
  };
}

export type EntityRepository = ReturnType<typeof entityRepository>;
