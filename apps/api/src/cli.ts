// Operator commands for the data tier: `migrate [--rolled-back <name>]`, `status`, `seed [--if-empty]`.
import { readFile } from "node:fs/promises";
import {
  applyMigrations,
  createDb,
  defaultMigrationsDir,
  DEMO_PASSWORD,
  demoCatalogFiles,
  entityRepository,
  markRolledBack,
  readMigrationFiles,
  seedDemoAccounts,
} from "@cartograph/db";
import { z } from "zod";
import { hashPassword } from "./modules/auth/password.ts";
import { parseYamlDocuments } from "./modules/entities/descriptor-body.ts";
import { ingestDocuments } from "./modules/entities/ingest.ts";

const env = z
  .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL") })
  .safeParse(process.env);
if (!env.success) {
  process.stderr.write("Invalid configuration: DATABASE_URL is required and must be a postgresql:// URL\n");
  process.exit(78);
}
const url = env.data.DATABASE_URL;
const [command, ...args] = process.argv.slice(2);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function migrate() {
  const rolledBack = args.indexOf("--rolled-back");
  if (rolledBack >= 0) {
    const name = args[rolledBack + 1];
    if (!name) throw new Error("--rolled-back needs the migration name");
    log((await markRolledBack(url, name)) ? `marked ${name} as rolled back` : `no failed migration named ${name}`);
    return;
  }
  const { applied } = await applyMigrations({ connectionString: url, log });
  log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
}

async function status() {
  const db = createDb({ connectionString: url, poolMax: 1 });
  try {
    const s = await db.migrationStatus(await readMigrationFiles(defaultMigrationsDir()));
    log(JSON.stringify(s, null, 2));
    if (s.pending.length || s.failed.length || s.modified.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

/** Loads the demo catalog through the same ingest path as `POST /api/v1/ingest`, then one demo account per role. */
async function seed() {
  const db = createDb({ connectionString: url, poolMax: 2 });
  try {
    const entities = entityRepository(db);
    if (args.includes("--if-empty") && (await entities.count()) > 0) {
      log("database already holds entities; demo catalog not loaded");
      return;
    }
    let created = 0;
    for (const file of demoCatalogFiles()) {
      const documents = parseYamlDocuments(await readFile(file.path, "utf8"), 200_000);
      const { diff } = await ingestDocuments({ db }, { source: file.source, documents, dryRun: false, meta: { actor: "seed" } });
      created += diff.created.length;
    }
    log(`demo catalog: ${created} entities loaded`);
    const accounts = await seedDemoAccounts(db, await hashPassword(DEMO_PASSWORD));
    if (accounts.length) log(`demo accounts: ${accounts.join(", ")} (password ${DEMO_PASSWORD})`);
  } finally {
    await db.close();
  }
}

const commands: Record<string, () => Promise<void>> = { migrate, status, seed };
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write("usage: cli <migrate [--rolled-back <name>] | status | seed [--if-empty]>\n");
  process.exit(64);
}
try {
  await run();
} catch (error) {
  process.stderr.write(`${command} failed: ${(error as Error).message}\n`);
  process.exit(1);
}
