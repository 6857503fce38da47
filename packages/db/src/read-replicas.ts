import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { Prisma } from "./generated/prisma/client.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { isDatabaseUnreachable } from "./errors.ts";
import { openPool, type SqlQuery } from "./pool.ts";

/** What read-only repository code needs of a database: raw queries and Prisma. */
export interface ReadDb {
  readonly prisma: PrismaClient;
  readonly query: SqlQuery;
}

export type ReadSource = "primary" | "replica";

/** Where one request's reads go, as chosen by ReadRouting.choose. */
export interface ReadChoice {
  readonly from: ReadSource;
  /** @internal */
  readonly handle: ReadDb;
}

/** A replica as the last check saw it. */
export interface ReplicaState {
  /** The URL without its password. */
  url: string;
  healthy: boolean;
  /** pg_last_wal_replay_lsn() at the last answer, e.g. `0/1B99E70`. */
  replayLsn: string | null;
  error: string | null;
}

export interface ReplicaOptions {
  urls: string[];
  poolMax: number;
  connectionTimeoutMs: number;
  /** How often each replica is asked how far it has replayed. */
  checkIntervalMs?: number;
  /** A replica that does not answer within this is skipped until it answers again. */
  checkTimeoutMs?: number;
  /** Told when a replica starts or stops being used (for the log). */
  onChange?: (state: ReplicaState) => void;
  /**
   * How stale a read may be for any caller: a replica that has not yet replayed what the primary
   * had written this long ago is skipped (0 or unset: no bound beyond the caller's own fence).
   */
  maxLagMs?: number;
}

/**
 * Routes a request's read-only queries to a read replica (a hot standby streaming from the
 * primary), per request: `choose` picks a database for the caller's fence, `run` runs the request
 * with that choice held in an AsyncLocalStorage, and `current()` is what `db.reads` returns.
 * Anything outside `run` (writes, authentication, background work) reads the primary.
 */
export interface ReadRouting {
  /** A healthy replica that has replayed at least to `fence` (a pg_lsn; null: any), else the primary. */
  choose(fence: string | null): ReadChoice;
  /** Runs `fn` with its reads on `choice`; `onServed` hears where reads are served, again if a failure moves them to the primary. */
  run<T>(choice: ReadChoice, fn: () => T, onServed?: (from: ReadSource) => void): T;
  /** The current request's read database (the primary outside `run`). */
  current(): ReadDb;
  replicas(): ReplicaState[];
  /** Checks every replica now and waits for the answers (startup, tests). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** A pg_lsn (`16/B374D848`: high and low 32 bits in hex) as a number that compares like the LSN. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) throw new Error(`not a pg_lsn: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * Whether a failed replica read is worth running again on the primary: the replica cannot be
 * reached or is shutting down, or cancelled the query because replay needed the rows it read
 * (40001, only a standby raises it for our single reads).
 */
export const isReplicaFailure = (error: unknown): boolean => isDatabaseUnreachable(error, ["40001"]);

const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)) || "failed";

interface RequestStore {
  handle: ReadDb;
  reported: ReadSource | null;
  onServed?: (from: ReadSource) => void;
}

