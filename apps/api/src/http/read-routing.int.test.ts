import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, createDb, defaultMigrationsDir, readMigrationFiles, type Db } from "@cartograph/db";
import pg from "pg";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript helper shared with the launcher
import { startEmbeddedPostgres, startStreamingReplica } from "../../../../deploy/local/postgres.mjs";
import { createApp, eventStreamsOf } from "../app.ts";
import { ADMIN_TOKEN, component, sessionFor, type TestApp } from "../test-support.ts";
import { READ_FROM_HEADER } from "./read-routing.ts";

// A real primary and a real streaming replica of its own (a replica copies a whole cluster, so
// not the shared test server): catalog GETs read the replica, writes and the writer's own reads
// the primary, and a replica that goes away costs nothing but the primary's extra reads.

interface Server {
  url: string;
  stop(): Promise<void>;
}

let dir: string;
let primary: Server & { adminUrl: string };
let replica: Server;
let replicaSql: pg.Client;
let primarySql: pg.Client;
let t: TestApp;
const migrationFiles = await readMigrationFiles(defaultMigrationsDir());

function appOn(db: Db): TestApp["app"] {
  return createApp({
    config: { CARTOGRAPH_ADMIN_TOKEN: ADMIN_TOKEN, ANONYMOUS_READ: true, API_RATE_LIMIT_PER_MINUTE: 0 },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    migrationFiles,
  });
}

const entityPath = (name: string) => `/api/v1/entities/component/default/${name}`;

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until an anonymous GET of `name` is answered by the replica with the entity. */
async function onReplica(name: string): Promise<void> {
  await eventually(`${name} on the replica`, async () => {
    const res = await request(t.app).get(entityPath(name));
    return res.status === 200 && res.headers[READ_FROM_HEADER.toLowerCase()] === "replica" ? true : undefined;
  });
}

const rowsOn = async (client: pg.Client, name: string) =>
  (await client.query("SELECT 1 FROM entities WHERE ref = $1", [`component:default/${name}`])).rowCount;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cartograph-replica-test-"));
  primary = await startEmbeddedPostgres({ dataDir: path.join(dir, "primary") });
  replica = await startStreamingReplica(primary, { dataDir: path.join(dir, "replica") });
  // Migrated after the copy: the schema reaches the replica by streaming, like everything else.
  await applyMigrations({ connectionString: primary.url });
  primarySql = new pg.Client({ connectionString: primary.url });
  replicaSql = new pg.Client({ connectionString: replica.url });
  replicaSql.on("error", () => {}); // it goes away when the replica stops
  await Promise.all([primarySql.connect(), replicaSql.connect()]);
  const db = createDb({ connectionString: primary.url, poolMax: 4, replicaUrls: [replica.url], replicaCheck: { intervalMs: 50 } });
  await db.replicas!.check();
  const app = appOn(db);
  t = { app, db, database: { url: primary.url, name: "cartograph", drop: async () => {} }, close: async () => eventStreamsOf(app).closeAll() };
}, 60_000);

