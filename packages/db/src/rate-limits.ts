import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/**
 * Counters shared by every API replica, one row per key in `rate_limits`. Each decision is one
 * atomic upsert (INSERT ... ON CONFLICT DO UPDATE ... RETURNING): PostgreSQL locks the row for
 * the statement, so concurrent requests on any replica count exactly.
 */

export interface WindowCount {
  windowStart: Date;
  /** Everything counted in that window, this delta included. */
  count: number;
}

/**
 * Adds `delta` to the key's count in the fixed window starting at `windowStart` (callers align
 * windows to the clock, so replicas agree on them). A newer window replaces an older one; a
 * delta for a window already replaced is dropped, and the current window's count returned.
 */
export async function addToWindow(db: Db, key: string, windowStart: Date, delta: number): Promise<WindowCount> {
  const [row] = await db.query<WindowCount>(
    Prisma.sql`
      INSERT INTO rate_limits AS r (key, window_start, count) VALUES (${key}, ${windowStart}::timestamptz, ${delta}::int)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.window_start = excluded.window_start THEN r.count + excluded.count
                     WHEN r.window_start < excluded.window_start THEN excluded.count
                     ELSE r.count END,
        window_start = GREATEST(r.window_start, excluded.window_start)
      RETURNING window_start AS "windowStart", count`,
    { prepare: true },
  );
  return row!;
}

export interface LockoutPolicy {
  /** Consecutive failures allowed before each further attempt locks the key. */
  freeAttempts: number;
  /** The first lock; each further failure doubles it ... */
  baseLockSeconds: number;
  /** ... up to this. */
  maxLockSeconds: number;
  /** Failures older than this are forgotten. */
  memorySeconds: number;
}

export type AttemptClaim = { allowed: true; attempt: number } | { allowed: false; lockedUntil: Date };

/**
 * Claims one sign-in attempt for `key` before the password is checked, counting it as a failure
 * until `clearFailures` says otherwise. The attempt that reaches `freeAttempts` (and every one
 * after it) locks the key at once, for base·2^(attempt − freeAttempts) seconds, so requests racing
 * it are refused and a burst gets no more guesses than a sequence would. A locked key claims
 * nothing: the upsert's WHERE leaves the row alone and returns no row.
 */
export async function claimAttempt(db: Db, key: string, policy: LockoutPolicy): Promise<AttemptClaim> {
  const { freeAttempts, baseLockSeconds, maxLockSeconds, memorySeconds } = policy;
  const remembered = Prisma.sql`r.window_start >= now() - make_interval(secs => ${memorySeconds}::float8)`;
  const lockAfter = (attempt: Prisma.Sql) => Prisma.sql`CASE WHEN ${attempt} >= ${freeAttempts}::int
    THEN now() + make_interval(secs => LEAST(${baseLockSeconds}::float8 * power(2, LEAST(${attempt} - ${freeAttempts}::int, 30)), ${maxLockSeconds}::float8)) END`;
  const next = Prisma.sql`(CASE WHEN ${remembered} THEN r.failures + 1 ELSE 1 END)`;
  const [claimed] = await db.query<{ failures: number }>(
    Prisma.sql`
      INSERT INTO rate_limits AS r (key, window_start, count, failures, locked_until)
      VALUES (${key}, now(), 1, 1, ${lockAfter(Prisma.sql`1`)})
      ON CONFLICT (key) DO UPDATE SET failures = ${next}, locked_until = ${lockAfter(next)}, window_start = now(), count = r.count + 1
      WHERE r.locked_until IS NULL OR r.locked_until <= now()
      RETURNING failures`,
    { prepare: true },
  );
  if (claimed) return { allowed: true, attempt: claimed.failures };
  const [row] = await db.query<{ lockedUntil: Date | null }>(Prisma.sql`SELECT locked_until AS "lockedUntil" FROM rate_limits WHERE key = ${key}`, { prepare: true });
  // The lock may have ended between the two statements: report a second's wait rather than none.
  return { allowed: false, lockedUntil: row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : new Date(Date.now() + 1000) };
}

/** After a success: the key's failures and lock are forgotten. */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.query(Prisma.sql`UPDATE rate_limits SET failures = 0, locked_until = NULL WHERE key = ${key}`, { prepare: true });
}
