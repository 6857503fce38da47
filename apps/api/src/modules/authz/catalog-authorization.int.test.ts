import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../http/authenticate.ts";
import { ADMIN_TOKEN, apiTokenFor, sessionFor, startTestApp, type TestApp } from "../../test-support.ts";
import { latestAudit, requestIdOf } from "../auth/test-helpers.ts";

// The business rule: an editor may create, change and delete only entities owned by a group they
// belong to (directly, through the group's members, or through a parent group) or by their own
// User entity; membership comes from the catalog itself.
const org = [
  { kind: "Group", metadata: { name: "dept" }, spec: { type: "department", children: ["team-a"] } },
  { kind: "Group", metadata: { name: "team-a" }, spec: { type: "team", children: [] } },
  { kind: "Group", metadata: { name: "team-b" }, spec: { type: "team", children: [] } },
  { kind: "Group", metadata: { name: "team-c" }, spec: { type: "team", children: [], members: ["carol"] } },
  { kind: "User", metadata: { name: "ed" }, spec: { memberOf: ["team-a"], profile: { email: "Ed@Example.com" } } },
  { kind: "User", metadata: { name: "carol" }, spec: { memberOf: [], profile: { email: "carol@example.com" } } },
].map((e) => ({ apiVersion: "backstage.io/v1alpha1", ...e }));

const svc = (name: string, owner: string, description = `${name} service`) => ({
  apiVersion: "backstage.io/v1alpha1",
  kind: "Component",
  metadata: { name, description },
  spec: { type: "service", lifecycle: "production", owner },
});
const services = [svc("a-svc", "team-a"), svc("b-svc", "team-b"), svc("dept-svc", "dept"), svc("ed-tool", "user:ed"), svc("carol-svc", "team-c")];

let t: TestApp; // with ANONYMOUS_READ off, as in production
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false });
  for (const [source, body] of [["org", org], ["services", services]] as const) {
    expect((await request(t.app).post(`/api/v1/ingest?source=${source}`).set(admin).send(body)).status).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
});

async function current(name: string, auth = admin) {
  const res = await request(t.app).get(`/api/v1/entities/component/default/${name}`).set(auth);
  expect(res.status).toBe(200);
  return res.body as ReturnType<typeof svc> & { metadata: { etag: string } };
}

async function put(name: string, auth: Record<string, string>, change: (e: ReturnType<typeof svc>) => ReturnType<typeof svc>) {
  const before = await current(name);
  const body = change(svc(name, before.spec.owner, before.metadata.description));
  return request(t.app).put(`/api/v1/entities/component/default/${name}`).set(auth).set("If-Match", `"${before.metadata.etag}"`).send(body);
}
const describeAs = (text: string) => (e: ReturnType<typeof svc>) => ({ ...e, metadata: { ...e.metadata, description: text } });

