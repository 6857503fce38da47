import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { problemHandler } from "../../http/problem.ts";
import { apiRateLimiter, type ApiRateLimiter } from "../../http/rate-limit.ts";
import { useTestApp } from "../../test-support.ts";
import { auditRows, createAccount, freshEmail, freshIp, PASSWORD, signIn } from "./test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const lockRow = (email: string) => t.db.prisma.rateLimit.findUnique({ where: { key: `signin:account:${email}` } });
/** Lets the lock run out without waiting for it. */
const expireLock = (email: string) => t.db.prisma.rateLimit.update({ where: { key: `signin:account:${email}` }, data: { lockedUntil: new Date(Date.now() - 1000) } });
const lockSeconds = async (email: string) => ((await lockRow(email))!.lockedUntil!.getTime() - Date.now()) / 1000;

async function failTimes(email: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await signIn(t, email, "definitely wrong guess");
    expect(res.status, `attempt ${i + 1}`).toBe(401);
  }
}

describe("sign-in lockout per email", () => {
  it("locks after 5 failures with 429, Retry-After and RateLimit headers, even for the right password, and audits it", async () => {
    const account = await createAccount(t);
    await failTimes(account.email, 5);
    const res = await signIn(t, account.email, PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe("sign_in_locked");
    const retryAfter = Number(res.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers["ratelimit-policy"]).toBe('"signin-account";q=5');
    expect(res.headers.ratelimit).toBe(`"signin-account";r=0;t=${retryAfter}`);
    expect(await auditRows(t, "auth.sign_in")).toContainEqual(
      expect.objectContaining({ target: `account:${account.id}`, outcome: "failure", details: expect.objectContaining({ reason: "locked" }) }),
    );
  });

  it("forgets the failures after a success", async () => {
    const account = await createAccount(t);
    await failTimes(account.email, 5);
    await expireLock(account.email);
    expect((await signIn(t, account.email)).status).toBe(201);
    expect(await lockRow(account.email)).toMatchObject({ failures: 0, lockedUntil: null });
    await failTimes(account.email, 4); // the free attempts are all back
    expect((await signIn(t, account.email)).status).toBe(201);
  });

  it("doubles the lock with each further failure", async () => {
    const email = freshEmail("backoff");
    await failTimes(email, 5);
    expect(await lockSeconds(email)).toBeCloseTo(60, -1);
    await expireLock(email);
    await failTimes(email, 1);
    expect(await lockSeconds(email)).toBeCloseTo(120, -1);
    await expireLock(email);
    await failTimes(email, 1);
    expect(await lockSeconds(email)).toBeCloseTo(240, -1);
    await t.db.prisma.rateLimit.update({ where: { key: `signin:account:${email}` }, data: { failures: 40, lockedUntil: new Date(0) } });
    await failTimes(email, 1);
    expect(await lockSeconds(email)).toBeCloseTo(3600, -1);
  });

  it("locks unknown emails the same way, so a lock reveals nothing", async () => {
    const email = freshEmail("nobody");
    await failTimes(email, 5);
    expect((await signIn(t, email)).status).toBe(429);
  });

  it("gives a burst of concurrent guesses no more tries than a sequence", async () => {
    const account = await createAccount(t);
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn(t, account.email, "definitely wrong guess")));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe("sign-in limit per client address", () => {
  it("allows 30 attempts per 10 minutes from one address, then 429s with the draft headers, auditing the first refusal only", async () => {
    const ip = freshIp();
    const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(t, freshEmail(`ip${i}`), "definitely wrong guess", ip)));
    expect(attempts.map((r) => r.status)).toEqual(Array(30).fill(401));
    const account = await createAccount(t);
    const limited = await signIn(t, account.email, PASSWORD, ip);
    expect([limited.status, limited.body.code]).toEqual([429, "rate_limited"]);
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(limited.headers["ratelimit-policy"]).toBe('"signin";q=30;w=600');
    expect(limited.headers.ratelimit).toBe(`"signin";r=0;t=${retryAfter}`);
    expect((await signIn(t, account.email, PASSWORD, ip)).status).toBe(429);
    // Another address is not affected, and the account itself was never charged.
    expect((await signIn(t, account.email, PASSWORD, freshIp())).status).toBe(201);
    const refusals = (await auditRows(t, "auth.sign_in")).filter((r) => r.details?.reason === "rate_limited" && r.details?.ip === ip);
    expect(refusals).toHaveLength(1);
  });
});

describe("apiRateLimiter", () => {
  // Two limiters on one database are two replicas; a fixed clock keeps the test inside one window.
  const windowStart = Date.UTC(2031, 0, 1, 12, 0, 0);
  let clock = windowStart + 10_000;
  const replica = (limiter: ApiRateLimiter, principalId = "shared") => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.principal = { kind: "token", id: principalId, name: principalId, scopes: [] };
      next();
    });
    app.use(limiter);
    app.get("/", (_req, res) => void res.json({ ok: true }));
    app.use(problemHandler);
    return app;
  };
  const make = () => apiRateLimiter({ db: t.db, config: { limit: 10, windowSeconds: 60, flushIntervalMs: 60_000 }, now: () => clock });
  const stored = async (key: string) => (await t.db.prisma.rateLimit.findUnique({ where: { key } }))?.count;

  it("counts in memory, writes at most once per interval, and enforces the limit across replicas", async () => {
    const [a, b] = [make(), make()];
    const [appA, appB] = [replica(a), replica(b)];
    for (let i = 0; i < 6; i++) {
      const res = await request(appA).get("/");
      expect(res.status).toBe(200);
      expect(res.headers.ratelimit).toBe(`"api";r=${10 - (i + 1)};t=50`);
      expect(res.headers["ratelimit-policy"]).toBe('"api";q=10;w=60');
    }
    // The first request is written at once (in the background); the rest wait for the interval.
    for (let i = 0; i < 200 && (await stored("api:token:shared")) === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await stored("api:token:shared")).toBe(1);
    await a.flush();
    expect(await stored("api:token:shared")).toBe(6);

    expect((await request(appB).get("/")).status).toBe(200);
    await b.flush(); // B learns the shared count: 7
    for (let i = 0; i < 3; i++) expect((await request(appB).get("/")).status).toBe(200);
    const refused = await request(appB).get("/");
    expect([refused.status, refused.body.code]).toEqual([429, "rate_limited"]);
    expect(refused.headers["retry-after"]).toBe("50");
    expect(refused.headers.ratelimit).toBe('"api";r=0;t=50');
    await b.flush();
    expect(await stored("api:token:shared")).toBe(10);

    // A learns the count on its next flush and refuses from then on.
    expect((await request(appA).get("/")).status).toBe(200);
    await a.flush();
    expect((await request(appA).get("/")).status).toBe(429);

    // Another caller has a budget of its own; a new window starts afresh.
    expect((await request(replica(a, "other")).get("/")).status).toBe(200);
    clock += 60_000;
    expect((await request(appA).get("/")).status).toBe(200);
  });
});
