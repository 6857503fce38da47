#!/usr/bin/env node
// `npm start` (production builds) and `npm run dev` (hot reload): the whole of Cartograph on one
// machine. PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data, then the API
// and the web tier as separate processes. Ctrl-C or SIGTERM stops every one of them.
import path from "node:path";
import { stopLeftoverRun, recordRun } from "./run-file.mjs";
import {
  buildApi,
  buildWeb,
  ensureDependencies,
  localAdminToken,
  resolveDatabase,
  ROOT,
  runDbCli,
  say,
  startChild,
  stopChild,
  waitForUrl,
} from "./lib.mjs";

const dev = process.argv.includes("--dev");
const startedAt = Date.now();
const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);

function port(name, fallback) {
  const raw = process.env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    say(`Invalid configuration: ${name} must be a port number between 1 and 65535 (got "${raw}")`);
    process.exit(78);
  }
  return value;
}
const apiPort = port("API_PORT", 4000);
const webPort = port("WEB_PORT", 3000);
const host = "127.0.0.1";

const children = [];
let database;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say("\nStopping Cartograph ...");
  await Promise.all(children.map((c) => stopChild(c)));
  await database?.stop();
  if (children.length > 0) recordRun([]);
  say("Stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
// `kill <npm pid>` ends npm without passing SIGTERM on; when our parent goes, stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stopAll(0);
}, 500).unref();

try {
  ensureDependencies();
  await stopLeftoverRun();
  const { portInUse } = await import("./postgres.mjs");
  for (const [name, p] of [["API_PORT", apiPort], ["WEB_PORT", webPort]]) {
    if (await portInUse(p)) throw new Error(`port ${p} is in use; free it or set ${name} to another port`);
  }
  database = await resolveDatabase();
  if (stopping) process.exit(0);
  if (runDbCli(["migrate"], database.url) !== 0) throw new Error("migrations failed; see above");
  if (runDbCli(["seed", "--if-empty"], database.url) !== 0) throw new Error("loading the demo catalog failed; see above");
  if (!dev) {
    buildApi();
    buildWeb();
  }
  const adminToken = localAdminToken();
  const apiUrl = `http://${host}:${apiPort}`;
  const webUrl = `http://${host}:${webPort}`;
  const nodeEnv = dev ? "development" : "production";
  const api = dev
    ? startChild("api", process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "watch", "--clear-screen=false", "src/server.ts"], { cwd: path.join(ROOT, "apps/api"), env: apiEnv() })
    : startChild("api", process.execPath, ["dist/server.js"], { cwd: path.join(ROOT, "apps/api"), env: apiEnv() });
  // Production: the web tier's own server (Next.js behind /livez, /metrics, request ids, graceful shutdown).
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const webArgs = dev ? [nextBin, "dev", "-p", String(webPort), "-H", host] : ["dist/server.js"];
  const web = startChild("web", process.execPath, webArgs, {
    cwd: path.join(ROOT, "apps/web"),
    env: { ...process.env, NODE_ENV: nodeEnv, API_URL: apiUrl, PORT: String(webPort), HOST: host, NEXT_TELEMETRY_DISABLED: "1" },
  });
  children.push(api, web);
  recordRun(children);
  for (const [name, child] of [["API", api], ["web tier", web]]) {
    child.on("exit", (code, signal) => {
      if (stopping) return;
      say(`The ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything.`);
      void stopAll(1);
    });
  }

  function apiEnv() {
    return {
      ...process.env,
      NODE_ENV: nodeEnv,
      PORT: String(apiPort),
      HOST: host,
      DATABASE_URL: database.url,
      CARTOGRAPH_ADMIN_TOKEN: adminToken,
    };
  }

  await waitForUrl(`${apiUrl}/readyz`, { isAlive: () => api.exitCode === null });
  await waitForUrl(`${webUrl}/healthz`, { isAlive: () => web.exitCode === null, timeoutMs: 120_000 });
  say("");
  say(`Cartograph is running (ready in ${seconds()} s)${dev ? " in development mode with hot reload" : ""}:`);
  say(`  Web:  ${webUrl}`);
  say(`  API:  ${apiUrl}/api/v1/entities`);
  say(`  Admin token (for writes): ${adminToken}${process.env.CARTOGRAPH_ADMIN_TOKEN ? "" : "  (kept in .data/admin-token)"}`);
  // The demo accounts of packages/db/src/seed.ts (DEMO_ACCOUNTS, DEMO_PASSWORD), created with the demo catalog.
  say("  Demo accounts: admin@northwind.example (admin), bruno.okafor@northwind.example (editor), viewer@northwind.example (viewer)");
  say("  Demo password: northwind-demo-2026");
  if (database.embedded) say(`  PostgreSQL: ${database.url}`);
  say("Press Ctrl-C to stop.");
} catch (error) {
  say(`Cartograph could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
