import type { ChangeEvent } from "@cartograph/contracts";
import { changeFeedStart, readChangeFeed, type ChangeEventRow, type Db } from "@cartograph/db";

export type ChangeListener = (events: ChangeEvent[]) => void;

export interface ChangeFeedOptions {
  /** How often the one shared poller reads the change log. */
  intervalMs?: number;
  /** Rows per read; a burst larger than this is read over several polls. */
  batch?: number;
  /** At most this many unfilled ids are remembered (a rolled-back bulk write can leave very many). */
  maxGaps?: number;
  /** A gap is given up after this long even if an old transaction is still running (an idle session). */
  maxGapAgeMs?: number;
}

interface Gap {
  /** Every transaction that could still commit this id started below this transaction id. */
  until: bigint;
  since: number;
}

/**
 * The change log as a live, in-process stream: ONE poller per API process reads change_events
 * for every listener (started by the first, stopped with the last), so listeners cost no queries.
 * The state is PostgreSQL's, so every replica sees every change.
 *
 * Change ids come from a sequence: a transaction that took id N can commit after one that took
 * N+1. Reading only `id > last` would skip N forever, so ids skipped over are remembered as gaps
 * and asked for again on every poll, until the snapshot shows that every transaction that could
 * hold one has ended (then it was rolled back). A filled gap is delivered when it commits, after
 * higher ids: listeners get every change once, not always in id order.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly gaps = new Map<bigint, Gap>();
  private cursor = 0n;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped on stop, so a read in flight when the last listener left is dropped. */
  private generation = 0;
  private readonly intervalMs: number;
  private readonly batch: number;
  private readonly maxGaps: number;
  private readonly maxGapAgeMs: number;

  constructor(
    private readonly db: Db,
    options: ChangeFeedOptions = {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.intervalMs = options.intervalMs ?? 300;
    this.batch = options.batch ?? 1_000;
    this.maxGaps = options.maxGaps ?? 50_000;
    this.maxGapAgeMs = options.maxGapAgeMs ?? 5 * 60_000;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** The newest change id delivered to listeners, or null while the poller is stopped (no listeners). */
  get deliveredThrough(): string | null {
    return this.timer ? String(this.cursor) : null;
  }

  /** Listens from now on; resolves once "now" is fixed. Returns the function that stops listening. */
  async subscribe(listener: ChangeListener): Promise<() => void> {
    this.listeners.add(listener);
    this.ready ??= this.start();
    try {
      await this.ready;
    } catch (error) {
      this.unsubscribe(listener);
      throw error;
    }
    return () => this.unsubscribe(listener);
  }

  /** Stops polling and forgets every listener (server shutdown). */
  close(): void {
    this.listeners.clear();
    this.stop();
  }

  private unsubscribe(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    const window = 1_000;
    let begin;
    try {
      begin = await changeFeedStart(this.db, window);
    } catch (error) {
      this.ready = null;
      throw error;
    }
    if (generation !== this.generation) return;
    this.cursor = BigInt(begin.last);
    // Transactions in flight now may still commit ids below the newest one: watch the recent holes.
    const present = new Set(begin.present);
    const now = Date.now();
    for (let id = this.cursor > BigInt(window) ? this.cursor - BigInt(window) + 1n : 1n; id < this.cursor; id++) {
      if (!present.has(String(id))) this.gaps.set(id, { until: BigInt(begin.xmax), since: now });
    }
    this.schedule(generation);
  }

  private stop(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ready = null;
    this.gaps.clear();
  }

  private schedule(generation: number): void {
    this.timer = setTimeout(() => void this.poll(generation), this.intervalMs);
    this.timer.unref();
  }

  private async poll(generation: number): Promise<void> {
    try {
      const read = await readChangeFeed(this.db, String(this.cursor), [...this.gaps.keys()].map(String), this.batch);
      if (generation !== this.generation) return;
      const events = this.take(read.rows, BigInt(read.xmin), BigInt(read.xmax));
      if (events.length > 0) for (const listener of [...this.listeners]) listener(events);
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    }
    if (generation === this.generation) this.schedule(generation);
  }

  /** What a read brings that no listener has seen; moves the cursor and the gaps along. */
  private take(rows: ChangeEventRow[], xmin: bigint, xmax: bigint): ChangeEvent[] {
    const now = Date.now();
    const events: ChangeEvent[] = [];
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id <= this.cursor) {
        if (this.gaps.delete(id)) events.push(row as ChangeEvent);
        continue;
      }
      const skipped = id - this.cursor - 1n;
      const from = skipped > BigInt(this.maxGaps) ? id - BigInt(this.maxGaps) : this.cursor + 1n;
      for (let missing = from; missing < id; missing++) this.gaps.set(missing, { until: xmax, since: now });
      this.cursor = id;
      events.push(row as ChangeEvent);
    }
    for (const [id, gap] of this.gaps) {
      if (xmin >= gap.until || now - gap.since > this.maxGapAgeMs) this.gaps.delete(id);
    }
    // Oldest first (Map keeps insertion order): a flood of holes keeps only the most recent.
    for (const id of this.gaps.keys()) {
      if (this.gaps.size <= this.maxGaps) break;
      this.gaps.delete(id);
    }
    return events;
  }
}
