import { AccountListResponseSchema, AccountSchema, SessionListResponseSchema } from "@cartograph/contracts";
import { updateAccount } from "@cartograph/db";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../http/authenticate.ts";
import { useTestApp } from "../../test-support.ts";
import { adminAuth, auditRows, bearer, createAccount, expectNoSecrets, freshEmail, PASSWORD, sessionFor, signIn } from "../auth/test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const admin = (method: "get" | "post" | "patch" | "delete", path: string, headers: Record<string, string> = adminAuth) =>
  request(t.app)[method](`/api/v1/admin${path}`).set(headers);
const me = (token: string) => request(t.app).get("/api/v1/auth/me").set(bearer(token));

describe("POST /api/v1/admin/users", () => {
  it("creates an account that can sign in, audited, never echoing the password", async () => {
    const email = freshEmail("New.Person");
    const res = await admin("post", "/users").send({ email: email.toUpperCase(), displayName: "  New Person ", role: "editor", password: PASSWORD });
    expect(res.status).toBe(201);
    const account = AccountSchema.parse(res.body);
    expect(account).toMatchObject({ email: email.toLowerCase(), displayName: "New Person", role: "editor", disabled: false });
    expect(res.headers.location).toBe(`/api/v1/admin/users/${account.id}`);
    expectNoSecrets(res);
    expect((await signIn(t, email)).status).toBe(201);
    expect(await auditRows(t, "user.created")).toContainEqual({
      actor: "token:bootstrap",
      actorLabel: "bootstrap",
      action: "user.created",
      target: `account:${account.id}`,
      outcome: "success",
      details: { email: email.toLowerCase(), role: "editor", displayName: "New Person" },
    });
  });

  it("refuses an email that exists (any case) with 409", async () => {
    const existing = await createAccount(t);
    const res = await admin("post", "/users").send({ email: existing.email.toUpperCase(), displayName: "Dup", role: "viewer", password: PASSWORD });
    expect([res.status, res.body.code]).toEqual([409, "account_exists"]);
  });

  it.each([
    ["a short password", { password: "short" }, "password", /at least 12/],
    ["a common password", { password: "Welcome2024!" }, "password", /too common/],
    ["a password with the email's name", { email: "marguerite@example.com", password: "marguerite rocks 99" }, "password", /email name/],
    ["an unknown role", { role: "owner" }, "role", /viewer, editor, admin/],
    ["a bad email", { email: "not-an-email" }, "email", /email/],
  ])("refuses %s with 422 naming the field", async (_case, change, path, message) => {
    const body = { email: freshEmail(), displayName: "X", role: "viewer", password: "plum tractor sideways 42", ...change };
    const res = await admin("post", "/users").send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path, message: expect.stringMatching(message) });
    expectNoSecrets(res, body.password);
  });
});

