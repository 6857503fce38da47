import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
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
  ping(): Promise<void>;
  migrationStatus(files: MigrationFile[]): Promise<MigrationStatus>;
  close(): Promise<void>;
}

export function createDb(options: DbOptions): Db {
  const adapter = new PrismaPg({
    connectionString: options.connectionString,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
  });
  const prisma = new PrismaClient({ adapter });
  const query: Query = (sql, params = []) => prisma.$queryRawUnsafe(sql, ...params);
  return {
    prisma,
    async ping() {
      await prisma.$queryRawUnsafe("SELECT 1");
    },
    migrationStatus: (files) => migrationStatus(query, files),
    close: () => prisma.$disconnect(),
  };
}
