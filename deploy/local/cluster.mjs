#!/usr/bin/env node
// `npm run cluster`: Cartograph as a scaled deployment on one machine. PostgreSQL (embedded, or
// DATABASE_URL's), optionally a streaming read replica of it, M API replicas and N web replicas
// as separate processes, and HAProxy in front of each tier. The web replicas reach the API only
// through the API's load balancer, as they would across machines. Ctrl-C stops everything.
//
// Also a library: the resilience suite and the load-balancer benchmark start their clusters here.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { startHaproxy } from "./haproxy.mjs";
import { buildApi, buildWeb, DATA_DIR, ensureDependencies, localAdminToken, ROOT, runDbCli, say, stopChild, waitForUrl } from "./lib.mjs";

const HOST = "127.0.0.1";

/**
 * One replica: a process on a fixed port (the load balancer's configuration names it), which can
 * be killed, stopped gracefully and started again on the same port.
 */
class Replica {
  constructor({ name, port, command, args, cwd, env, readyPath, verbose }) {
    Object.assign(this, { name, port, command, args, cwd, env, readyPath, verbose });
    this.url = `http://${HOST}:${port}`;
    this.child = undefined;
    this.output = "";
    this.exits = 0;
  }

  get running() {
    return Boolean(this.child) && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid() {
    return this.child?.pid;
  }

  async start({ timeoutMs = 120_000 } = {}) {
    const child = spawn(this.command, this.args, { cwd: this.cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const keep = (chunk) => {
      this.output = (this.output + chunk).slice(-8000);
      if (this.verbose) for (const line of String(chunk).split("\n").filter(Boolean)) process.stdout.write(`[${this.name}] ${line}\n`);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("exit", () => {
      this.exits += 1;
    });
    try {
      await waitForUrl(`${this.url}${this.readyPath}`, { timeoutMs, isAlive: () => child.exitCode === null && child.signalCode === null });
    } catch (error) {
      throw new Error(`${this.name} did not become ready: ${error.message}\n${this.output.slice(-2000)}`);
    }
    return this;
  }

  /** Resolves with { code, signal } when the current process has exited. */
  exited() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null });
    }
    return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** SIGKILL: no chance to finish anything, as when a machine or container dies. */
  async kill() {
    const done = this.exited();
    this.child?.kill("SIGKILL");
    return done;
  }

  /** SIGTERM and wait (SIGKILL after `graceMs`); resolves with the exit code and signal. */
  async stop(graceMs = 20_000) {
    await stopChild(this.child, graceMs);
    return this.exited();
  }
}

function positiveInt(name, raw, fallback, max) {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
  return value;
}

function portOption(name, raw, fallback) {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number (got "${raw}")`);
  return value;
}

/** Options from flags (`--api=3 --web=2 --replica --port=8080 --api-port=8081`) with env fallbacks. */
export function clusterOptions(argv = process.argv.slice(2), env = process.env) {
  const flag = (name) => {
    const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (hit === undefined) return undefined;
    return hit.includes("=") ? hit.slice(hit.indexOf("=") + 1) : "true";
  };
  const unknown = argv.filter((a) => !/^--(api|web|replica|no-replica|port|api-port|verbose)(=.*)?$/.test(a));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(" ")}; use --api=N --web=N --replica --port=N --api-port=N --verbose`);
  const replicaFlag = flag("no-replica") ? "false" : (flag("replica") ?? env.CLUSTER_READ_REPLICA);
  if (replicaFlag !== undefined && !["true", "false"].includes(replicaFlag)) throw new Error(`--replica / CLUSTER_READ_REPLICA must be true or false (got "${replicaFlag}")`);
  return {
    apiReplicas: positiveInt("--api / CLUSTER_API_REPLICAS", flag("api") ?? env.CLUSTER_API_REPLICAS, 2, 16),
    webReplicas: positiveInt("--web / CLUSTER_WEB_REPLICAS", flag("web") ?? env.CLUSTER_WEB_REPLICAS, 2, 16),
    readReplica: replicaFlag === "true",
    webPort: portOption("--port / CLUSTER_PORT", flag("port") ?? env.CLUSTER_PORT, 8080),
    apiPort: portOption("--api-port / CLUSTER_API_PORT", flag("api-port") ?? env.CLUSTER_API_PORT, 8081),
    verbose: flag("verbose") === "true",
  };
}

