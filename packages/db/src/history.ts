import type { Db } from "./client.ts";

export interface VersionRecord {
  id: string;
  entityUid: string;
  ref: string;
  version: number;
  operation: string;
  etag: string | null;
  actor: string;
  source: string | null;
  requestId: string | null;
  createdAt: Date;
}

const select = {
  id: true,
  entityUid: true,
  ref: true,
  version: true,
  operation: true,
  etag: true,
  actor: true,
  source: true,
  requestId: true,
  createdAt: true,
} as const;

const toRecord = <T extends { id: bigint }>(row: T) => ({ ...row, id: row.id.toString() });

/** Versions of every entity that ever had this ref, newest first, one page after `beforeId`. */
export async function listVersions(db: Db, params: { ref: string; limit: number; beforeId?: string }) {
  const rows = await db.reads.prisma.entityVersion.findMany({
    where: { ref: params.ref, ...(params.beforeId ? { id: { lt: BigInt(params.beforeId) } } : {}) },
    orderBy: { id: "desc" },
    take: params.limit + 1,
    select,
  });
  const hasMore = rows.length > params.limit;
  return { items: rows.slice(0, params.limit).map(toRecord) as VersionRecord[], hasMore };
}

/** One version with its full descriptor (null for a deletion). */
export async function getVersion(db: Db, params: { ref: string; id: string }) {
  const row = await db.reads.prisma.entityVersion.findFirst({ where: { ref: params.ref, id: BigInt(params.id) }, select: { ...select, descriptor: true } });
  return row ? { ...(toRecord(row) as VersionRecord), descriptor: row.descriptor as Record<string, unknown> | null } : null;
}
