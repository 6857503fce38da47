import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { applyMigrations, markRolledBack, migrationStatus, MigrationError, readMigrationFiles } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
let dir: string;

beforeEach(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), { migrate: false });
  dir = mkdtempSync(path.join(tmpdir(), "cartograph-migrations-"));
});
afterEach(async () => {
  await database.drop();
});

function addMigration(name: string, sql: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function query(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations", () => {
  it("applies in name order and records each as prisma migrate deploy does", async () => {
    addMigration("20260102000000_second", 'ALTER TABLE "t" ADD COLUMN "b" int;');
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    const result = await applyMigrations({ connectionString: database.url, dir });
    expect(result.applied).toEqual(["20260101000000_first", "20260102000000_second"]);

    const rows = await query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toHaveLength(2);
    const file = readFileSync(path.join(dir, "20260101000000_first", "migration.sql"));
    expect(rows[0]).toMatchObject({
      migration_name: "20260101000000_first",
      checksum: createHash("sha256").update(file).digest("hex"),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
    const columns = await query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count",
    ]);
    expect(await query(`SELECT a, b FROM "t"`)).toEqual([]);
  });

  it("does nothing the second time", async () => {
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    await applyMigrations({ connectionString: database.url, dir });
    expect((await applyMigrations({ connectionString: database.url, dir })).applied).toEqual([]);
    expect(await query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: 1 }]);
  });

  it("lets concurrent appliers race safely: each migration runs exactly once", async () => {
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    addMigration("20260102000000_slow", 'SELECT pg_sleep(0.3); CREATE TABLE "u" ("a" int);');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => applyMigrations({ connectionString: database.url, dir })),
    );
    expect(results.flatMap((r) => r.applied).sort()).toEqual(["20260101000000_first", "20260102000000_slow"]);
    expect(await query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: 2 }]);
  });

  it("refuses to go on when an applied migration's file changed", async () => {
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    await applyMigrations({ connectionString: database.url, dir });
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" bigint);');
    addMigration("20260102000000_next", 'CREATE TABLE "u" ("a" int);');
    await expect(applyMigrations({ connectionString: database.url, dir })).rejects.toThrow(/20260101000000_first changed after being applied/);
    expect(await query(`SELECT to_regclass('u') IS NULL AS absent`)).toEqual([{ absent: true }]);
  });

  it("rolls a failing migration back whole, records the failure, and blocks until resolved", async () => {
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    addMigration("20260102000000_broken", 'CREATE TABLE "half" ("a" int); SELECT no_such_function();');
    await expect(applyMigrations({ connectionString: database.url, dir })).rejects.toThrow(MigrationError);
    expect(await query(`SELECT to_regclass('half') IS NULL AS absent`)).toEqual([{ absent: true }]);
    const failed = await query(`SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '20260102000000_broken'`);
    expect(failed).toHaveLength(1);
    expect(failed[0].finished_at).toBeNull();
    expect(failed[0].logs).toMatch(/no_such_function/);

    addMigration("20260102000000_broken", 'CREATE TABLE "half" ("a" int);');
    await expect(applyMigrations({ connectionString: database.url, dir })).rejects.toThrow(/failed earlier.*--rolled-back 20260102000000_broken/);

    expect(await markRolledBack(database.url, "20260102000000_broken")).toBe(true);
    expect((await applyMigrations({ connectionString: database.url, dir })).applied).toEqual(["20260102000000_broken"]);
    const status = await migrationStatus((sql, params) => query(sql, params), await readMigrationFiles(dir));
    expect(status).toMatchObject({ pending: [], failed: [], modified: [], applied: ["20260101000000_first", "20260102000000_broken"] });
  });
});

describe("migrationStatus", () => {
  it("lists everything as pending on an empty database, and reports migrations this build does not know", async () => {
    addMigration("20260101000000_first", 'CREATE TABLE "t" ("a" int);');
    const q = (sql: string, params?: unknown[]) => query(sql, params);
    expect((await migrationStatus(q, await readMigrationFiles(dir))).pending).toEqual(["20260101000000_first"]);
    await applyMigrations({ connectionString: database.url, dir });
    expect((await migrationStatus(q, [])).unknown).toEqual(["20260101000000_first"]);
  });
});