/**
 * Starts the whole topology. `database` may be given ({ url, adminUrl?, stop }); otherwise an
 * embedded PostgreSQL with its data in `dataDir`. Every process is stopped by the returned stop().
 */
export async function startCluster({
  apiReplicas = 2,
  webReplicas = 2,
  readReplica = false,
  webPort = 0,
  apiPort = 0,
  dataDir = path.join(DATA_DIR, "cluster"),
  database,
  seed = true,
  apiEnv = {},
  webEnv = {},
  adminToken = localAdminToken(),
  verbose = false,
  log = say,
}) {
  const { startEmbeddedPostgres, freePort, portInUse } = await import("./postgres.mjs");
  const stack = [];
  const cluster = { apis: [], webs: [], adminToken, database: undefined, replica: undefined, haproxy: undefined };
  cluster.stop = async () => {
    for (const stopOne of stack.reverse()) await stopOne().catch(() => {});
    stack.length = 0;
  };
  try {
    for (const [what, port] of [["web load balancer", webPort], ["API load balancer", apiPort]]) {
      if (port && (await portInUse(port))) throw new Error(`port ${port} for the ${what} is in use; pick another (--port / --api-port)`);
    }
    if (!database) {
      mkdirSync(dataDir, { recursive: true });
      const started = Date.now();
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), database: "cartograph", log });
      database = { url: pg.url, adminUrl: pg.adminUrl, server: pg, stop: () => pg.stop() };
      log(`PostgreSQL ready on ${HOST}:${pg.port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    stack.push(() => database.stop());
    cluster.database = database;
    if (runDbCli(["migrate"], database.url) !== 0) throw new Error("migrations failed; see above");
    if (seed && runDbCli(["seed", "--if-empty"], database.url) !== 0) throw new Error("loading the demo catalog failed; see above");

    if (readReplica) {
      const { startStreamingReplica } = await import("./postgres.mjs");
      if (!database.server) throw new Error("--replica needs the embedded PostgreSQL (unset DATABASE_URL)");
      const replica = await startStreamingReplica(database.server, { dataDir: path.join(dataDir, "replica"), log });
      stack.push(() => replica.stop());
      cluster.replica = replica;
      log(`Streaming read replica ready on ${HOST}:${replica.port}`);
    }

    buildApi();
    buildWeb();
    const lbApiPort = apiPort || (await freePort());
    const lbWebPort = webPort || (await freePort());
    cluster.apiUrl = `http://${HOST}:${lbApiPort}`;
    cluster.url = `http://${HOST}:${lbWebPort}`;

    for (let i = 1; i <= apiReplicas; i++) {
      const port = await freePort();
      cluster.apis.push(
        new Replica({
          name: `api-${i}`,
          port,
          command: process.execPath,
          args: ["dist/server.js"],
          cwd: path.join(ROOT, "apps/api"),
          readyPath: "/readyz",
          verbose,
          env: {
            ...process.env,
            NODE_ENV: "production",
            HOST,
            PORT: String(port),
            DATABASE_URL: database.url,
            ...(cluster.replica ? { DATABASE_REPLICA_URLS: cluster.replica.url } : {}),
            CARTOGRAPH_ADMIN_TOKEN: adminToken,
            LOG_LEVEL: verbose ? "info" : "warn",
            // Long enough for HAProxy (checks every 500 ms, two failures) to stop sending new requests.
            SHUTDOWN_DELAY_MS: "1500",
            ...apiEnv,
          },
        }),
      );
    }
    for (let i = 1; i <= webReplicas; i++) {
      const port = await freePort();
      cluster.webs.push(
        new Replica({
          name: `web-${i}`,
          port,
          command: process.execPath,
          args: ["dist/server.js"],
          cwd: path.join(ROOT, "apps/web"),
          readyPath: "/livez",
          verbose,
          env: {
            ...process.env,
            NODE_ENV: "production",
            NEXT_TELEMETRY_DISABLED: "1",
            HOST,
            PORT: String(port),
            API_URL: cluster.apiUrl,
            LOG_LEVEL: verbose ? "info" : "warn",
            SHUTDOWN_DELAY_MS: "1500",
            ...webEnv,
          },
        }),
      );
    }
    const all = [...cluster.apis, ...cluster.webs];
    stack.push(() => Promise.all(all.map((r) => r.stop())));
    // One at a time: on two cores, starting every replica at once only makes each slower.
    for (const replica of all) await replica.start();

    cluster.haproxy = await startHaproxy({
      dir: path.join(dataDir, "haproxy"),
      log,
      frontends: [
        { name: "api", port: lbApiPort, servers: cluster.apis.map((r) => ({ name: r.name, port: r.port })) },
        { name: "web", port: lbWebPort, servers: cluster.webs.map((r) => ({ name: r.name, port: r.port })) },
      ],
    });
    stack.push(() => cluster.haproxy.stop());
    await waitForUrl(`${cluster.apiUrl}/readyz`, { timeoutMs: 15_000 });
    await waitForUrl(`${cluster.url}/livez`, { timeoutMs: 15_000 });
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Waits until `replica` answers `path` through the load balancer's view (its own port), or throws. */
export async function waitUntilReady(replica, timeoutMs = 60_000) {
  await waitForUrl(`${replica.url}${replica.readyPath}`, { timeoutMs, isAlive: () => replica.running });
  await sleep(1_200); // HAProxy needs two passing checks (500 ms apart) before it sends traffic again
}

async function main() {
  let options;
  try {
    options = clusterOptions();
  } catch (error) {
    say(`Invalid option: ${error.message}`);
    process.exit(78);
  }
  ensureDependencies();
  const started = Date.now();
  let cluster;
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say("\nStopping the cluster ...");
    await cluster?.stop();
    say("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
  try {
    if (process.env.DATABASE_URL) say("Using the PostgreSQL at DATABASE_URL");
    const database = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => {} } : undefined;
    cluster = await startCluster({ ...options, database });
    if (stopping) return;
    for (const replica of [...cluster.apis, ...cluster.webs]) {
      replica.child.on("exit", (code, signal) => {
        if (!stopping) say(`${replica.name} exited (${signal ?? `code ${code}`}); the load balancer sends its traffic to the others.`);
      });
    }
    say("");
    say(`Cartograph cluster is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s):`);
    say(`  Web:  ${cluster.url}   (HAProxy → ${cluster.webs.map((r) => `${r.name} :${r.port}`).join(", ")})`);
    say(`  API:  ${cluster.apiUrl}/api/v1/entities   (HAProxy → ${cluster.apis.map((r) => `${r.name} :${r.port}`).join(", ")})`);
    say(`  PostgreSQL: primary ${new URL(cluster.database.url).host}${cluster.replica ? `, streaming read replica ${HOST}:${cluster.replica.port}` : ""}`);
    say(`  Admin token (for writes): ${cluster.adminToken}`);
    say("  Demo accounts: admin@northwind.example (admin), bruno.okafor@northwind.example (editor), viewer@northwind.example (viewer)");
    say("  Demo password: northwind-demo-2026");
    say(`  Try: kill -9 ${cluster.apis[0].pid} (${cluster.apis[0].name}) and keep browsing.`);
    say("Press Ctrl-C to stop.");
  } catch (error) {
    say(`The cluster could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

