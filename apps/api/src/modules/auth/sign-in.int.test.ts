import { ProblemSchema } from "@cartograph/contracts";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../http/authenticate.ts";
import { useTestApp } from "../../test-support.ts";
import { auditRows, bearer, createAccount, expectNoSecrets, latestAudit, PASSWORD, requestIdOf, signIn } from "./test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe("POST /api/v1/auth/sign-in", () => {
  it("opens a session whose token works on /auth/me", async () => {
    const account = await createAccount(t, { role: "editor", displayName: "Erin Editor" });
    const before = Date.now();
    const res = await signIn(t, account.email.toUpperCase());
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^cgs_[A-Za-z0-9_-]{43}$/);
    expect(res.body.idleTimeoutSeconds).toBe(30 * 60);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 12 * 3_600_000 - 1000);
    expect(new Date(res.body.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000 + 1000);
    expect(res.body.account).toMatchObject({ id: account.id, email: account.email, displayName: "Erin Editor", role: "editor", disabled: false });
    expectNoSecrets(res);

    const me = await request(t.app).get("/api/v1/auth/me").set(bearer(res.body.token));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ kind: "account", account: res.body.account, groups: [], userRef: null });
    expectNoSecrets(me, res.body.token);
  });

  it("stores only the SHA-256 of the token, with the client's address and user agent", async () => {
    const account = await createAccount(t);
    const res = await signIn(t, account.email, PASSWORD, "10.99.0.7").set("User-Agent", "test-browser/1.0");
    const row = await t.db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(res.body.token) } });
    expect(row).toMatchObject({ accountId: account.id, ip: "10.99.0.7", userAgent: "test-browser/1.0", revokedAt: null });
    expect(await t.db.prisma.session.count({ where: { id: res.body.token } })).toBe(0);
  });

  it("audits a sign-in with the client's address (X-Forwarded-For from the loopback proxy), user agent and request id", async () => {
    const account = await createAccount(t);
    const res = await signIn(t, account.email, PASSWORD, "10.99.0.8").set("User-Agent", "audit-browser/2.0");
    expect(res.status).toBe(201);
    const record = await latestAudit(t, { action: "auth.sign_in", target: `account:${account.id}` });
    expect(record).toMatchObject({ actor: `account:${account.id}`, actorLabel: account.email, outcome: "success", ip: "10.99.0.8", userAgent: "audit-browser/2.0", requestId: requestIdOf(res) });
  });

  it("opens a new session on every sign-in and never hands back a token the client already had", async () => {
    const account = await createAccount(t);
    const first = await signIn(t, account.email);
    // Signing in again while presenting the first session: a new token, not the old one re-issued.
    const second = await signIn(t, account.email).set(bearer(first.body.token));
    expect(second.status).toBe(201);
    expect(second.body.token).not.toBe(first.body.token);
    for (const token of [first.body.token, second.body.token]) {
      const me = await request(t.app).get("/api/v1/auth/me").set(bearer(token));
      expect(me.body.account.id).toBe(account.id);
    }
    expect(await t.db.prisma.session.count({ where: { accountId: account.id } })).toBe(2);
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled account", async () => {
    const account = await createAccount(t);
    const disabled = await createAccount(t);
    await t.db.prisma.account.update({ where: { id: disabled.id }, data: { disabled: true } });

    const wrong = await signIn(t, account.email, "not the password at all");
    const unknown = await signIn(t, "nobody-here@example.com", "not the password at all");
    const off = await signIn(t, disabled.email, PASSWORD);
    for (const res of [wrong, unknown, off]) {
      expect(res.status).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(ProblemSchema.parse(res.body)).toMatchObject({ code: "invalid_credentials", detail: "Email or password is incorrect." });
      expectNoSecrets(res, "not the password at all");
    }
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(withoutRequestId(off.body)).toEqual(withoutRequestId(wrong.body));
    expect(unknown.headers["www-authenticate"]).toBe(wrong.headers["www-authenticate"]);
  });

  it("audits successes and failures, saying why in the log but never with the password", async () => {
    const account = await createAccount(t);
    await signIn(t, account.email, "wrong horse battery");
    await signIn(t, "ghost@example.com", "wrong horse battery");
    const ok = await signIn(t, account.email);
    const rows = (await auditRows(t, "auth.sign_in")).filter((r) => r.target === `account:${account.id}` || r.target === "ghost@example.com");
    expect(rows).toEqual([
      expect.objectContaining({ actor: "anonymous", target: `account:${account.id}`, outcome: "failure", details: expect.objectContaining({ reason: "wrong_password" }) }),
      expect.objectContaining({ actor: "anonymous", target: "ghost@example.com", outcome: "failure", details: expect.objectContaining({ reason: "unknown_account" }) }),
      expect.objectContaining({ actor: `account:${account.id}`, actorLabel: account.email, target: `account:${account.id}`, outcome: "success", details: { sessionId: sha256Hex(ok.body.token) } }),
    ]);
    const everything = JSON.stringify(await t.db.prisma.auditEvent.findMany(), (_key, value) => (typeof value === "bigint" ? String(value) : value));
    expect(everything).not.toContain("wrong horse battery");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(ok.body.token);
  });

  it.each([
    ["no body", undefined, 422, "validation_failed"],
    ["no password", { email: "a@example.com" }, 422, "validation_failed"],
    ["an unknown field", { email: "a@example.com", password: "x", remember: true }, 422, "validation_failed"],
    ["a password too long to be one", { email: "a@example.com", password: "x".repeat(1025) }, 422, "validation_failed"],
  ])("refuses %s", async (_case, body, status, code) => {
    const res = await request(t.app).post("/api/v1/auth/sign-in").set("X-Forwarded-For", "10.98.0.1").send(body as object);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it("refuses malformed JSON (400) and a body of another type (415)", async () => {
    const malformed = await request(t.app).post("/api/v1/auth/sign-in").set("Content-Type", "application/json").send("{not json");
    expect([malformed.status, malformed.body.code]).toEqual([400, "malformed_body"]);
    const form = await request(t.app).post("/api/v1/auth/sign-in").type("form").send("email=a@example.com&password=x");
    expect([form.status, form.body.code]).toEqual([415, "unsupported_media_type"]);
  });
});

