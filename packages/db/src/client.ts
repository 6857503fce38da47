import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma as PrismaNamespace, PrismaClient, type Prisma } from "./generated/prisma/client.ts";
import { migrationStatus, type MigrationFile, type MigrationStatus, type Query } from "./migrate.ts";

export interface DbOptions {
  connectionString: string;
  /** Upper bound of pooled connections per process. */
  poolMax?: number;
  /** How long a query may wait for a free connection before failing. */
  connectionTimeoutMs?: number;
}

/** The data tier handle the logic tier holds: the one Prisma client plus the few raw checks it needs. */
export interface Db {
  prisma: PrismaClient;
  /**
   * Runs a `Prisma.sql` statement straight on the pool Prisma also uses. Hot read paths use it:
   * each Prisma call costs about a millisecond of client-side work, a pg query a fraction of that.
   */
  query<T = Record<string, unknown>>(sql: Prisma.Sql, options?: { prepare?: boolean }): Promise<T[]>;
  /**
   * Runs `fn` in one transaction on a pooled pg connection, without Prisma: for bulk writes,
   * where Prisma's per-statement work on large parameters costs seconds. Commits when `fn`
   * resolves, rolls back when it throws.
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /** The pg pool's connections right now (for metrics): open, idle, and callers waiting for one. */
  poolStats(): PoolStats;
  migrationStatus(files: MigrationFile[]): Promise<MigrationStatus>;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** The tagged-template surface of a Prisma transaction client, so bulk code runs on either. */
export interface SqlTx {
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
}

const toSql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql =>
  query instanceof PrismaNamespace.Sql ? query : PrismaNamespace.sql(query, ...values);

export function createDb(options: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
  });
  // An idle connection that breaks (a database restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const query: Query = (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params);
  let closed = false;
  return {
    prisma,
    async query<T>(sql: Prisma.Sql, queryOptions: { prepare?: boolean } = {}) {
      // A named statement is planned once per connection; only for fixed query shapes, as every
      // distinct text stays prepared on each connection.
      const name = queryOptions.prepare ? `cg_${createHash("sha1").update(sql.text).digest("hex").slice(0, 16)}` : undefined;
      return (await pool.query({ name, text: sql.text, values: sql.values })).rows as T[];
    },
    async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: SqlTx = {
        async $executeRaw(query, ...values) {
          const sql = toSql(query, values);
          return (await client.query(sql.text, sql.values)).rowCount ?? 0;
        },
        async $queryRaw<R>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
          const sql = toSql(query, values);
          return (await client.query(sql.text, sql.values)).rows as R;
        },
      };
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError; // the connection is gone: do not hand it out again
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await prisma.$queryRawUnsafe("SELECT 1");
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    migrationStatus: (files) => migrationStatus(query, files),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
