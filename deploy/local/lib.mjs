// Shared by the launcher (start.mjs), the database commands (db.mjs) and the test pipeline.
// Node built-ins only: this code runs before dependencies are installed.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATA_DIR = path.join(ROOT, ".data");
const INSTALL_STAMP = path.join(ROOT, "node_modules", ".cartograph-install");

export const say = (line) => process.stdout.write(`${line}\n`);

/** Content hash of files and folders (recursively), skipping build output and dependencies. */
export function hashPaths(paths) {
  const hash = createHash("sha256");
  const skip = new Set(["node_modules", ".next", "dist", "generated", "test-results", "playwright-report"]);
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!skip.has(name)) visit(path.join(p, name));
    } else {
      hash.update(path.relative(ROOT, p)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  for (const p of paths) visit(path.join(ROOT, p));
  return hash.digest("hex");
}

const manifests = () => [
  "package.json",
  "package-lock.json",
  ...["apps/api", "apps/web", "packages/db", "packages/contracts", "e2e"].map((w) => `${w}/package.json`),
  "prisma/schema.prisma",
];

/** Installs dependencies when node_modules is missing or older than the manifests (npm ci: exactly the lockfile). */
export function ensureDependencies() {
  const wanted = hashPaths(manifests());
  if (existsSync(INSTALL_STAMP) && readFileSync(INSTALL_STAMP, "utf8") === wanted) return false;
  say("Installing dependencies (npm ci) ...");
  const started = Date.now();
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci failed; see the output above");
  writeFileSync(INSTALL_STAMP, wanted);
  say(`Dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/** Runs a build only when its inputs changed since the last successful run. */
export function buildIfChanged(name, inputs, stampFile, command, args, options = {}) {
  const wanted = hashPaths(inputs);
  const stamp = path.join(ROOT, stampFile);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return false;
  say(`Building ${name} ...`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`building ${name} failed; see the output above`);
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, wanted);
  say(`Built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

const SHARED_INPUTS = ["packages/contracts/src", "package-lock.json", "tsconfig.base.json"];
export const API_BUILD = {
  inputs: ["apps/api/src", "apps/api/build.mjs", "apps/api/package.json", "packages/db/src", "prisma/schema.prisma", ...SHARED_INPUTS],
  stamp: "apps/api/dist/.build-hash",
};
export const WEB_BUILD = {
  inputs: ["apps/web/src", "apps/web/public", "apps/web/server.ts", "apps/web/build-server.mjs", "apps/web/next.config.ts", "apps/web/package.json", "apps/web/tsconfig.json", ...SHARED_INPUTS],
  stamp: "apps/web/.next/.cartograph-build-hash",
};

export function buildApi() {
  return buildIfChanged("the API", API_BUILD.inputs, API_BUILD.stamp, "npm", ["run", "build", "-w", "@cartograph/api"]);
}

export function buildWeb() {
  return buildIfChanged("the web tier", WEB_BUILD.inputs, WEB_BUILD.stamp, "npm", ["run", "build", "-w", "@cartograph/web"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * The database to use: DATABASE_URL when set, otherwise an embedded PostgreSQL with its data in
 * .data/postgres (kept between runs). Returns { url, stop }.
 */
export async function resolveDatabase({ log = say } = {}) {
  if (process.env.DATABASE_URL) {
    log("Using the PostgreSQL at DATABASE_URL");
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const { startEmbeddedPostgres, portInUse } = await import("./postgres.mjs");
  const preferred = Number(process.env.EMBEDDED_PG_PORT || 54329);
  const port = (await portInUse(preferred)) ? 0 : preferred;
  const started = Date.now();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port, log });
  log(`Embedded PostgreSQL ready on 127.0.0.1:${pg.port} in ${((Date.now() - started) / 1000).toFixed(1)} s (data in .data/postgres)`);
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

/** The admin token for local runs: CARTOGRAPH_ADMIN_TOKEN, or one generated once into .data/admin-token. */
export function localAdminToken() {
  if (process.env.CARTOGRAPH_ADMIN_TOKEN) return process.env.CARTOGRAPH_ADMIN_TOKEN;
  const file = path.join(DATA_DIR, "admin-token");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Runs the data-tier CLI (migrate, seed, status) from source. */
export function runDbCli(args, databaseUrl) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "apps/api/src/cli.ts", ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return result.status ?? 1;
}

/** Starts a long-running child whose output lines are prefixed with its name. */
export function startChild(name, command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (stream, out) => {
    let buffer = "";
    stream.on("data", (chunk) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return child;
}

/** Polls a URL until it answers 2xx, or fails after the timeout. */
export async function waitForUrl(url, { timeoutMs = 60_000, isAlive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the child has exited. */
export function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
