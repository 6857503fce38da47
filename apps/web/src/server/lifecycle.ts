import type { Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";

export interface LifecycleOptions {
  /** How long /livez fails before the listener closes (SHUTDOWN_DELAY_MS). */
  delayMs: number;
  /** How long in-flight requests may still take once the listener closed (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
}

/**
 * The web server's graceful shutdown: fail /livez, keep serving for `delayMs` (every response
 * closing its connection) while load balancers notice, close the listener, end the event streams
 * (they never finish on their own; browsers reconnect elsewhere), let in-flight requests finish
 * within `timeoutMs`, then cut what is left.
 */
export class ServerLifecycle {
  private stopping = false;
  private readonly sockets = new Set<Socket>();
  private readonly inFlight = new Set<ServerResponse>();
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly server: Server,
    private readonly options: LifecycleOptions,
  ) {
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  /** True from the shutdown signal on: /livez fails and responses close their connections. */
  get draining(): boolean {
    return this.stopping;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Tracks a response until it closes; `stream` marks one that only ends when told to (Server-Sent Events). */
  track(res: ServerResponse, { stream = false } = {}): void {
    if (this.stopping && !res.headersSent) res.setHeader("Connection", "close");
    this.inFlight.add(res);
    if (stream) this.streams.add(res);
    res.once("close", () => {
      this.inFlight.delete(res);
      this.streams.delete(res);
    });
  }

  /** Resolves once the listener is closed and every connection has ended. */
  async shutdown(signal: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { delayMs, timeoutMs, logger } = this.options;
    logger.info({ signal, delayMs }, "shutting down: /livez fails from now on");
    // Responses still being worked on close their connection too, so it is not reused.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

    logger.info({ open: this.sockets.size, streams: this.streams.size }, "closing the listener");
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.streams) res.destroy();
    this.server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ open: this.sockets.size }, "shutdown timeout reached; closing remaining connections");
      for (const socket of this.sockets) socket.destroy();
    }, timeoutMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}