describe("GET /api/v1/admin/users", () => {
  it("pages by email with a cursor and filters by email or name prefix", async () => {
    for (const name of ["pg-a", "pg-b", "pg-c", "pg-d", "pg-e"]) await createAccount(t, { email: `${name}@paging.example`, displayName: `Pager ${name}` });
    await createAccount(t, { email: "zed@paging.example", displayName: "Quincy Pager" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await admin("get", `/users?q=pg-&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = AccountListResponseSchema.parse(res.body);
      expectNoSecrets(res);
      seen.push(...page.items.map((a) => a.email));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["pg-a@paging.example", "pg-b@paging.example", "pg-c@paging.example", "pg-d@paging.example", "pg-e@paging.example"]);
    const byName = await admin("get", "/users?q=QUINCY");
    expect(byName.body.items.map((a: { email: string }) => a.email)).toEqual(["zed@paging.example"]);
    const wildcard = await admin("get", "/users?q=%25");
    expect(wildcard.body.items).toEqual([]);
  });

  it.each([
    ["a bad cursor", "?cursor=nonsense", "invalid_cursor"],
    ["a limit out of range", "?limit=1000", "invalid_query"],
    ["an unknown parameter", "?role=admin", "invalid_query"],
  ])("refuses %s with 400", async (_case, query, code) => {
    const res = await admin("get", `/users${query}`);
    expect([res.status, res.body.code]).toEqual([400, code]);
  });
});

describe("GET /api/v1/admin/users/:id", () => {
  it("returns the account, and 404 for an unknown or malformed id", async () => {
    const account = await createAccount(t);
    expect((await admin("get", `/users/${account.id}`)).body).toMatchObject({ id: account.id, email: account.email });
    for (const id of ["0195f1a2-0000-7000-8000-000000000000", "not-a-uuid", "1"]) {
      const res = await admin("get", `/users/${id}`);
      expect([res.status, res.body.code]).toEqual([404, "account_not_found"]);
    }
  });
});

describe("PATCH /api/v1/admin/users/:id", () => {
  it("changes role and name, auditing each change with old and new values", async () => {
    const account = await createAccount(t, { role: "viewer", displayName: "Old Name" });
    const res = await admin("patch", `/users/${account.id}`).send({ role: "editor", displayName: "New Name" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: "editor", displayName: "New Name" });
    const rows = (await auditRows(t)).filter((r) => r.target === `account:${account.id}` && r.action.startsWith("user."));
    expect(rows).toEqual([
      expect.objectContaining({ action: "user.role_changed", actor: "token:bootstrap", details: { from: "viewer", to: "editor" } }),
      expect.objectContaining({ action: "user.renamed", details: { from: "Old Name", to: "New Name" } }),
    ]);
  });

  it("disables an account (revoking its sessions) and enables it again", async () => {
    const account = await createAccount(t);
    const token = await sessionFor(t, account);
    expect((await admin("patch", `/users/${account.id}`).send({ disabled: true })).body.disabled).toBe(true);
    const revoked = await t.db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(token) } });
    expect(revoked.revokedAt).not.toBeNull();
    expect((await admin("patch", `/users/${account.id}`).send({ disabled: false })).body.disabled).toBe(false);
    expect((await me(token)).status).toBe(401); // enabling does not bring old sessions back
    expect((await signIn(t, account.email)).status).toBe(201);
    const actions = (await auditRows(t)).filter((r) => r.target === `account:${account.id}` && r.action.startsWith("user.")).map((r) => [r.action, r.details]);
    expect(actions).toEqual([
      ["user.disabled", { sessionsRevoked: 1 }],
      ["user.enabled", null],
    ]);
  });

  it.each([
    ["no change at all", {}],
    ["an unknown field", { email: "x@example.com" }],
    ["a bad role", { role: "root" }],
  ])("refuses %s with 422", async (_case, body) => {
    const account = await createAccount(t);
    const res = await admin("patch", `/users/${account.id}`).send(body);
    expect([res.status, res.body.code]).toEqual([422, "validation_failed"]);
  });

  it("returns 404 for an unknown or malformed id", async () => {
    for (const id of ["0195f1a2-0000-7000-8000-000000000000", "nope"]) {
      expect((await admin("patch", `/users/${id}`).send({ role: "viewer" })).status).toBe(404);
    }
  });
});

describe("the last enabled admin", () => {
  it("cannot be demoted or disabled (409, nothing changed, nothing audited), until another admin exists", async () => {
    // This file's other tests create no admin: the one made here is the only one.
    const only = await createAccount(t, { role: "admin" });
    const token = await sessionFor(t, only);
    const auditBefore = (await auditRows(t)).length;
    for (const patch of [{ role: "editor" }, { disabled: true }, { role: "viewer", disabled: true }]) {
      const res = await request(t.app).patch(`/api/v1/admin/users/${only.id}`).set(bearer(token)).send(patch);
      expect([res.status, res.body.code]).toEqual([409, "last_admin"]);
      expect(res.body.detail).toMatch(/last enabled admin/);
    }
    expect(await t.db.prisma.account.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: "admin", disabled: false });
    // The refusal rolled back the audit records written in its transaction.
    expect((await auditRows(t)).length).toBe(auditBefore);
    expect((await me(token)).status).toBe(200);

    // A renaming of the last admin is fine.
    expect((await request(t.app).patch(`/api/v1/admin/users/${only.id}`).set(bearer(token)).send({ displayName: "Still Admin" })).status).toBe(200);

    const second = await createAccount(t, { role: "admin" });
    const demoted = await request(t.app).patch(`/api/v1/admin/users/${only.id}`).set(bearer(token)).send({ role: "viewer" });
    expect([demoted.status, demoted.body.role]).toEqual([200, "viewer"]);
    // Now `second` is the last one; an admin disabled does not count either.
    await t.db.prisma.account.create({ data: { id: "0195f1a2-0000-7000-8000-0000000000aa", email: "off-admin@example.com", displayName: "Off", role: "admin", disabled: true, passwordHash: "x" } });
    expect((await admin("patch", `/users/${second.id}`).send({ disabled: true })).status).toBe(409);
  });

  it("holds when two demotions race: exactly one of two admins is demoted", async () => {
    const admins = await t.db.prisma.account.findMany({ where: { role: "admin", disabled: false } });
    const extra = admins.length === 1 ? [await createAccount(t, { role: "admin" })] : [];
    const both = [...admins.map((a) => a.id), ...extra.map((a) => a.id)];
    expect(both).toHaveLength(2);
    const answers = await Promise.all(both.map((id) => admin("patch", `/users/${id}`).send({ role: "editor" })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.db.prisma.account.count({ where: { role: "admin", disabled: false } })).toBe(1);
  });

  it("leaves no trace when a change fails after its audit record was written", async () => {
    const account = await createAccount(t, { role: "viewer" });
    const before = (await auditRows(t)).length;
    await expect(
      updateAccount(t.db, account.id, { role: "editor" }, {
        audit: () => [{ actor: "test", action: "user.role_changed", target: `account:${account.id}`, outcome: "success" }],
        check: () => {
          throw new Error("forced failure after the audit insert");
        },
      }),
    ).rejects.toThrow("forced failure");
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).role).toBe("viewer");
    expect((await auditRows(t)).length).toBe(before);
  });
});

describe("POST /api/v1/admin/users/:id/password", () => {
  it("sets a new password, ends every session, and audits it without the password", async () => {
    const account = await createAccount(t);
    const token = await sessionFor(t, account);
    const res = await admin("post", `/users/${account.id}/password`).send({ password: "saffron kettle orbit 19" });
    expect(res.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    expect((await signIn(t, account.email, PASSWORD)).status).toBe(401);
    expect((await signIn(t, account.email, "saffron kettle orbit 19")).status).toBe(201);
    const row = (await auditRows(t, "user.password_reset")).find((r) => r.target === `account:${account.id}`);
    expect(row).toMatchObject({ actor: "token:bootstrap", details: { sessionsRevoked: 1 } });
    expect(JSON.stringify(row)).not.toContain("saffron");
  });

  it("applies the password rules (422) and 404s an unknown account", async () => {
    const account = await createAccount(t, { email: "rosalind@example.com" });
    const weak = await admin("post", `/users/${account.id}/password`).send({ password: "rosalind-is-great" });
    expect([weak.status, weak.body.code]).toEqual([422, "weak_password"]);
    expect(weak.body.errors).toEqual([{ path: "password", message: expect.stringMatching(/email name/) }]);
    expect((await admin("post", "/users/0195f1a2-0000-7000-8000-000000000000/password").send({ password: "saffron kettle orbit 19" })).status).toBe(404);
  });
});

describe("sessions of an account", () => {
  it("lists the live sessions, revokes one, then all, each audited", async () => {
    const account = await createAccount(t);
    const tokens = [await sessionFor(t, account), await sessionFor(t, account), await sessionFor(t, account)];
    await t.db.prisma.session.update({ where: { id: sha256Hex(tokens[2]!) }, data: { lastSeenAt: new Date(Date.now() - 3_600_000) } }); // idle: not listed

    const list = await admin("get", `/users/${account.id}/sessions`);
    expect(list.status).toBe(200);
    const sessions = SessionListResponseSchema.parse(list.body).items;
    expect(sessions.map((s) => s.id).sort()).toEqual([sha256Hex(tokens[0]!), sha256Hex(tokens[1]!)].sort());
    expect(sessions[0]).toMatchObject({ accountId: account.id, ip: expect.stringMatching(/^10\./) });
    expectNoSecrets(list, ...tokens);

    expect((await admin("delete", `/sessions/${sha256Hex(tokens[0]!)}`)).status).toBe(204);
    expect((await admin("delete", `/sessions/${sha256Hex(tokens[0]!)}`)).status).toBe(204); // idempotent
    expect((await me(tokens[0]!)).status).toBe(401);
    expect((await me(tokens[1]!)).status).toBe(200);
    expect((await admin("delete", "/sessions/no-such-session")).status).toBe(404);

    expect((await admin("delete", `/users/${account.id}/sessions`)).status).toBe(204);
    expect((await me(tokens[1]!)).status).toBe(401);
    expect((await admin("get", `/users/${account.id}/sessions`)).body.items).toEqual([]);

    const rows = (await auditRows(t)).filter((r) => r.target === `account:${account.id}` && r.action.startsWith("session."));
    expect(rows.map((r) => [r.action, r.details])).toEqual([
      ["session.revoked", { sessionId: sha256Hex(tokens[0]!) }],
      ["session.revoked_all", { sessionsRevoked: 2 }],
    ]);
    expect((await admin("get", "/users/0195f1a2-0000-7000-8000-000000000000/sessions")).status).toBe(404);
    expect((await admin("delete", "/users/nope/sessions")).status).toBe(404);
  });
});

describe("who may administer", () => {
  it("refuses anonymous callers (401) and non-admin accounts (403, audited)", async () => {
    const anonymous = await request(t.app).get("/api/v1/admin/users");
    expect([anonymous.status, anonymous.body.code]).toEqual([401, "unauthenticated"]);
    const editor = await createAccount(t, { role: "editor" });
    const token = await sessionFor(t, editor);
    const refused = await request(t.app).post("/api/v1/admin/users").set(bearer(token)).send({ email: freshEmail(), displayName: "X", role: "admin", password: PASSWORD });
    expect([refused.status, refused.body.code]).toEqual([403, "forbidden"]);
    expect(await auditRows(t, "admin.access")).toContainEqual(expect.objectContaining({ actor: `account:${editor.id}`, outcome: "denied", target: "/api/v1/admin/users" }));
  });

  it("lets an admin account do it", async () => {
    const boss = await createAccount(t, { role: "admin" });
    const res = await request(t.app).get(`/api/v1/admin/users/${boss.id}`).set(bearer(await sessionFor(t, boss)));
    expect(res.status).toBe(200);
  });
});
