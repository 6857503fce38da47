export { createDb, type Db, type DbOptions, type PoolStats } from "./client.ts";
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
export { DEMO_ACCOUNTS, DEMO_PASSWORD, demoCatalogFiles, seedDemoAccounts } from "./seed.ts";
export {
  applySourceSnapshot,
  createEntities,
  createSingleEntity,
  type CreateEntitiesResult,
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
export { loadEntities, loadEntityUnlessKnown, relationsOf, relationsOfMany, type KnownEntity, type LoadedEntity, type RelationRow } from "./relations.ts";
export { getVersion, listVersions, type VersionRecord } from "./history.ts";
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RENEW_MS,
  releaseIdempotencyKey,
  renewIdempotencyClaim,
  type IdempotencyClaim,
} from "./idempotency.ts";
export {
  entityKeysByRefs,
  facetCounts,
  queryEntities,
  type Condition,
  type EntityKey,
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
export {
  ensureAdminAccount,
  findAccountForSignIn,
  getAccount,
  insertAccount,
  listAccounts,
  setAccountPassword,
  updateAccount,
  type AccountChange,
  type AccountPatch,
  type AccountRecord,
  type AccountUpdateResult,
  type AuditOf,
  type EnsureAdminResult,
  type NewAccount,
} from "./accounts.ts";
export { insertSession, listLiveSessions, revokeAccountSessions, revokeSession, type NewSession, type RevokeOutcome, type SessionRecord } from "./sessions.ts";
export { isUuid } from "./entities.ts";
export { insertApiToken, listApiTokens, revokeApiToken, type ApiTokenRecord, type NewApiToken } from "./api-tokens.ts";
export { addToWindow, claimAttempt, clearFailures, type AttemptClaim, type LockoutPolicy, type WindowCount } from "./rate-limits.ts";
export { catalogVersion } from "./query-cache.ts";
export { existingRefs, graphNodes, neighboursOf, partsOf, relationsAmong, type GraphNodeRow, type NeighbourRow, type NeighbourTypes, type RelationEdgeRow } from "./graph.ts";
export { apiTokenIsLive, changeEventsAfter, changeFeedBacklog, changeFeedStart, readChangeFeed, type ChangeEventRow } from "./change-feed.ts";
export { isDatabaseUnreachable } from "./errors.ts";
export { isReplicaFailure, parseLsn, type ReadDb, type ReadRouting, type ReadSource, type ReplicaState } from "./read-replicas.ts";
export { readFenceOf, recordReadFence } from "./read-fences.ts";
