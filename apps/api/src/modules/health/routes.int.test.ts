import { createDb, defaultMigrationsDir, readMigrationFiles } from "@cartograph/db";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { startTestApp } from "../../test-support.ts";

describe("GET /readyz", () => {
  it("is ready when the database answers and every migration is applied", async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.app).get("/readyz");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ready", checks: { database: "up", migrations: { status: "up_to_date", pending: [] } } });
    } finally {
      await t.close();
    }
  });

  it("refuses readiness while migrations are pending, naming them", async () => {
    const t = await startTestApp({ migrate: false });
    try {
      const files = await readMigrationFiles(defaultMigrationsDir());
      const res = await request(t.app).get("/readyz");
      expect(res.status).toBe(503);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(res.body.checks.migrations).toEqual({ status: "pending", pending: files.map((f) => f.name) });
      expect(res.body.detail).toMatch(/db:migrate/);
      expect((await request(t.app).get("/healthz")).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("answers 503 within its timeout when the database is unreachable", async () => {
    const db = createDb({ connectionString: "postgresql://nobody:nothing@127.0.0.1:9/none", connectionTimeoutMs: 500 });
    const app = createApp({ config: { ANONYMOUS_READ: true }, db, logger: pino({ level: "silent" }), migrationFiles: [] });
    try {
      const started = Date.now();
      const res = await request(app).get("/readyz");
      expect(res.status).toBe(503);
      expect(res.body.checks.database).toBe("down");
      expect(Date.now() - started).toBeLessThan(5_000);
      const list = await request(app).get("/api/v1/entities");
      expect(list.status).toBe(503);
      expect(list.body.code).toBe("database_unavailable");
      expect(list.headers["retry-after"]).toBe("1");
    } finally {
      await db.close();
    }
  });

  it("is not ready once the server stops accepting traffic", async () => {
    const t = await startTestApp();
    try {
      const app = createApp({ config: {}, db: t.db, logger: pino({ level: "silent" }), migrationFiles: [], isAcceptingTraffic: () => false });
      const res = await request(app).get("/readyz");
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/shutting down/);
    } finally {
      await t.close();
    }
  });
});

describe("GET /livez", () => {
  it("is ok while the server takes traffic, without asking the database", async () => {
    const db = createDb({ connectionString: "postgresql://nobody:nothing@127.0.0.1:9/none", connectionTimeoutMs: 500 });
    try {
      const app = createApp({ config: {}, db, logger: pino({ level: "silent" }), migrationFiles: [] });
      const res = await request(app).get("/livez");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok" });
    } finally {
      await db.close();
    }
  });

  it("fails with problem+json once shutdown began, and every response closes its connection", async () => {
    const t = await startTestApp();
    try {
      const app = createApp({ config: {}, db: t.db, logger: pino({ level: "silent" }), migrationFiles: [], isAcceptingTraffic: () => false });
      const res = await request(app).get("/livez");
      expect(res.status).toBe(503);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(res.headers["retry-after"]).toBe("1");
      expect(res.headers.connection).toBe("close");
      expect(res.body.code).toBe("shutting_down");
      const other = await request(app).get("/healthz");
      expect(other.status).toBe(200);
      expect(other.headers.connection).toBe("close");
    } finally {
      await t.close();
    }
  });
});
