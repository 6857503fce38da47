export { createDb, type Db, type DbOptions } from "./client.ts";
export { entityRepository, type EntityRecord, type EntityRepository, type NewEntity } from "./entities.ts";
export {
  applyMigrations,
  defaultMigrationsDir,
  markRolledBack,
  MigrationError,
  readMigrationFiles,
  type MigrationFile,
  type MigrationStatus,
} from "./migrate.ts";
export { demoCatalogPath } from "./seed.ts";