afterAll(async () => {
  await t?.close();
  await t?.db.close();
  await Promise.all([primarySql?.end(), replicaSql?.end()].map((p) => p?.catch(() => {})));
  await replica?.stop();
  await primary?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("startStreamingReplica", () => {
  it("streams the primary's rows and refuses writes", async () => {
    await primarySql.query("CREATE TABLE replica_probe (x int)");
    await primarySql.query("INSERT INTO replica_probe VALUES (42)");
    const rows = await eventually("the row on the replica", async () => {
      const found = await replicaSql.query("SELECT x FROM replica_probe").catch(() => null);
      return found?.rowCount ? found.rows : undefined;
    });
    expect(rows).toEqual([{ x: 42 }]);
    expect((await replicaSql.query("SELECT pg_is_in_recovery() AS standby")).rows[0]).toEqual({ standby: true });
    await expect(replicaSql.query("INSERT INTO replica_probe VALUES (1)")).rejects.toThrow(/read-only transaction/);
  });
});

describe("reads with DATABASE_REPLICA_URLS", () => {
  it("serves anonymous catalog GETs from the replica and sends writes to the primary", async () => {
    const created = await request(t.app).post("/api/v1/entities").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(component("first"));
    expect(created.status).toBe(201);
    expect(created.headers[READ_FROM_HEADER.toLowerCase()]).toBeUndefined();
    await onReplica("first");

    for (const url of ["/api/v1/entities?filter=kind=component", "/api/v1/entity-facets?facet=kind", `${entityPath("first")}/history`, "/api/catalog/entities/by-name/component/default/first"]) {
      const res = await request(t.app).get(url);
      expect({ url, status: res.status, from: res.headers[READ_FROM_HEADER.toLowerCase()] }).toEqual({ url, status: 200, from: "replica" });
    }
  });

  it("shows a caller their own write at once while others read the lagging replica", async () => {
    const writer = await sessionFor(t, { email: "writer@example.com", role: "admin" });
    const other = await sessionFor(t, { email: "other@example.com", role: "admin" });
    await onReplica("first");
    await replicaSql.query("SELECT pg_wal_replay_pause()");
    try {
      await eventually("replay paused", async () => {
        const { rows } = await replicaSql.query<{ state: string }>("SELECT pg_get_wal_replay_pause_state() AS state");
        return rows[0]!.state !== "not paused" ? true : undefined;
      });
      const created = await request(t.app).post("/api/v1/entities").set("Authorization", `Bearer ${writer}`).send(component("mine"));
      expect(created.status).toBe(201);
      // The write is on the primary only: the replica has stopped replaying.
      expect([await rowsOn(primarySql, "mine"), await rowsOn(replicaSql, "mine")]).toEqual([1, 0]);

      const seen = async (auth: string | null, url = entityPath("mine")) => {
        const req = request(t.app).get(url);
        const res = await (auth ? req.set("Authorization", `Bearer ${auth}`) : req);
        return [res.status, res.headers[READ_FROM_HEADER.toLowerCase()]];
      };
      // Everyone else reads the replica, which does not have it yet: a stale read, as intended.
      expect(await seen(null)).toEqual([404, "replica"]);
      expect(await seen(other)).toEqual([404, "replica"]);
      // The writer's fence is past what the replica replayed: their reads go to the primary.
      expect(await seen(writer)).toEqual([200, "primary"]);
      expect(await seen(writer, `${entityPath("mine")}/history`)).toEqual([200, "primary"]);
      expect(await seen(writer, "/api/v1/entities?filter=metadata.name=mine")).toEqual([200, "primary"]);
    } finally {
      await replicaSql.query("SELECT pg_wal_replay_resume()");
    }
    // Once the replica has replayed past the fence, the writer reads it again.
    await eventually("the writer back on the replica", async () => {
      const res = await request(t.app).get(entityPath("mine")).set("Authorization", `Bearer ${writer}`);
      return res.status === 200 && res.headers[READ_FROM_HEADER.toLowerCase()] === "replica" ? true : undefined;
    });
  });

  it("bounds staleness for everyone: a replica more than DB_REPLICA_MAX_LAG_MS behind is skipped", async () => {
    const bounded = createDb({ connectionString: primary.url, poolMax: 2, replicaUrls: [replica.url], replicaCheck: { intervalMs: 50, maxLagMs: 400 } });
    const app = appOn(bounded);
    const from = async () => (await request(app).get("/api/v1/entities?limit=1")).headers[READ_FROM_HEADER.toLowerCase()];
    try {
      await eventually("anonymous reads on the replica", async () => ((await from()) === "replica" ? true : undefined));
      await replicaSql.query("SELECT pg_wal_replay_pause()");
      try {
        // The primary moves on; the paused replica falls further behind than the bound allows.
        const created = await request(app).post("/api/v1/entities").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(component("moved-on"));
        expect(created.status).toBe(201);
        await eventually("anonymous reads moved to the primary", async () => ((await from()) === "primary" ? true : undefined), 5_000);
        // Without the bound (the app of the other tests), the same anonymous read stays stale.
        expect((await request(t.app).get(entityPath("moved-on"))).headers[READ_FROM_HEADER.toLowerCase()]).toBe("replica");
      } finally {
        await replicaSql.query("SELECT pg_wal_replay_resume()");
      }
      await eventually("back on the replica once it caught up", async () => ((await from()) === "replica" ? true : undefined), 5_000);
    } finally {
      await bounded.close();
    }
  });

  it("leaves reads of primary-only data (accounts, audit) on the primary", async () => {
    const res = await request(t.app).get("/api/v1/admin/users").set("Authorization", `Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers[READ_FROM_HEADER.toLowerCase()]).toBeUndefined();
  });

  it("closes the replica's pool and its check connection on close()", async () => {
    const pids = async () =>
      new Set((await replicaSql.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")).rows.map((r) => r.pid));
    const before = await pids();
    const db = createDb({ connectionString: primary.url, poolMax: 2, replicaUrls: [replica.url], replicaCheck: { intervalMs: 50 } });
    await db.replicas!.check();
    const routing = db.replicas!;
    expect(await routing.run(routing.choose(null), () => db.reads.prisma.entity.count())).toBeGreaterThan(0);
    const opened = [...(await pids())].filter((pid) => !before.has(pid));
    expect(opened.length).toBeGreaterThanOrEqual(2); // the check connection and a pooled one
    await db.close();
    await eventually("the closed Db's connections gone", async () => {
      const now = await pids();
      return opened.every((pid) => !now.has(pid)) ? true : undefined;
    });
  });
});

describe("a replica that stops", () => {
  it("costs nothing but reads on the primary: mid-request, and from the next check on", async () => {
    // A Db that checks rarely still believes the replica is up after it stops: its first read
    // fails on the replica and is run again on the primary.
    const stale = createDb({ connectionString: primary.url, poolMax: 2, replicaUrls: [replica.url], replicaCheck: { intervalMs: 60_000 } });
    const stalePrisma = createDb({ connectionString: primary.url, poolMax: 2, replicaUrls: [replica.url], replicaCheck: { intervalMs: 60_000 } });
    try {
      await Promise.all([stale.replicas!.check(), stalePrisma.replicas!.check()]);
      expect(stale.replicas!.replicas()[0]!.healthy).toBe(true);
      await replica.stop();

      const viaQuery = await request(appOn(stale)).get(entityPath("first"));
      expect([viaQuery.status, viaQuery.headers[READ_FROM_HEADER.toLowerCase()]]).toEqual([200, "primary"]);
      expect(stale.replicas!.replicas()[0]!.healthy).toBe(false);
      // History is read through Prisma: the same fallback.
      const viaPrisma = await request(appOn(stalePrisma)).get(`${entityPath("first")}/history`);
      expect([viaPrisma.status, viaPrisma.headers[READ_FROM_HEADER.toLowerCase()]]).toEqual([200, "primary"]);
      expect(stalePrisma.replicas!.replicas()[0]).toMatchObject({ healthy: false, error: expect.any(String) });

      // The app that checks every 50 ms skips the replica and reads the primary.
      await eventually("the replica marked down", async () => (t.db.replicas!.replicas()[0]!.healthy ? undefined : true));
      for (const url of [entityPath("first"), "/api/v1/entities", "/api/catalog/entities"]) {
        const res = await request(t.app).get(url);
        expect({ url, status: res.status, from: res.headers[READ_FROM_HEADER.toLowerCase()] }).toEqual({ url, status: 200, from: "primary" });
      }
    } finally {
      await Promise.all([stale.close(), stalePrisma.close()]);
    }
  });
});
