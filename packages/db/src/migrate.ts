import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The lock key `prisma migrate deploy` holds, so our applier and Prisma's exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;
const MIGRATION_DIR_PATTERN = /^\d{14}_[A-Za-z0-9_-]+$/;

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file no longer has the checksum recorded when it was applied. */
  modified: string[];
  /** Migrations that started and did not finish, and were not marked rolled back. */
  failed: string[];
  /** Applied in the database but unknown to this build (a newer release ran); not an error. */
  unknown: string[];
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** A query function: pg's `client.query(...).rows` or Prisma's `$queryRawUnsafe`, whichever the caller holds. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Finds `prisma/migrations` by walking up from this module, so it works from the source tree and
 * from a bundled `dist/` alike; MIGRATIONS_DIR overrides it (container images).
 */
export function defaultMigrationsDir(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new MigrationError("cannot find prisma/migrations; set MIGRATIONS_DIR");
    dir = parent;
  }
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && MIGRATION_DIR_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, checksum: checksumOf(bytes), sql: bytes.toString("utf8") };
    }),
  );
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readRows(query: Query): Promise<MigrationRow[]> {
  const [exists] = await query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!exists?.exists) return [];
  return (await query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  )) as unknown as MigrationRow[];
}

/** Compares the migration files with what the database recorded, the way `prisma migrate status` does. */
export async function migrationStatus(query: Query, files: MigrationFile[]): Promise<MigrationStatus> {
  const rows = (await readRows(query)).filter((r) => r.rolled_back_at === null);
  const byName = new Map<string, MigrationRow>();
  for (const row of rows) byName.set(row.migration_name, row); // the latest attempt wins
  const fileNames = new Set(files.map((f) => f.name));
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [], unknown: [] };
  for (const file of files) {
    const row = byName.get(file.name);
    if (!row) status.pending.push(file.name);
    else if (row.finished_at === null) status.failed.push(file.name);
    else {
      status.applied.push(file.name);
      if (row.checksum !== file.checksum) status.modified.push(file.name);
    }
  }
  for (const row of byName.values()) {
    if (fileNames.has(row.migration_name)) continue;
    if (row.finished_at === null) status.failed.push(row.migration_name);
    else status.unknown.push(row.migration_name);
  }
  return status;
}

export interface ApplyOptions {
  connectionString: string;
  dir?: string;
  log?: (line: string) => void;
}

/**
 * Applies pending migrations in name order, each in its own transaction together with its
 * `_prisma_migrations` row, under Prisma's advisory lock so concurrent starters serialize.
 * Refuses to go on when an applied migration's file changed or an earlier one failed.
 */
export async function applyMigrations(options: ApplyOptions): Promise<{ applied: string[] }> {
  const dir = options.dir ?? defaultMigrationsDir();
  const log = options.log ?? (() => {});
  const files = await readMigrationFiles(dir);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_TABLE);
      const status = await migrationStatus(query, files);
      assertHealthy(status);
      for (const name of status.unknown) log(`warning: migration ${name} is applied but not known to this build`);
      const applied: string[] = [];
      for (const file of files.filter((f) => status.pending.includes(f.name))) {
        await applyOne(client, file);
        log(`applied migration ${file.name}`);
        applied.push(file.name);
      }
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

function assertHealthy(status: MigrationStatus): void {
  if (status.failed.length > 0) {
    const name = status.failed[0];
    throw new MigrationError(
      `migration ${name} failed earlier and blocks further migrations. Each migration runs in a transaction, so none of it was applied: ` +
        `fix the file, then run \`npm run db:migrate -- --rolled-back ${name}\` and migrate again.`,
    );
  }
  if (status.modified.length > 0) {
    throw new MigrationError(
      `migration(s) ${status.modified.join(", ")} changed after being applied (checksum differs). ` +
        "Restore the original file and put the change in a new migration.",
    );
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  const startedAt = new Date();
  try {
    await client.query("BEGIN");
    await client.query(file.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [id, file.checksum, file.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const message = error instanceof Error ? error.message : String(error);
    // Recorded as Prisma records a failure: finished_at NULL, the error in logs.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, NULL, $3, $4, NULL, $5, 0)`,
      [id, file.checksum, file.name, message, startedAt],
    );
    throw new MigrationError(`migration ${file.name} failed and was rolled back: ${message}`);
  }
}

/** Marks a failed migration as rolled back (like `prisma migrate resolve --rolled-back`). */
export async function markRolledBack(connectionString: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query(
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
      [name],
    );
    return (result.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