describe("editors change only what their groups or they own", () => {
  it("lets an editor change an entity of their own group, and records who did it", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const res = await put("a-svc", bearer(ed), describeAs("changed by ed"));
    expect(res.status).toBe(200);
    expect(res.body.metadata.description).toBe("changed by ed");
    const history = await request(t.app).get("/api/v1/entities/component/default/a-svc/history").set(admin);
    expect(history.body.items[0].actor).toBe("account:ed@example.com");
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { action: "catalog.update", target: "component:default/a-svc" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "success", actorLabel: "ed@example.com", requestId: expect.any(String) });
    expect(audit?.actor).toMatch(/^account:[0-9a-f-]{36}$/);
  });

  it("refuses another team's entity with 403 naming the owner, changes nothing and audits the refusal", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const res = await put("b-svc", bearer(ed), describeAs("hijacked"));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("forbidden");
    expect(res.body.detail).toMatch(/component:default\/b-svc \(owner group:default\/team-b\)/);
    expect(res.body.detail).toMatch(/group:default\/team-a/);
    expect((await current("b-svc")).metadata.description).toBe("b-svc service");
    const denied = await t.db.prisma.auditEvent.findFirst({ where: { action: "catalog.update", outcome: "denied" }, orderBy: { id: "desc" } });
    expect(denied).toMatchObject({ target: "component:default/b-svc", actorLabel: "ed@example.com" });
  });

  it("refuses handing an own entity to a group the editor is not in", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const res = await put("a-svc", bearer(ed), (e) => ({ ...e, spec: { ...e.spec, owner: "team-b" } }));
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/group:default\/team-a → group:default\/team-b/);
    expect((await current("a-svc")).spec.owner).toBe("team-a");
  });

  it("counts parent groups, the editor's own User entity, and membership declared by the group", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    expect((await put("dept-svc", bearer(ed), describeAs("parent group"))).status).toBe(200);
    expect((await put("ed-tool", bearer(ed), describeAs("my own"))).status).toBe(200);
    const carol = await sessionFor(t, { email: "carol@example.com", role: "editor" });
    expect((await put("carol-svc", bearer(carol), describeAs("members list"))).status).toBe(200);
    expect((await put("a-svc", bearer(carol), describeAs("not carol's"))).status).toBe(403);
    const me = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    expect((await put("carol-svc", bearer(me), describeAs("not ed's"))).status).toBe(403);
  });

  it("tells an editor with no User entity why they own nothing", async () => {
    const stranger = await sessionFor(t, { email: "stranger@example.com", role: "editor" });
    const res = await put("a-svc", bearer(stranger), describeAs("x"));
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/no User entity has the email stranger@example.com/);
  });

  it("applies the rule to every entity of an ingest, all or nothing, and to deletes", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const mixed = await request(t.app).post("/api/v1/ingest?source=ed-repo").set(bearer(ed)).send([svc("ed-new", "team-a"), svc("ed-sneaky", "team-b")]);
    expect(mixed.status).toBe(403);
    expect(mixed.body.detail).toMatch(/component:default\/ed-sneaky/);
    expect((await request(t.app).get("/api/v1/entities/component/default/ed-new").set(admin)).status).toBe(404);

    const own = await request(t.app).post("/api/v1/ingest?source=ed-repo").set(bearer(ed)).send([svc("ed-new", "team-a")]);
    expect(own.status).toBe(200);
    const b = await current("b-svc");
    const del = await request(t.app).delete("/api/v1/entities/component/default/b-svc").set(bearer(ed)).set("If-Match", `"${b.metadata.etag}"`);
    expect(del.status).toBe(403);
    const uid = (await current("b-svc")).metadata as unknown as { uid: string };
    expect((await request(t.app).delete(`/api/catalog/entities/by-uid/${uid.uid}`).set(bearer(ed))).status).toBe(403);
    expect((await request(t.app).get("/api/v1/entities/component/default/b-svc").set(admin)).status).toBe(200);
  });
});

