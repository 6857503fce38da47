#!/usr/bin/env node
// `npm test`: every check, failing fast, ending with one line CI reads: "N passed, N failed".
// typecheck -> unit -> integration (real PostgreSQL) -> migration drift -> e2e (real tiers, Chromium)
// -> resilience (replicas and PostgreSQL failing under load, behind HAProxy).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApi, buildWeb, ensureDependencies, ROOT, say } from "../deploy/local/lib.mjs";

const totals = { passed: 0, failed: 0 };
const timings = [];
const tmp = path.join(ROOT, ".test-tmp");
let pg;

function run(label, command, args, env = {}) {
  const started = Date.now();
  say(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected;
  totals.failed += stats.unexpected + stats.flaky;
  return true;
}

async function finish(code) {
  await pg?.stop();
  say(`\n${timings.join(" | ")}`);
  if (code !== 0 && totals.failed === 0) totals.failed += 1; // a failed step that is not a counted test still fails the run
  say(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

function step(status, what) {
  if (status !== 0) {
    say(`\n${what} failed; stopping here.`);
    return finish(status);
  }
}

/** Debian's Chromium when no browser is found: Playwright's own download does not work offline. */
function ensureChromium() {
  const probe = spawnSync(process.execPath, ["--import", "tsx", "-e", "import('./e2e/chromium.ts').then(m => process.stdout.write(m.findChromium() ?? ''))"], { cwd: ROOT, encoding: "utf8" });
  if (probe.stdout.trim()) return probe.stdout.trim();
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    say("No Chromium found; installing Debian's (apt-get install chromium) ...");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const installed = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (installed.status === 0) return "/usr/lib/chromium/chromium";
  }
  say("Installing Playwright's Chromium (needs internet) ...");
  spawnSync("npx", ["playwright", "install", "chromium"], { cwd: path.join(ROOT, "e2e"), stdio: "inherit" });
  return "";
}

// `--only=e2e` (or unit, integration, ...) runs one step; words after `--` go to its runner,
// e.g. `node .ci/test.mjs --only=e2e -- tests/catalog` while working on a feature. CI runs everything.
const dash = process.argv.indexOf("--");
const passThrough = dash === -1 ? [] : process.argv.slice(dash + 1);
const only = process.argv.slice(2, dash === -1 ? undefined : dash).find((a) => a.startsWith("--only="))?.slice("--only=".length);
const wanted = (name) => !only || only === name;

process.on("SIGINT", () => void finish(130));
const started = Date.now();
ensureDependencies();
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

if (wanted("typecheck")) await step(run("typecheck", "npm", ["run", "typecheck"]), "Typecheck");

if (wanted("unit")) {
  const unit = run("unit tests", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${tmp}/unit.json`, ...passThrough]);
  countVitest(`${tmp}/unit.json`);
  await step(unit, "Unit tests");
}
if (only === "typecheck" || only === "unit") await finish(0);

// One throwaway PostgreSQL for the rest of the run; never the .data/ one.
const { startEmbeddedPostgres } = await import("../deploy/local/postgres.mjs");
let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
if (!adminUrl) {
  const dir = mkdtempSync(path.join(tmpdir(), "cartograph-test-pg-"));
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), database: "cartograph_e2e" });
  const stop = pg.stop;
  pg.stop = async () => { await stop(); rmSync(dir, { recursive: true, force: true }); };
  adminUrl = pg.adminUrl;
}

if (wanted("integration")) {
  const integration = run("integration tests", "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${tmp}/integration.json`, ...passThrough], { TEST_DATABASE_ADMIN_URL: adminUrl });
  countVitest(`${tmp}/integration.json`);
  await step(integration, "Integration tests");
}

if (wanted("drift")) {
  const drift = run("migration drift check", process.execPath, ["packages/db/tools/schema-diff/schema-diff.mjs", "check"], { DATABASE_ADMIN_URL: adminUrl });
  if (drift === 0) totals.passed += 1; else totals.failed += 1;
  await step(drift, "The migration drift check");
}
if (only && only !== "e2e" && only !== "resilience") await finish(0);

say("\n=== builds for e2e ===");
buildApi();
buildWeb();
if (wanted("e2e")) {
  const e2eDb = new URL(adminUrl);
  e2eDb.pathname = `/cartograph_e2e_${process.pid}`;
  {
    const { default: pgClient } = await import("pg");
    const admin = new pgClient.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "cartograph_e2e_${process.pid}"`);
    await admin.query(`CREATE DATABASE "cartograph_e2e_${process.pid}"`);
    await admin.end();
  }
  const dbCli = (args) => spawnSync(process.execPath, ["apps/api/dist/cli.js", ...args], { cwd: ROOT, stdio: "inherit", env: { ...process.env, DATABASE_URL: e2eDb.toString() } }).status;
  await step(dbCli(["migrate"]) || dbCli(["seed"]), "Preparing the e2e database");
  const chromiumPath = ensureChromium();
  const { freePort } = await import("../deploy/local/postgres.mjs");
  const e2e = run("e2e (Playwright, Chromium)", "npx", ["playwright", "test", "--config", "e2e/playwright.config.ts", ...passThrough], {
    E2E_DATABASE_URL: e2eDb.toString(),
    E2E_API_PORT: String(await freePort()),
    E2E_WEB_PORT: String(await freePort()),
    E2E_WEB_API_DOWN_PORT: String(await freePort()),
    E2E_DEAD_API_PORT: String(await freePort()),
    ...(chromiumPath ? { CHROMIUM_PATH: chromiumPath } : {}),
  });
  if (!countPlaywright(path.join(ROOT, "e2e/test-results/results.json"))) say("(no Playwright report found)");
  await step(e2e, "E2E tests");
}

// Failure of replicas and of PostgreSQL under load, through real HAProxy load balancers.
if (wanted("resilience")) {
  const report = path.join(tmp, "resilience.json");
  const resilience = run("resilience (replicas killed, rolling restart, PostgreSQL outage)", process.execPath, ["e2e/resilience/run.mjs", ...passThrough], { RESILIENCE_REPORT: report });
  if (existsSync(report)) {
    const { passed, failed } = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += passed;
    totals.failed += failed;
  }
  await step(resilience, "The resilience suite");
}

say(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
await finish(0);
