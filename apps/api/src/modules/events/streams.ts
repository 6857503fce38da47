import type { ChangeEvent } from "@cartograph/contracts";
import { apiTokenIsLive, changeEventsAfter, findSession, type Db } from "@cartograph/db";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import { AppError, ServiceUnavailableError } from "../../errors.ts";
import { actorId, type Principal } from "../../http/principal.ts";
import { ChangeFeed, type ChangeFeedOptions } from "./change-feed.ts";

export interface EventStreamOptions {
  /** Open streams per API process; beyond it 503 with Retry-After. */
  maxStreams: number;
  /** Open streams per caller; beyond it 429. */
  maxPerCaller: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  pingMs: number;
  /** The caller's session or token is checked again this often; the stream ends when it is no longer valid. */
  recheckMs: number;
  /** The most changes a reconnecting listener is sent from before it connected (Last-Event-ID). */
  replayLimit: number;
  /** A listener this far behind (bytes not yet taken by the client) is cut off. */
  maxBufferedBytes: number;
  feed: ChangeFeedOptions;
}

export const DEFAULT_EVENT_STREAM_OPTIONS: EventStreamOptions = {
  maxStreams: 500,
  maxPerCaller: 20,
  pingMs: 15_000,
  recheckMs: 30_000,
  replayLimit: 1_000,
  maxBufferedBytes: 1 << 20,
  feed: {},
};

interface OpenStream {
  caller: string;
  end(): void;
}

export interface StreamRequest {
  principal: Principal;
  /** Canonical refs to pass; every change when null. */
  refs: Set<string> | null;
  /** Replay what came after this change id first. */
  lastEventId: string | undefined;
}

const frame = (e: ChangeEvent) => `event: change\nid: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;

/** The open Server-Sent-Event streams of one API process, fed by one shared ChangeFeed. */
export class EventStreams {
  readonly feed: ChangeFeed;
  private readonly open = new Set<OpenStream>();
  private readonly options: EventStreamOptions;
  private closing = false;

  constructor(
    private readonly deps: { db: Db; logger: Logger; sessionIdleMinutes: number },
    options: Partial<EventStreamOptions> = {},
  ) {
    this.options = { ...DEFAULT_EVENT_STREAM_OPTIONS, ...options };
    this.feed = new ChangeFeed(deps.db, this.options.feed, (error) => deps.logger.warn({ err: error }, "change feed read failed; retrying"));
  }

  get size(): number {
    return this.open.size;
  }

  /** Ends every stream and stops the feed: shutdown must not wait for listeners that never leave. */
  closeAll(): void {
    this.closing = true;
    for (const stream of [...this.open]) stream.end();
    this.feed.close();
  }

  async serve(req: Request, res: Response, input: StreamRequest): Promise<void> {
    const stream = this.admit(input.principal, req.ip);
    const timers: NodeJS.Timeout[] = [];
    let unsubscribe: (() => void) | null = null;
    let ended = false;
    stream.end = () => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearInterval(timer);
      unsubscribe?.();
      this.open.delete(stream);
      if (!res.writableEnded) res.end();
    };
    res.on("close", stream.end);

    const write = (text: string) => {
      if (ended) return;
      res.write(text);
      if (res.writableLength > this.options.maxBufferedBytes) stream.end();
    };
    const passes = (e: ChangeEvent) => !input.refs || input.refs.has(e.ref);

    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Accel-Buffering": "no",
      // The stream is the connection's last use: when it ends, so does the connection.
      Connection: "close",
    });
    res.flushHeaders();
    write("retry: 3000\n: connected\n\n");

    try {
      // Live changes wait while the replay is read, then go out without what it already sent.
      let held: ChangeEvent[] | null = input.lastEventId === undefined ? null : [];
      const subscription = await this.feed.subscribe((events) => {
        for (const e of events) if (passes(e)) held ? held.push(e) : write(frame(e));
      });
      if (ended) return subscription();
      unsubscribe = subscription;
      if (input.lastEventId !== undefined) {
        const replay = await changeEventsAfter(this.deps.db, input.lastEventId, input.refs ? [...input.refs] : null, this.options.replayLimit);
        const sent = new Set(replay.map((e) => e.id));
        for (const e of replay) write(frame(e as ChangeEvent));
        if (replay.length === this.options.replayLimit) write(`: replay stopped after ${this.options.replayLimit} changes\n\n`);
        const waiting = held ?? [];
        held = null;
        for (const e of waiting) if (!sent.has(e.id)) write(frame(e));
      }
      // From here on every change reaches this stream (clients and tests can wait for this line).
      write(": live\n\n");
      timers.push(setInterval(() => write(": ping\n\n"), this.options.pingMs));
      timers.push(setInterval(() => void this.recheck(input.principal, stream), this.options.recheckMs));
      for (const timer of timers) timer.unref();
    } catch (error) {
      this.deps.logger.warn({ err: error }, "event stream failed");
      stream.end();
    }
  }

  /** Counts the stream in, or refuses it: 503 when the process is full, 429 when the caller is. */
  private admit(principal: Principal, ip: string | undefined): OpenStream {
    if (this.closing) throw new ServiceUnavailableError("shutting_down", "The server is shutting down; reconnect to another instance.", 1);
    if (this.open.size >= this.options.maxStreams) {
      throw new ServiceUnavailableError("too_many_streams", `This server holds its maximum of ${this.options.maxStreams} event streams; retry later.`, 10);
    }
    const caller = principal.kind === "anonymous" ? `anonymous:${ip ?? ""}` : actorId(principal);
    const mine = [...this.open].filter((s) => s.caller === caller).length;
    if (mine >= this.options.maxPerCaller) {
      throw new AppError(429, "too_many_streams", "Too many requests", `You have ${mine} event streams open, the most allowed per caller; close one first.`, {
        headers: { "Retry-After": "30" },
      });
    }
    const stream: OpenStream = { caller, end: () => {} };
    this.open.add(stream);
    return stream;
  }

  /** Ends the stream once the session or token it was opened with no longer works. */
  private async recheck(principal: Principal, stream: OpenStream): Promise<void> {
    try {
      if (!(await this.stillValid(principal))) stream.end();
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not re-check an event stream's credentials");
    }
  }

  private async stillValid(principal: Principal): Promise<boolean> {
    if (principal.kind === "anonymous") return true;
    if (principal.kind === "token") return principal.id === "bootstrap" || apiTokenIsLive(this.deps.db, principal.id);
    const session = await findSession(this.deps.db, principal.sessionId);
    const now = Date.now();
    return (
      session !== null &&
      !session.revokedAt &&
      !session.disabled &&
      session.expiresAt.getTime() > now &&
      session.lastSeenAt.getTime() + this.deps.sessionIdleMinutes * 60_000 > now
    );
  }
}