describe("roles and token scopes", () => {
  it("viewers and catalog:read tokens read but never write", async () => {
    const viewer = await sessionFor(t, { email: "vera@example.com", role: "viewer" });
    const reader = await apiTokenFor(t, { scopes: ["catalog:read"] });
    for (const auth of [bearer(viewer), bearer(reader)]) {
      expect((await request(t.app).get("/api/v1/entities?kind=component").set(auth)).status).toBe(200);
      expect((await request(t.app).get("/api/catalog/entities?filter=kind=component").set(auth)).status).toBe(200);
      const res = await put("a-svc", auth, describeAs("nope"));
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/editor or admin role, or a token with scope catalog:write/);
    }
  });

  it("catalog:write and admin tokens, and admins, change anything", async () => {
    const writer = await apiTokenFor(t, { scopes: ["catalog:write"], name: "ci" });
    const res = await put("b-svc", bearer(writer), describeAs("by ci"));
    expect(res.status).toBe(200);
    const history = await request(t.app).get("/api/v1/entities/component/default/b-svc/history").set(admin);
    expect(history.body.items[0].actor).toBe("token:ci");
    expect((await put("b-svc", bearer(await apiTokenFor(t, { scopes: ["admin"] })), describeAs("by admin token"))).status).toBe(200);
    expect((await put("b-svc", bearer(await sessionFor(t, { email: "root@example.com", role: "admin" })), describeAs("by admin"))).status).toBe(200);
  });

  it("refuses expired and revoked tokens and dead sessions with 401 saying why", async () => {
    const cases: [string, string][] = [
      [await apiTokenFor(t, { scopes: ["admin"], expired: true }), "token_expired"],
      [await apiTokenFor(t, { scopes: ["admin"], revoked: true }), "token_revoked"],
      ["cgt_not-a-real-token", "invalid_token"],
      ["cgs_not-a-real-session", "session_invalid"],
      [await sessionFor(t, { email: "gone@example.com", role: "admin", disabled: true }), "account_disabled"],
    ];
    for (const [secret, code] of cases) {
      const res = await request(t.app).get("/api/v1/entities").set(bearer(secret));
      expect(res.status, code).toBe(401);
      expect(res.body.code).toBe(code);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    }
  });

  it("needs sign-in to read when ANONYMOUS_READ is off, on both APIs", async () => {
    const anon = await request(t.app).get("/api/v1/entities");
    expect(anon.status).toBe(401);
    expect(anon.body.code).toBe("unauthenticated");
    const backstage = await request(t.app).get("/api/catalog/entities");
    expect(backstage.status).toBe(401);
    expect(backstage.body.error.name).toBe("AuthenticationError");
    expect((await request(t.app).get("/api/v1/openapi.json")).status).toBe(200);
    expect((await request(t.app).get("/readyz")).status).toBe(200);
  });
});

