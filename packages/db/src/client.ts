import { Prisma as PrismaNamespace, type PrismaClient, type Prisma } from "./generated/prisma/client.ts";
import { migrationStatus, type MigrationFile, type MigrationStatus, type Query } from "./migrate.ts";
import { openPool } from "./pool.ts";
import { createReadRouting, type ReadDb, type ReadRouting, type ReplicaState } from "./read-replicas.ts";

export interface DbOptions {
  connectionString: string;
  /** Upper bound of pooled connections per process. */
  poolMax?: number;
  /** How long a query may wait for a free connection before failing. */
  connectionTimeoutMs?: number;
  /** Read replicas (hot standbys of this database): read-only queries may go there; see docs/read-replicas.md. */
  replicaUrls?: string[];
  /** Pooled connections per process to each replica (default: poolMax). */
  replicaPoolMax?: number;
  /** How often each replica's replay position is checked, how long it may take to answer, and who hears when one starts or stops being used. */
  replicaCheck?: { intervalMs?: number; timeoutMs?: number; onChange?: (state: ReplicaState) => void; maxLagMs?: number };
}

/** The data tier handle the logic tier holds: the one Prisma client plus the few raw checks it needs. */
export interface Db {
  prisma: PrismaClient;
  /**
   * Where read-only repository code sends its queries: for a request the read routing allowed onto
   * a replica (a GET whose caller's own writes it has replayed), that replica; otherwise the
   * primary. Without replicas it is this Db itself.
   */
  readonly reads: ReadDb;
  /** The read replicas and the per-request choice among them; null without replicas. */
  readonly replicas: ReadRouting | null;
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
  const primary = openPool({ connectionString: options.connectionString, max: options.poolMax ?? 10, connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000 });
  const { pool, prisma } = primary;
  const query: Query = (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params);
  const replicas = options.replicaUrls?.length
    ? createReadRouting(primary, {
        urls: options.replicaUrls,
        poolMax: options.replicaPoolMax ?? options.poolMax ?? 10,
        // A replica that is down should cost a request little: it reads the primary instead.
        connectionTimeoutMs: Math.min(options.connectionTimeoutMs ?? 5_000, 2_000),
        checkIntervalMs: options.replicaCheck?.intervalMs,
        checkTimeoutMs: options.replicaCheck?.timeoutMs,
        onChange: options.replicaCheck?.onChange,
        maxLagMs: options.replicaCheck?.maxLagMs,
      })
    : null;
  let closed = false;
  const db = {
    prisma,
    replicas,
    query: primary.query,
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
      // While checked out the pool no longer listens for the connection's errors: a connection
      // that dies mid-transaction (a terminated backend, a failover) must fail this call, not
      // raise an unhandled 'error' event that ends the process.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on("error", onError);
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
        client.off("error", onError);
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
      await replicas?.close();
      await primary.close();
    },
  } satisfies Omit<Db, "reads">;
  return Object.defineProperty(db, "reads", replicas ? { get: () => replicas.current(), enumerable: true } : { value: db, enumerable: true }) as Db;
}