/** One replica: its pool for reads, and a connection of its own for the replay-position check. */
class Replica {
  healthy = false;
  replayLsn: bigint | null = null;
  replayText: string | null = null;
  error: string | null = null;
  /** Whether onChange has been told anything yet: the first answer, or its absence, is news. */
  private reported = false;
  private closed = false;
  private probe: pg.Client | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
    private readonly onChange: (replica: Replica) => void = () => {},
  ) {}

  state(): ReplicaState {
    return { url: redact(this.url), healthy: this.healthy, replayLsn: this.replayText, error: this.error };
  }

  check(): Promise<void> {
    this.checking ??= this.ask().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async ask(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const lsn = await Promise.race([this.replayPosition(), timeout]);
      if (lsn === null) throw new Error("not a standby: pg_last_wal_replay_lsn() is null");
      this.replayLsn = parseLsn(lsn);
      this.replayText = lsn;
      this.error = null;
      this.set(true);
    } catch (error) {
      this.down(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async replayPosition(): Promise<string | null> {
    if (!this.probe) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.timeoutMs, application_name: "cartograph-replica-check" });
      client.on("error", () => {});
      this.probe = client;
      await client.connect();
    }
    const { rows } = await this.probe.query<{ lsn: string | null }>("SELECT pg_last_wal_replay_lsn()::text AS lsn");
    return rows[0]?.lsn ?? null;
  }

  private set(healthy: boolean): void {
    if (this.healthy === healthy && this.reported) return;
    this.healthy = healthy;
    this.reported = true;
    if (!this.closed) this.onChange(this);
  }

  /** Skipped from now until a check is answered again; the check connection starts afresh. */
  down(error: unknown): void {
    this.error = messageOf(error);
    this.set(false);
    const probe = this.probe;
    this.probe = null;
    if (probe) {
      // A server that stopped answering may never answer `end()`: drop the socket as well.
      void probe.end().catch(() => {});
      (probe as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.down(new Error("closed"));
    await this.checking?.catch(() => {});
  }
}

export function createReadRouting(primary: ReadDb, options: ReplicaOptions): ReadRouting {
  const storage = new AsyncLocalStorage<RequestStore>();
  const report = (store: RequestStore, from: ReadSource) => {
    if (store.reported === from) return;
    store.reported = from;
    store.onServed?.(from);
  };
  const PRIMARY: ReadChoice = Object.freeze({ from: "primary", handle: primary });

  const replicas = options.urls.map((url) => {
    const replica = new Replica(url, options.checkTimeoutMs ?? 1_000, (r) => options.onChange?.(r.state()));
    const pooled = openPool({ connectionString: url, max: options.poolMax, connectionTimeoutMs: options.connectionTimeoutMs });
    /** The replica failed under a request: the rest of that request reads the primary. */
    const failOver = (error: unknown) => {
      replica.down(error);
      const store = storage.getStore();
      if (store) {
        store.handle = primary;
        report(store, "primary");
      }
    };
    const query: SqlQuery = async (sql, queryOptions) => {
      try {
        return await pooled.query(sql, queryOptions);
      } catch (error) {
        if (!isReplicaFailure(error)) throw error;
        failOver(error);
        return primary.query(sql, queryOptions);
      }
    };
    const prisma = pooled.prisma.$extends({
      query: {
        $allModels: {
          async $allOperations({ model, operation, args, query: run }) {
            try {
              return await run(args);
            } catch (error) {
              if (!isReplicaFailure(error)) throw error;
              failOver(error);
              const delegate = (primary.prisma as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>)[model.charAt(0).toLowerCase() + model.slice(1)];
              return delegate![operation]!(args);
            }
          },
        },
      },
    }) as unknown as PrismaClient;
    const choice: ReadChoice = Object.freeze({ from: "replica", handle: { prisma, query } });
    return { replica, pooled, choice };
  });

  // The primary's WAL position over the last maxLagMs: what a replica must have replayed for its
  // reads to be at most that stale.
  const maxLagMs = options.maxLagMs ?? 0;
  const positions: { at: number; lsn: bigint }[] = [];
  let floor: bigint | null = null;
  const samplePrimary = async () => {
    if (maxLagMs <= 0) return;
    try {
      const [row] = await primary.query<{ lsn: string }>(Prisma.sql`SELECT pg_current_wal_lsn()::text AS lsn`);
      const now = Date.now();
      positions.push({ at: now, lsn: parseLsn(row!.lsn) });
      while (positions.length > 1 && positions[1]!.at <= now - maxLagMs) positions.shift();
      if (positions[0]!.at <= now - maxLagMs) floor = positions[0]!.lsn;
    } catch {
      // The primary did not answer: keep the last floor; its own requests will fail loudly.
    }
  };
  const checkAll = () => Promise.all([samplePrimary(), ...replicas.map(({ replica }) => replica.check())]).then(() => {});
  void checkAll();
  const timer = setInterval(() => void checkAll(), options.checkIntervalMs ?? 200);
  timer.unref();
  let turn = 0;

  return {
    choose(fence) {
      const own = fence === null ? null : parseLsn(fence);
      const needed = own === null ? floor : floor === null || own > floor ? own : floor;
      const ready = replicas.filter(({ replica: r }) => r.healthy && r.replayLsn !== null && (needed === null || r.replayLsn >= needed));
      if (ready.length === 0) return PRIMARY;
      turn = (turn + 1) % ready.length;
      return ready[turn]!.choice;
    },
    run(choice, fn, onServed) {
      return storage.run({ handle: choice.handle, reported: null, onServed }, fn);
    },
    current() {
      const store = storage.getStore();
      if (!store) return primary;
      report(store, store.handle === primary ? "primary" : "replica");
      return store.handle;
    },
    replicas: () => replicas.map(({ replica }) => replica.state()),
    check: checkAll,
    async close() {
      clearInterval(timer);
      await Promise.all(replicas.map(async ({ replica, pooled }) => {
        await replica.close();
        await pooled.close();
      }));
    },
  };
}
