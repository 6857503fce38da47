import { createDb, defaultMigrationsDir, readMigrationFiles } from "@cartograph/db";
import type { Socket } from "node:net";
import { createApp, eventStreamsOf } from "./app.ts";
import { loadConfigOrExit } from "./env.ts";
import { createAppServer } from "./http/app-server.ts";
import { createLogger } from "./http/logging.ts";
import { ensureFirstAdminInBackground } from "./modules/auth/first-admin.ts";

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const db = createDb({
  connectionString: config.DATABASE_URL,
  poolMax: config.DB_POOL_MAX,
  replicaUrls: config.DATABASE_REPLICA_URLS,
  replicaPoolMax: config.DB_REPLICA_POOL_MAX,
  replicaCheck: {
    maxLagMs: config.DB_REPLICA_MAX_LAG_MS,
    onChange: (replica) =>
      replica.healthy
        ? logger.info({ replica: replica.url, replayLsn: replica.replayLsn }, "read replica in use")
        : logger.warn({ replica: replica.url, err: replica.error }, "read replica skipped until it answers again; its reads go to the primary"),
  },
});
const migrationFiles = await readMigrationFiles(config.MIGRATIONS_DIR ?? defaultMigrationsDir());
if (config.CARTOGRAPH_ADMIN_EMAIL && config.CARTOGRAPH_ADMIN_PASSWORD) {
  void ensureFirstAdminInBackground({ db, logger }, { email: config.CARTOGRAPH_ADMIN_EMAIL, password: config.CARTOGRAPH_ADMIN_PASSWORD });
}

let acceptingTraffic = true;
const app = createApp({ config, db, logger, migrationFiles, isAcceptingTraffic: () => acceptingTraffic });
const server = createAppServer(app);
server.once("error", (error) => {
  logger.fatal({ err: error }, "could not listen");
  process.exit(1);
});
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, host: config.HOST }, `Cartograph API listening on http://${config.HOST}:${port}`);
});
server.keepAliveTimeout = 65_000; // longer than typical load-balancer idle timeouts

const sockets = new Set<Socket>();
server.on("connection", (socket) => {
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});

/**
 * Fail /livez and /readyz, keep serving for SHUTDOWN_DELAY_MS (every response closing its
 * connection) while load balancers notice, then close the listener, finish in-flight requests
 * within SHUTDOWN_TIMEOUT_MS, close the pool, exit 0.
 */
async function shutdown(signal: string): Promise<void> {
  if (!acceptingTraffic) return;
  acceptingTraffic = false;
  logger.info({ signal, delayMs: config.SHUTDOWN_DELAY_MS }, "shutting down: /livez fails from now on");
  if (config.SHUTDOWN_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DELAY_MS));
  logger.info({ open: sockets.size }, "closing the listener");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Event streams never finish on their own: end them now (listeners reconnect elsewhere).
  eventStreamsOf(app).closeAll();
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    logger.warn({ open: sockets.size }, "shutdown timeout reached; closing remaining connections");
    for (const socket of sockets) socket.destroy();
  }, config.SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  await closed;
  await db.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
