import { ApiTokenListResponseSchema, CreatedApiTokenResponseSchema } from "@cartograph/contracts";
import { createDb, defaultMigrationsDir, readMigrationFiles } from "@cartograph/db";
import { pino } from "pino";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { sha256Hex } from "../../http/authenticate.ts";
import { ADMIN_TOKEN, useTestApp } from "../../test-support.ts";
import { adminAuth, auditRows, bearer, expectNoSecrets, freshIp, requestIdOf } from "../auth/test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const createToken = (body: Record<string, unknown>) => request(t.app).post("/api/v1/admin/tokens").set(adminAuth).send(body);

/** Another API process on the same database: nothing about a token may live in one process's memory. */
let second: { app: ReturnType<typeof createApp>; close(): Promise<void> } | undefined;
async function secondReplica() {
  if (second) return second.app;
  const db = createDb({ connectionString: t.database.url, poolMax: 2 });
  const app = createApp({ config: { CARTOGRAPH_ADMIN_TOKEN: ADMIN_TOKEN, ANONYMOUS_READ: false }, db, logger: pino({ level: "silent" }), migrationFiles: await readMigrationFiles(defaultMigrationsDir()) });
  second = { app, close: () => db.close() };
  return app;
}
afterAll(async () => {
  await second?.close();
});

describe("POST /api/v1/admin/tokens", () => {
  it("issues a token shown once, stored only as its hash, that authenticates with its scopes", async () => {
    const res = await createToken({ name: "ci-deploy", scopes: ["catalog:write", "catalog:read", "catalog:write"] });
    expect(res.status).toBe(201);
    const created = CreatedApiTokenResponseSchema.parse(res.body);
    expect(created.token).toMatch(/^cgt_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "ci-deploy", prefix: created.token.slice(0, 12), scopes: ["catalog:write", "catalog:read"], createdBy: "token:bootstrap", expiresAt: null, revokedAt: null });
    expect(created.prefix).toMatch(/^cgt_.{8}$/);
    expect(res.body).not.toHaveProperty("tokenHash");

    const row = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const me = await request(t.app).get("/api/v1/auth/me").set(bearer(created.token));
    expect(me.body).toEqual({ kind: "token", token: { id: created.id, name: "ci-deploy", scopes: ["catalog:write", "catalog:read"] } });

    const list = await request(t.app).get("/api/v1/admin/tokens").set(adminAuth);
    expectNoSecrets(list, created.token, row.tokenHash);
    expect(list.body.items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ prefix: created.prefix, lastUsedAt: expect.any(String) });

    expect(await auditRows(t, "token.created")).toContainEqual(
      expect.objectContaining({ actor: "token:bootstrap", target: `token:${created.id}`, details: { name: "ci-deploy", prefix: created.prefix, scopes: ["catalog:write", "catalog:read"], expiresAt: null } }),
    );
    expect(JSON.stringify(await auditRows(t))).not.toContain(created.token);
  });

  it.each([
    ["an expiry in the past", { name: "old", scopes: ["catalog:read"], expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
    ["no scopes", { name: "none", scopes: [] }, "scopes"],
    ["an unknown scope", { name: "x", scopes: ["root"] }, "scopes[0]"],
    ["an empty name", { name: " ", scopes: ["catalog:read"] }, "name"],
  ])("refuses %s with 422", async (_case, body, path) => {
    const res = await createToken(body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("is for admins only", async () => {
    const res = await createToken({ name: "writer", scopes: ["catalog:write"] });
    const writer = res.body.token as string;
    const refused = await request(t.app).post("/api/v1/admin/tokens").set(bearer(writer)).send({ name: "escalate", scopes: ["admin"] });
    expect([refused.status, refused.body.code]).toEqual([403, "forbidden"]);
  });
});

describe("a token's first use", () => {
  it("is audited once, with the token as actor, the request id, the client's address and user agent", async () => {
    const created = (await createToken({ name: "first-use", scopes: ["catalog:read"] })).body as { id: string; token: string };
    const ip = freshIp();
    const first = await request(t.app).get("/api/v1/entities").set(bearer(created.token)).set("X-Forwarded-For", ip).set("User-Agent", "ci-runner/3.1");
    expect(first.status).toBe(200);
    expect((await request(t.app).get("/api/v1/entities").set(bearer(created.token))).status).toBe(200);
    const records = await t.db.prisma.auditEvent.findMany({ where: { action: "token.first_used", target: `token:${created.id}` } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: `token:${created.id}`, actorLabel: "first-use", outcome: "success", requestId: requestIdOf(first), ip, userAgent: "ci-runner/3.1" });
  });
});

describe("DELETE /api/v1/admin/tokens/:id", () => {
  it("revokes at once, on every replica (401 token_revoked), idempotently, audited once", async () => {
    const created = (await createToken({ name: "to-revoke", scopes: ["catalog:read"] })).body;
    const other = await secondReplica();
    expect((await request(other).get("/api/v1/auth/me").set(bearer(created.token))).body.kind).toBe("token");

    expect((await request(t.app).delete(`/api/v1/admin/tokens/${created.id}`).set(adminAuth)).status).toBe(204);
    for (const app of [other, t.app]) {
      const res = await request(app).get("/api/v1/auth/me").set(bearer(created.token));
      expect([res.status, res.body.code]).toEqual([401, "token_revoked"]);
      expect(res.body.detail).toContain(created.prefix);
    }
    expect((await request(other).delete(`/api/v1/admin/tokens/${created.id}`).set(adminAuth)).status).toBe(204);
    expect((await auditRows(t, "token.revoked")).filter((r) => r.target === `token:${created.id}`)).toHaveLength(1);
    const listed = (await request(t.app).get("/api/v1/admin/tokens").set(adminAuth)).body.items.find((i: { id: string }) => i.id === created.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
  });

  it("404s an unknown or malformed id", async () => {
    for (const id of ["0195f1a2-0000-7000-8000-000000000000", "nope"]) {
      const res = await request(t.app).delete(`/api/v1/admin/tokens/${id}`).set(adminAuth);
      expect([res.status, res.body.code]).toEqual([404, "token_not_found"]);
    }
  });
});

describe("an expired token", () => {
  it("is refused with 401 token_expired", async () => {
    const created = (await createToken({ name: "short-lived", scopes: ["catalog:read"], expiresAt: new Date(Date.now() + 60_000).toISOString() })).body;
    expect((await request(t.app).get("/api/v1/auth/me").set(bearer(created.token))).status).toBe(200);
    await t.db.prisma.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await request(t.app).get("/api/v1/auth/me").set(bearer(created.token));
    expect([res.status, res.body.code]).toEqual([401, "token_expired"]);
  });
});

describe("GET /api/v1/admin/tokens", () => {
  it("lists newest first, with a cursor", async () => {
    const names = ["page-1", "page-2", "page-3"];
    for (const name of names) await createToken({ name, scopes: ["catalog:read"] });
    const first = ApiTokenListResponseSchema.parse((await request(t.app).get("/api/v1/admin/tokens?limit=2").set(adminAuth)).body);
    expect(first.items.map((i) => i.name)).toEqual(["page-3", "page-2"]);
    const next = (await request(t.app).get(`/api/v1/admin/tokens?limit=2&cursor=${first.pageInfo.nextCursor}`).set(adminAuth)).body;
    expect(next.items[0].name).toBe("page-1");
    expect((await request(t.app).get("/api/v1/admin/tokens?cursor=abc").set(adminAuth)).status).toBe(400);
  });
});