describe("GET /api/v1/auth/me", () => {
  it("says anonymous without credentials, and describes a token", async () => {
    expect((await request(t.app).get("/api/v1/auth/me")).body).toEqual({ kind: "anonymous" });
    const res = await request(t.app).get("/api/v1/auth/me").set(bearer("test-admin-token-0123456789"));
    expect(res.body).toEqual({ kind: "token", token: { id: "bootstrap", name: "bootstrap", scopes: ["admin"] } });
  });

  it("names the account's User entity and groups when the catalog has a User with its email", async () => {
    const account = await createAccount(t, { email: "kim.member@example.com", role: "editor" });
    const docs = [
      { apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: { name: "team-maps" }, spec: { type: "team", children: [], parent: "org-eng" } },
      { apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: { name: "org-eng" }, spec: { type: "org", children: [] } },
      { apiVersion: "backstage.io/v1alpha1", kind: "User", metadata: { name: "kim" }, spec: { memberOf: ["team-maps"], profile: { email: "Kim.Member@example.com" } } },
    ];
    const ingest = await request(t.app).post("/api/v1/ingest?source=test/org").set(bearer("test-admin-token-0123456789")).send(docs);
    expect(ingest.status).toBe(200);
    const token = (await signIn(t, account.email)).body.token;
    const me = await request(t.app).get("/api/v1/auth/me").set(bearer(token));
    expect(me.body).toMatchObject({ kind: "account", userRef: "user:default/kim", groups: ["group:default/org-eng", "group:default/team-maps"] });
  });
});
