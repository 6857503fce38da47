import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.ts";

/** Runs a `Prisma.sql` statement straight on a pg pool (see Db.query). */
export type SqlQuery = <T = Record<string, unknown>>(sql: Prisma.Sql, options?: { prepare?: boolean }) => Promise<T[]>;

/** One database server as the data tier uses it: a pg pool, the Prisma client on that pool, and raw queries on it. */
export interface PooledDatabase {
  pool: pg.Pool;
  prisma: PrismaClient;
  query: SqlQuery;
  close(): Promise<void>;
}

/** Statement names by text: prepared statements are few fixed shapes, so this stays small. */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `cg_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`));
  return name;
};

export function openPool(options: { connectionString: string; max: number; connectionTimeoutMs: number }): PooledDatabase {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max, connectionTimeoutMillis: options.connectionTimeoutMs });
  // An idle connection that breaks (a database restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    pool,
    prisma,
    async query<T>(sql: Prisma.Sql, queryOptions: { prepare?: boolean } = {}) {
      // A named statement is planned once per connection; only for fixed query shapes, as every
      // distinct text stays prepared on each connection.
      const name = queryOptions.prepare ? statementName(sql.text) : undefined;
      return (await pool.query({ name, text: sql.text, values: sql.values })).rows as T[];
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
