import request from "supertest";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../http/authenticate.ts";
import { useTestApp } from "../../test-support.ts";
import { adminAuth, auditRows, bearer, createAccount, sessionFor } from "./test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const me = (token: string) => request(t.app).get("/api/v1/auth/me").set(bearer(token));

describe("session expiry", () => {
  it("ends a session unused for longer than the idle timeout", async () => {
    const token = await sessionFor(t, await createAccount(t));
    expect((await me(token)).status).toBe(200);
    await t.db.prisma.session.update({ where: { id: sha256Hex(token) }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const res = await me(token);
    expect([res.status, res.body.code]).toEqual([401, "session_expired"]);
  });

  it("keeps a session in use alive, but not past its absolute expiry", async () => {
    const token = await sessionFor(t, await createAccount(t));
    await t.db.prisma.session.update({ where: { id: sha256Hex(token) }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect((await me(token)).status).toBe(200);
    const touched = await t.db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(token) } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);

    await t.db.prisma.session.update({ where: { id: sha256Hex(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await me(token);
    expect([res.status, res.body.code]).toEqual([401, "session_expired"]);
  });
});

describe("POST /api/v1/auth/sign-out", () => {
  it("revokes the current session only, and audits it", async () => {
    const account = await createAccount(t);
    const [token, other] = [await sessionFor(t, account), await sessionFor(t, account)];
    const res = await request(t.app).post("/api/v1/auth/sign-out").set(bearer(token));
    expect(res.status).toBe(204);
    const after = await me(token);
    expect([after.status, after.body.code]).toEqual([401, "session_invalid"]);
    expect((await me(other)).status).toBe(200);
    expect(await auditRows(t, "auth.sign_out")).toContainEqual(
      expect.objectContaining({ actor: `account:${account.id}`, target: `account:${account.id}`, outcome: "success", details: { sessionId: sha256Hex(token) } }),
    );
  });

  it("needs a session: 401 anonymous, 403 with an API token", async () => {
    const anonymous = await request(t.app).post("/api/v1/auth/sign-out");
    expect([anonymous.status, anonymous.body.code]).toEqual([401, "unauthenticated"]);
    const token = await request(t.app).post("/api/v1/auth/sign-out").set(adminAuth);
    expect([token.status, token.body.code]).toEqual([403, "not_a_session"]);
  });
});

describe("POST /api/v1/auth/sign-out-everywhere", () => {
  it("revokes every session of the account and no one else's, and audits how many", async () => {
    const account = await createAccount(t);
    const bystander = await createAccount(t);
    const tokens = [await sessionFor(t, account), await sessionFor(t, account), await sessionFor(t, account)];
    const theirs = await sessionFor(t, bystander);
    const res = await request(t.app).post("/api/v1/auth/sign-out-everywhere").set(bearer(tokens[1]!));
    expect(res.status).toBe(204);
    for (const token of tokens) expect((await me(token)).status).toBe(401);
    expect((await me(theirs)).status).toBe(200);
    expect(await auditRows(t, "auth.sign_out_everywhere")).toContainEqual(
      expect.objectContaining({ actor: `account:${account.id}`, target: `account:${account.id}`, details: { sessionsRevoked: 3 } }),
    );
  });
});

describe("a disabled account", () => {
  it("cannot sign in, and its open sessions stop working at once", async () => {
    const account = await createAccount(t);
    const token = await sessionFor(t, account);
    const disable = await request(t.app).patch(`/api/v1/admin/users/${account.id}`).set(adminAuth).send({ disabled: true });
    expect(disable.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    const again = await request(t.app).post("/api/v1/auth/sign-in").set("X-Forwarded-For", "10.97.0.1").send({ email: account.email, password: "plum tractor sideways 42" });
    expect([again.status, again.body.code]).toEqual([401, "invalid_credentials"]);
  });

  it("is refused even on a session that was somehow not revoked", async () => {
    const account = await createAccount(t);
    const token = await sessionFor(t, account);
    await t.db.prisma.account.update({ where: { id: account.id }, data: { disabled: true } });
    const res = await me(token);
    expect([res.status, res.body.code]).toEqual([401, "account_disabled"]);
  });
});
