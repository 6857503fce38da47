import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, apiTokenFor, component, startApiProcess, startTestApp, type ApiProcess, type TestApp } from "../../test-support.ts";

// Sessions, revocations, sign-in and API rate limits, idempotency keys and the live change stream
// live in PostgreSQL only: what one API replica does, another API *process* on the same database
// sees (at once, or for the API limit within its one-second flush).

/** Per caller per minute on both processes; each test below stays far under it except the one about it. */
const RATE_LIMIT = 40;
let t: TestApp;
let other: ApiProcess | undefined;
let otherUrl: string;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false, apiRateLimitPerMinute: RATE_LIMIT });
  other = await startApiProcess({ DATABASE_URL: t.database.url, CARTOGRAPH_ADMIN_TOKEN: ADMIN_TOKEN, API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
  otherUrl = other.url;
  const res = await request(t.app).post("/api/v1/admin/users").set(admin).send({ email: "rita@example.com", displayName: "Rita", role: "viewer", password: "a long enough passphrase 42" });
  expect(res.status).toBe(201);
}, 30_000);

afterAll(async () => {
  await other?.stop();
  await t.close();
});

const onOther = (p: string, secret?: string, init: RequestInit = {}) =>
  fetch(`${otherUrl}${p}`, { ...init, headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(init.headers ?? {}) } });

describe("a second API process on the same database", () => {
  it("honours a session made by the first and sees its sign-out at once", async () => {
    const signIn = await request(t.app).post("/api/v1/auth/sign-in").send({ email: "rita@example.com", password: "a long enough passphrase 42" });
    expect(signIn.status).toBe(201);
    const session = signIn.body.token as string;
    const me = await onOther("/api/v1/auth/me", session);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { account: { email: string } }).account.email).toBe("rita@example.com");

    expect((await request(t.app).post("/api/v1/auth/sign-out").set("Authorization", `Bearer ${session}`)).status).toBe(204);
    const after = await onOther("/api/v1/entities", session);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe("session_invalid");
  });

  it("refuses a token the first revoked, on the very next request", async () => {
    const created = await request(t.app).post("/api/v1/admin/tokens").set(admin).send({ name: "ci", scopes: ["catalog:read"] });
    expect(created.status).toBe(201);
    expect((await onOther("/api/v1/entities", created.body.token)).status).toBe(200);
    expect((await request(t.app).delete(`/api/v1/admin/tokens/${created.body.id}`).set(admin)).status).toBe(204);
    const refused = await onOther("/api/v1/entities", created.body.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe("token_revoked");
  });

  it("keeps an account locked out whichever process the next attempt reaches", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await request(t.app).post("/api/v1/auth/sign-in").send({ email: "rita@example.com", password: `wrong guess number ${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await onOther("/api/v1/auth/sign-in", undefined, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "rita@example.com", password: "a long enough passphrase 42" }),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts API requests of one caller across processes: what the first admitted, the second does not admit again", async () => {
    // The limit is per clock minute; start where the rest of this minute leaves room for the test.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const token = await apiTokenFor(t, { scopes: ["catalog:read"], name: "limited" });
    for (let i = 0; i < RATE_LIMIT; i++) {
      const res = await request(t.app).get("/api/v1/entities?limit=1").set("Authorization", `Bearer ${token}`);
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1_500)); // the first process flushes its count within a second
    let admitted = 0;
    let refused: Response | undefined;
    for (let i = 0; i < RATE_LIMIT && !refused; i++) {
      const res = await onOther("/api/v1/entities?limit=1", token);
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        admitted += 1;
      }
    }
    // Counting only its own requests, the second process would admit all 40.
    expect(refused?.status).toBe(429);
    expect(admitted).toBeLessThan(5);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("replays an Idempotency-Key answer on the other process instead of writing twice", async () => {
    const body = JSON.stringify(component("replayed-across"));
    const first = await request(t.app).post("/api/v1/entities").set(admin).set("Idempotency-Key", "across-replicas-1").set("content-type", "application/json").send(body);
    expect(first.status).toBe(201);
    const again = await onOther("/api/v1/entities", ADMIN_TOKEN, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "across-replicas-1" }, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { metadata: { uid: string } }).metadata.uid).toBe(first.body.metadata.uid);
    expect(await t.db.prisma.changeEvent.count({ where: { ref: "component:default/replayed-across" } })).toBe(1);
  });

  it("streams to a listener on the second process a change made through the first", async () => {
    const controller = new AbortController();
    const stream = await onOther("/api/v1/events", ADMIN_TOKEN, { signal: controller.signal, headers: { accept: "text/event-stream" } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`not seen within 10 s: ${pattern}; got ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended; got ${text}`);
        text += value;
      }
    };
    try {
      await readUntil(/^: live$/m); // from here on every committed change is delivered
      const created = await request(t.app).post("/api/v1/entities").set(admin).send(component("seen-elsewhere"));
      expect(created.status).toBe(201);
      await readUntil(/component:default\/seen-elsewhere/);
      expect(text).toMatch(/event: change\nid: \d+\ndata: .*"ref":"component:default\/seen-elsewhere"/);
    } finally {
      controller.abort();
    }
  });
});