describe("audit records commit with the change", () => {
  const accountIdOf = async (secret: string) => (await t.db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(secret) } })).accountId;

  /** `res` answered `status`, and the newest `action` record on `target` is this request's success by `who`. */
  async function expectAudited(res: request.Response, status: number, where: { action: string; target: string }, who: { actor: string; actorLabel?: string }, details: Record<string, unknown>) {
    expect(res.status).toBe(status);
    expect(await latestAudit(t, where)).toMatchObject({ ...who, outcome: "success", requestId: requestIdOf(res), details: expect.objectContaining(details) });
  }

  it("records an ingest, a create and deletes (by ref and by uid) with actor, target, outcome and request id", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const edWho = { actor: `account:${await accountIdOf(ed)}`, actorLabel: "ed@example.com" };
    const ingest = await request(t.app).post("/api/v1/ingest?source=ed-audited").set(bearer(ed)).send([svc("ed-audited", "team-a"), svc("ed-audited-2", "team-a")]);
    await expectAudited(ingest, 200, { action: "catalog.ingest", target: "source:ed-audited" }, edWho, { created: 2, updated: 0, deleted: 0 });

    const writerSecret = await apiTokenFor(t, { scopes: ["catalog:write"], name: "audited-ci" });
    const writer = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(writerSecret) } });
    const created = await request(t.app).post("/api/v1/entities").set(bearer(writerSecret)).send(svc("created-audited", "team-b"));
    await expectAudited(created, 201, { action: "catalog.create", target: "entity" }, { actor: `token:${writer.id}`, actorLabel: "audited-ci" }, { created: 1, refs: ["component:default/created-audited"] });

    const etag = (await current("ed-audited")).metadata.etag;
    const byRef = await request(t.app).delete("/api/v1/entities/component/default/ed-audited").set(bearer(ed)).set("If-Match", `"${etag}"`);
    await expectAudited(byRef, 204, { action: "catalog.delete", target: "component:default/ed-audited" }, edWho, { deleted: 1 });

    const { uid } = (await current("ed-audited-2")).metadata as unknown as { uid: string };
    const byUid = await request(t.app).delete(`/api/catalog/entities/by-uid/${uid}`).set(admin);
    await expectAudited(byUid, 204, { action: "catalog.delete", target: `uid:${uid}` }, { actor: "token:bootstrap" }, { deleted: 1, refs: ["component:default/ed-audited-2"] });
  });

  /**
   * Sends a write and kills its transaction where it waits: a second connection holds the catalog
   * version row, which a write updates last, after its audit insert; the waiting backend is then
   * terminated, so the transaction (audit record included) rolls back. Returns the write's answer.
   */
  async function whileTheWriteDies(send: () => PromiseLike<request.Response>): Promise<request.Response> {
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT version FROM catalog_state WHERE id = 1 FOR UPDATE");
      const pending = Promise.resolve(send());
      let pid: number | undefined;
      for (let i = 0; i < 100 && pid === undefined; i++) {
        const { rows } = await blocker.query<{ pid: number }>(
          // (the waiting backend's reported query text can lag behind; what it waits on does not)
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(pid).toBeDefined();
      await blocker.query("SELECT pg_terminate_backend($1)", [pid]);
      const res = await pending;
      expect(res.status).toBeGreaterThanOrEqual(500);
      await blocker.query("ROLLBACK");
      return res;
    } finally {
      await blocker.end();
    }
  }

  it("leaves no audit record of a write whose transaction dies", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    await whileTheWriteDies(() => put("a-svc", bearer(ed), describeAs("never committed")));
    expect((await current("a-svc")).metadata.description).not.toBe("never committed");
    const records = await t.db.prisma.auditEvent.findMany({ where: { action: "catalog.update", target: "component:default/a-svc" } });
    const after = await request(t.app).get("/api/v1/entities/component/default/a-svc/history").set(admin);
    // One success record per committed update by anyone, none for the one that died.
    expect(records.filter((r) => r.outcome === "success").length).toBe(after.body.items.filter((v: { operation: string }) => v.operation === "updated").length);
  });

  it("leaves no audit record of an ingest whose transaction dies", async () => {
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    await whileTheWriteDies(() => request(t.app).post("/api/v1/ingest?source=dying-ingest").set(bearer(ed)).send([svc("never-ingested", "team-a")]));
    expect((await request(t.app).get("/api/v1/entities/component/default/never-ingested").set(admin)).status).toBe(404);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "catalog.ingest", target: "source:dying-ingest" } })).toBe(0);
  });

  it("leaves no audit record of a delete whose transaction dies", async () => {
    expect((await request(t.app).post("/api/v1/ingest?source=doomed").set(admin).send([svc("doomed-svc", "team-a")])).status).toBe(200);
    const ed = await sessionFor(t, { email: "ed@example.com", role: "editor" });
    const etag = (await current("doomed-svc")).metadata.etag;
    await whileTheWriteDies(() => request(t.app).delete("/api/v1/entities/component/default/doomed-svc").set(bearer(ed)).set("If-Match", `"${etag}"`));
    expect((await current("doomed-svc")).metadata.etag).toBe(etag);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "catalog.delete", target: "component:default/doomed-svc" } })).toBe(0);
  });

  it("refuses to change or delete audit records, whoever asks the database", async () => {
    await expect(t.db.prisma.$executeRawUnsafe("UPDATE audit_events SET outcome = 'success'")).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.$executeRawUnsafe("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
  });
});

describe("the API rate limit as mounted", () => {
  it("answers 429 with Retry-After and RateLimit headers past API_RATE_LIMIT_PER_MINUTE, per caller, on both APIs", async () => {
    const limited = await startTestApp({ anonymousRead: true, apiRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (const path of ["/api/v1/entities", "/api/catalog/entities", "/api/v1/entities", "/api/catalog/entities"]) {
        statuses.push((await request(limited.app).get(path)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await request(limited.app).get("/api/v1/entities");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(refused.headers["ratelimit"]).toMatch(/"api";r=0;t=\d+/);
      // Another caller has a budget of its own.
      expect((await request(limited.app).get("/api/v1/entities").set(admin)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("security headers", () => {
  it("come with every API answer, errors included", async () => {
    for (const path of ["/api/v1/entities", "/api/v1/nothing-here", "/api/catalog/entities"]) {
      const res = await request(t.app).get(path);
      expect(res.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    }
  });
});
