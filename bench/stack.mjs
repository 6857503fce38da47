// The real tiers for benchmarks, on 127.0.0.1: a throwaway embedded PostgreSQL, migrated
// databases in it, API processes and web processes (production builds). Every benchmark script
// starts what it needs from here and stops it in a finally block.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, stopChild, waitForUrl } from "../deploy/local/lib.mjs";

export const BENCH_TOKEN = "bench-admin-token-0123456789";

/** Runs a command to completion (inherited output); rejects on a non-zero exit. */
export function runToEnd(command, argv, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(" ")} exited ${code}`))));
  });
}

/** A throwaway PostgreSQL; `stop()` also deletes its files. */
export async function startBenchPostgres(prefix) {
  const { startEmbeddedPostgres } = await import("../deploy/local/postgres.mjs");
  const dir = mkdtempSync(path.join(tmpdir(), `cartograph-${prefix}-`));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), database: "postgres" });
  return {
    adminUrl: server.adminUrl,
    /** Creates database `name` (dropping an old one) and applies every migration; returns its URL. */
    async migratedDatabase(name) {
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = server.urlFor(name);
      await runToEnd(process.execPath, ["apps/api/dist/cli.js", "migrate"], { DATABASE_URL: url });
      return url;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An API process on a free port, ready when this resolves. Reads are anonymous and the rate limit
 * is off unless `env` says otherwise: benchmarks measure the catalog, not the limiter.
 */
export async function startBenchApi(databaseUrl, env = {}) {
  const { freePort } = await import("../deploy/local/postgres.mjs");
  const port = await freePort();
  const child = spawn(process.execPath, ["apps/api/dist/server.js"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, CARTOGRAPH_ADMIN_TOKEN: BENCH_TOKEN, LOG_LEVEL: "warn", NODE_ENV: "production", ANONYMOUS_READ: "true", API_RATE_LIMIT_PER_MINUTE: "0", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/readyz`, { isAlive: () => child.exitCode === null });
  return { url, stop: () => stopChild(child) };
}

/** A web process (apps/web/dist/server.js, the production server) in front of `apiUrl`, ready when this resolves. */
export async function startBenchWeb(apiUrl, env = {}) {
  const { freePort } = await import("../deploy/local/postgres.mjs");
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/server.js"], {
    cwd: path.join(ROOT, "apps/web"),
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, API_URL: apiUrl, ANONYMOUS_READ: "true", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/healthz`, { isAlive: () => child.exitCode === null });
  return { url, stop: () => stopChild(child) };
}

/** Ingests `entities` as one source through the public API; returns the seconds it took. */
export async function ingestThroughApi(apiUrl, entities, source = "bench") {
  const t0 = performance.now();
  const res = await fetch(`${apiUrl}/api/v1/ingest?source=${encodeURIComponent(source)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(entities),
    signal: AbortSignal.timeout(900_000),
  });
  if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return (performance.now() - t0) / 1000;
}
