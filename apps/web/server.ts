// The web tier's production server (`node dist/server.js`, cwd apps/web): Next.js behind a thin
// layer of our own that gives every request an id, answers /livez and /metrics, logs one JSON line
// per request and shuts down gracefully on SIGTERM/SIGINT.
import { createServer } from "node:http";
import next from "next";
import { pino } from "pino";
import { ConfigError, parseEnv, type Env } from "./src/env";
import { createRequestHandler } from "./src/server/handler";
import { ServerLifecycle } from "./src/server/lifecycle";
import { createWebMetrics } from "./src/server/metrics";

/** Bad configuration: one line per problem, then exit non-zero (like the API). */
function loadConfigOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

const config = loadConfigOrExit();
const logger = pino({ level: config.LOG_LEVEL, base: { service: "cartograph-web" } });
const dev = process.env.NODE_ENV === "development";
const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
const server = createServer();
server.keepAliveTimeout = 65_000; // longer than typical load-balancer idle timeouts
const lifecycle = new ServerLifecycle(server, { delayMs: config.SHUTDOWN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger });
const metrics = createWebMetrics({ openStreams: () => lifecycle.openStreams });

async function stop(signal: string): Promise<void> {
  await lifecycle.shutdown(signal);
  await app.close().catch((error: unknown) => logger.warn({ err: error }, "Next.js did not close cleanly"));
  logger.info("stopped");
  process.exit(0);
}
// Before Next.js is ready too: a stop during start-up is still a clean exit 0.
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

await app.prepare();
server.on("request", createRequestHandler({ next: app.getRequestHandler(), lifecycle, metrics, logger, metricsToken: config.METRICS_TOKEN, hold: { windowMs: config.RESPONSE_HOLD_MS, maxBytes: 4 * 1024 * 1024 } }));
server.on("error", (error) => {
  logger.fatal({ err: error }, "could not listen");
  process.exit(1);
});
if (!lifecycle.draining) {
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    logger.info({ port, host: config.HOST, dev }, `Cartograph web listening on http://${config.HOST}:${port}`);
  });
}
