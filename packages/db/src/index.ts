export { createDb, type Db, type DbOptions } from "./client.ts";
export { entityRepository, type EntityRecord, type EntityRepository } from "./entities.ts";
export {
  applyMigrations,
  defaultMigrationsDir,
  markRolledBack,
  MigrationError,
  readMigrationFiles,
  type MigrationFile,
  type MigrationStatus,
} from "./migrate.ts";
export { demoCatalogFiles } from "./seed.ts";
export {
  applySourceSnapshot,
  createSingleEntity,
  deleteEntityById,
  deleteEntityIfMatch,
  updateEntityIfMatch,
  type ConditionalWriteResult,
  type ChangeMeta,
  type ChangeSummary,
  type TouchedEntity,
  type WriteGuard,
  type PreparedEntity,
  type SnapshotDiff,
  type SnapshotResult,
} from "./catalog-writes.ts";
export { loadEntity, relationsOf, relationsOfMany, type LoadedEntity, type RelationRow } from "./relations.ts";
export { getVersion, listVersions, type VersionRecord } from "./history.ts";
export { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type IdempotencyClaim } from "./idempotency.ts";
export {
  facetCounts,
  queryEntities,
  type Condition,
  type FieldCondition,
  type FilterGroups,
  type OrderField,
  type Position,
  type QueryPage,
  type QueryParams,
  type SortKey,
} from "./catalog-query.ts";
export { facetValues, type FacetValues } from "./catalog-facets.ts";
export { listAudit, recordAudit, type AuditFilter, type AuditInput, type AuditRecord, type SqlRunner } from "./audit.ts";
export { findApiToken, findSession, markTokenUsed, touchSession, type SessionRow, type TokenRow } from "./credentials.ts";
export { membershipOf, type Membership } from "./membership.ts";
