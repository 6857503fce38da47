import { ChangeEventSchema, type ChangeEvent } from "@cartograph/contracts";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventStreamsOf } from "../../app.ts";
import { sha256Hex } from "../../http/authenticate.ts";
import { ADMIN_TOKEN, apiTokenFor, component, sessionFor, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
let server: http.Server;
let base: string;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false, eventStreams: { recheckMs: 150, maxPerCaller: 3, maxStreams: 6, feed: { intervalMs: 40 } } });
  server = t.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

interface Listener {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: (ChangeEvent & { sseId: string })[];
  text: () => string;
  /** Resolves with the first event matching, failing after `ms`. */
  next(match: (e: ChangeEvent) => boolean, ms?: number): Promise<ChangeEvent & { sseId: string }>;
  ended: Promise<void>;
  /** Resolves once the server says the stream is live (every later change will arrive). */
  live: Promise<void>;
  close(): void;
}

/** Opens GET /api/v1/events and parses what arrives, frame by frame. */
function listen(path = "/api/v1/events", headers: Record<string, string> = admin): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers }, (res) => {
      let raw = "";
      let buffer = "";
      const events: Listener["events"] = [];
      const waiters = new Set<() => void>();
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const fields = Object.fromEntries(block.split("\n").filter((l) => !l.startsWith(":") && l.includes(": ")).map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]));
          if (fields.event === "change") events.push({ ...ChangeEventSchema.parse(JSON.parse(fields.data!)), sseId: fields.id! });
        }
        for (const w of [...waiters]) w();
      });
      const ended = new Promise<void>((done) => res.on("close", () => done()));
      let isLive = () => {};
      const live = new Promise<void>((done) => (isLive = done));
      waiters.add(() => raw.includes(": live\n") && isLive());
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        text: () => raw,
        ended,
        live,
        close: () => req.destroy(),
        next(match, ms = 5_000) {
          return new Promise((found, fail) => {
            const check = () => {
              const hit = events.find(match);
              if (!hit) return;
              waiters.delete(check);
              clearTimeout(timer);
              found(hit);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((e) => [e.id, e.ref]))}`));
            }, ms);
            waiters.add(check);
            check();
          });
        },
      });
    });
    req.on("error", reject);
  });
}

const create = async (name: string) => {
  const res = await request(t.app).post("/api/v1/entities").set(admin).send(component(name));
  expect(res.status).toBe(201);
  return res.body.metadata.etag as string;
};
const idOf = async (ref: string) => String((await t.db.prisma.changeEvent.findFirstOrThrow({ where: { ref }, orderBy: { id: "desc" } })).id);

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe("GET /api/v1/events", () => {
  it("streams each change as `event: change` with its change id, from now on, with the stream headers", async () => {
    await create("ev-before");
    const l = await listen();
    try {
      expect(l.status).toBe(200);
      expect(l.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(l.headers["cache-control"]).toBe("no-cache");
      expect(l.headers["x-accel-buffering"]).toBe("no");
      await l.live;
      const etag = await create("ev-one");
      const e = await l.next((x) => x.ref === "component:default/ev-one");
      expect(e).toMatchObject({ operation: "created", etag, actor: "token:bootstrap", source: null });
      expect(e.sseId).toBe(e.id);
      expect(e.id).toBe(await idOf("component:default/ev-one"));
      expect(l.events.some((x) => x.ref === "component:default/ev-before")).toBe(false);
    } finally {
      l.close();
    }
  });

  it("passes only the refs asked for, compared case-insensitively", async () => {
    const l = await listen("/api/v1/events?ref=Component:Default/EV-Wanted&ref=component:ev-also");
    try {
      await l.live;
      await create("ev-unwanted");
      await create("ev-wanted");
      await create("ev-also");
      await l.next((x) => x.ref === "component:default/ev-also");
      expect(l.events.map((x) => x.ref)).toEqual(["component:default/ev-wanted", "component:default/ev-also"]);
    } finally {
      l.close();
    }
  });

  it("replays what came after Last-Event-ID, then goes on live without repeating", async () => {
    await create("ev-r1");
    await create("ev-r2");
    await create("ev-r3");
    const after = await idOf("component:default/ev-r1");
    const l = await listen("/api/v1/events", { ...admin, "Last-Event-ID": after });
    try {
      await l.next((x) => x.ref === "component:default/ev-r3");
      await create("ev-r4");
      await l.next((x) => x.ref === "component:default/ev-r4");
      const refs = l.events.map((x) => x.ref);
      expect(refs.slice(0, 3)).toEqual(["component:default/ev-r2", "component:default/ev-r3", "component:default/ev-r4"].slice(0, 3));
      expect(refs).not.toContain("component:default/ev-r1");
      expect(new Set(l.events.map((x) => x.id)).size).toBe(l.events.length);
    } finally {
      l.close();
    }
  });

  it("does not miss a change whose transaction took a lower id but committed after a higher one", async () => {
    const l = await listen();
    const slow = new pg.Client({ connectionString: t.database.url });
    const doomed = new pg.Client({ connectionString: t.database.url });
    await slow.connect();
    await doomed.connect();
    try {
      await l.live;
      await slow.query("BEGIN");
      const insert = "INSERT INTO change_events (entity_uid, ref, operation, etag, actor) VALUES (gen_random_uuid(), $1, 'updated', 'x', 'test') RETURNING id::text AS id";
      const low = (await slow.query<{ id: string }>(insert, ["component:default/ev-late"])).rows[0]!.id;
      // A transaction that rolls back leaves a hole for good; it must not hold anything up.
      await doomed.query("BEGIN");
      await doomed.query(insert, ["component:default/ev-never"]);
      await doomed.query("ROLLBACK");
      await create("ev-early");
      const early = await l.next((x) => x.ref === "component:default/ev-early");
      expect(BigInt(early.id)).toBeGreaterThan(BigInt(low));
      // Several polls pass with the lower id still uncommitted.
      await new Promise((r) => setTimeout(r, 200));
      await slow.query("COMMIT");
      const late = await l.next((x) => x.ref === "component:default/ev-late");
      expect(late.id).toBe(low);
      await create("ev-after");
      await l.next((x) => x.ref === "component:default/ev-after");
      expect(l.events.some((x) => x.ref === "component:default/ev-never")).toBe(false);
    } finally {
      l.close();
      await slow.end();
      await doomed.end();
    }
  });

  it("ends the stream when the caller's session or token is revoked", async () => {
    const secret = await sessionFor(t, { email: "viewer@example.com", role: "viewer" });
    const token = await apiTokenFor(t, { scopes: ["catalog:read"], name: "ev-reader" });
    const bySession = await listen("/api/v1/events", { Authorization: `Bearer ${secret}` });
    const byToken = await listen("/api/v1/events", { Authorization: `Bearer ${token}` });
    expect([bySession.status, byToken.status]).toEqual([200, 200]);
    await t.db.prisma.session.update({ where: { id: sha256Hex(secret) }, data: { revokedAt: new Date() } });
    await bySession.ended;
    await t.db.prisma.apiToken.updateMany({ where: { name: "ev-reader" }, data: { revokedAt: new Date() } });
    await byToken.ended;
    const again = await request(t.app).get("/api/v1/events").set("Authorization", `Bearer ${secret}`);
    expect(again.status).toBe(401);
  });

  it("closes cleanly when the client goes, and the shared poller stops with the last listener", async () => {
    const a = await listen();
    const b = await listen();
    await Promise.all([a.live, b.live]);
    expect(eventStreamsOf(t.app).size).toBe(2);
    expect(eventStreamsOf(t.app).feed.listenerCount).toBe(2);
    a.close();
    b.close();
    await until(() => eventStreamsOf(t.app).size === 0 && eventStreamsOf(t.app).feed.listenerCount === 0);
  });

  it("caps streams per caller (429) and per process (503 with Retry-After)", async () => {
    const open: Listener[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await listen());
      const fourth = await request(t.app).get("/api/v1/events").set(admin);
      expect(fourth.status).toBe(429);
      expect(fourth.body.code).toBe("too_many_streams");
      for (const email of ["cap1@example.com", "cap2@example.com", "cap3@example.com"]) {
        open.push(await listen("/api/v1/events", { Authorization: `Bearer ${await sessionFor(t, { email, role: "viewer" })}` }));
      }
      const full = await request(t.app).get("/api/v1/events").set("Authorization", `Bearer ${await sessionFor(t, { email: "cap4@example.com", role: "viewer" })}`);
      expect(full.status).toBe(503);
      expect(full.body.code).toBe("too_many_streams");
      expect(Number(full.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      for (const l of open) l.close();
    }
  });

  it.each([
    ["an unknown parameter", "/api/v1/events?since=1", admin, 400],
    ["no credentials", "/api/v1/events", {}, 401],
  ])("refuses %s", async (_what, path, headers, status) => {
    const res = await request(t.app).get(path).set(headers);
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("ends every stream at shutdown and takes no new ones", async () => {
    await until(() => eventStreamsOf(t.app).size === 0);
    const l = await listen();
    await l.live;
    eventStreamsOf(t.app).closeAll();
    await l.ended;
    expect(eventStreamsOf(t.app).size).toBe(0);
    const late = await request(t.app).get("/api/v1/events").set(admin);
    expect(late.status).toBe(503);
  });
});
